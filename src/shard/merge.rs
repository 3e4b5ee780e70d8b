//! `citegrade merge`: the reports of a batch audited in shards, as one run would have written
//! them. The shard files are checked to be one complete split of one batch, then their articles
//! are merged back into discovery order — a k-way merge on each article's place in the batch,
//! holding one article per shard and one chunk of output at a time — and replayed through the
//! same [`Output`] an audit writes with.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::file::{Header, Record, ShardReader};
use crate::audit::AuditedArticle;
use crate::error::{Error, Result};
use crate::pipeline::{Observer, Output};
use crate::report::Summary;
use crate::settings::AuditSettings;

/// Articles whose per-article reports are written in parallel before they go to the tables.
const CHUNK: usize = 256;

/// Merge the shard files in `dirs` (each a shard's `--out`, or its shard file) into the reports
/// `settings.out` names. `settings.as_of` is taken from the shards.
pub fn run(
    dirs: &[PathBuf],
    settings: &AuditSettings,
    observer: &mut dyn Observer,
) -> Result<Summary> {
    if let Some(out) = &settings.out {
        refuse_an_input_as_out(dirs, out)?;
    }
    let mut readers = dirs
        .iter()
        .map(|dir| ShardReader::open(dir))
        .collect::<Result<Vec<_>>>()?;
    let first = check_complete(&readers)?.clone();
    let settings = AuditSettings {
        as_of: first.as_of().unwrap_or(settings.as_of),
        ..settings.clone()
    };
    let mut output = Output::create(&settings, first.articles, observer)?;
    output.expect_read(first.claimed.clone());
    let article_reports = output.article_reports();
    let mut merged = Merged::start(&mut readers)?;
    let mut chunk: Vec<AuditedArticle> = Vec::with_capacity(CHUNK);
    loop {
        chunk.clear();
        while chunk.len() < CHUNK {
            match merged.next(&mut readers)? {
                Some(record) => chunk.push(record.audited),
                None => break,
            }
        }
        if chunk.is_empty() {
            break;
        }
        // Marks come from the merge's own baseline (see `Output::add`), also in the article
        // reports written here.
        for audited in &mut chunk {
            for finding in &mut audited.findings {
                finding.baselined = false;
            }
        }
        if let Some(reports) = &article_reports {
            chunk
                .par_iter()
                .map(|audited| reports.write(audited))
                .collect::<Result<()>>()?;
        }
        for audited in &mut chunk {
            output.add(audited)?;
        }
    }
    if merged.count != first.articles {
        return Err(mismatch(format!(
            "the shards hold {} articles, but the batch had {}",
            merged.count, first.articles
        )));
    }
    let summary = output.finish(first.skipped)?;
    // A shard file left in `--out` by an earlier shard run is not part of these reports, and a
    // later merge must not take it for one.
    if let Some(out) = &settings.out {
        super::file::remove_stale(out)?;
    }
    Ok(summary)
}

/// Merging into one of the shard folders would replace the reports being read.
fn refuse_an_input_as_out(dirs: &[PathBuf], out: &Path) -> Result<()> {
    let Ok(out) = out.canonicalize() else {
        return Ok(());
    };
    for dir in dirs {
        let folder = if dir.is_dir() {
            dir.as_path()
        } else {
            // "shard.jsonl" has the parent "", which is the current folder.
            dir.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        if folder.canonicalize().is_ok_and(|f| f == out) {
            return Err(mismatch(format!(
                "--out {} is one of the shard folders being merged; merge into another folder",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Check that the shard files are the N shards of one batch, each once. Returns one header.
fn check_complete(readers: &[ShardReader]) -> Result<&Header> {
    let Some(first) = readers.first() else {
        return Err(mismatch("no shard folders given".into()));
    };
    let head = &first.header;
    let name = |r: &ShardReader| r.path().display().to_string();
    for reader in readers.iter().skip(1) {
        let other = &reader.header;
        let differs = if other.shards != head.shards {
            Some(format!(
                "shard {}/{} and shard {}/{}: the shards of one merge must split the batch the same number of ways",
                head.shard, head.shards, other.shard, other.shards
            ))
        } else if other.as_of != head.as_of {
            Some(format!(
                "--as-of {} and --as-of {}: the shards must be audited as of one date",
                head.as_of, other.as_of
            ))
        } else if other.articles != head.articles
            || other.skipped != head.skipped
            || other.batch != head.batch
            || other.claimed != head.claimed
        {
            Some("the shards were not cut from the same batch of files".into())
        } else {
            None
        };
        if let Some(problem) = differs {
            return Err(mismatch(format!(
                "{} and {}: {problem}",
                name(first),
                name(reader)
            )));
        }
    }
    let mut seen: BTreeMap<u32, &ShardReader> = BTreeMap::new();
    for reader in readers {
        if let Some(earlier) = seen.insert(reader.header.shard, reader) {
            return Err(mismatch(format!(
                "shard {}/{} is given twice: {} and {}",
                reader.header.shard,
                head.shards,
                name(earlier),
                name(reader)
            )));
        }
    }
    let missing = head.shards as usize - seen.len();
    if missing > 0 {
        // Name the first few: N comes from a file and may be large.
        let named: Vec<String> = (1..=head.shards)
            .filter(|k| !seen.contains_key(k))
            .take(5)
            .map(|k| format!("{k}/{}", head.shards))
            .collect();
        let more = if missing > named.len() {
            format!(" and {} more", missing - named.len())
        } else {
            String::new()
        };
        return Err(mismatch(format!(
            "missing shard {}{more}: a merge needs every shard of the split",
            named.join(", ")
        )));
    }
    Ok(head)
}

fn mismatch(message: String) -> Error {
    Error::Merge { message }
}

/// The k-way merge: the next article of each shard, smallest place in the batch first.
struct Merged {
    heads: BinaryHeap<Reverse<(usize, usize)>>,
    records: Vec<Option<Record>>,
    /// Articles taken so far, and so the place the next one must have.
    count: usize,
}

impl Merged {
    fn start(readers: &mut [ShardReader]) -> Result<Merged> {
        let mut merged = Merged {
            heads: BinaryHeap::with_capacity(readers.len()),
            records: readers.iter().map(|_| None).collect(),
            count: 0,
        };
        for shard in 0..readers.len() {
            merged.refill(readers, shard)?;
        }
        Ok(merged)
    }

    /// Read the next article of shard `shard`, if it has one.
    fn refill(&mut self, readers: &mut [ShardReader], shard: usize) -> Result<()> {
        let Some(reader) = readers.get_mut(shard) else {
            return Ok(());
        };
        let record = reader.next_record()?;
        if let Some(record) = &record {
            self.heads.push(Reverse((record.index, shard)));
        }
        if let Some(slot) = self.records.get_mut(shard) {
            *slot = record;
        }
        Ok(())
    }

    /// The article at the next place of the batch.
    fn next(&mut self, readers: &mut [ShardReader]) -> Result<Option<Record>> {
        let Some(Reverse((index, shard))) = self.heads.pop() else {
            return Ok(None);
        };
        let Some(record) = self.records.get_mut(shard).and_then(Option::take) else {
            return Ok(None);
        };
        if index != self.count {
            let problem = if index < self.count {
                format!("article #{index} is in more than one shard file")
            } else {
                format!("article #{} is in no shard file", self.count)
            };
            return Err(match readers.get(shard) {
                Some(reader) => reader.error(&problem),
                None => mismatch(problem),
            });
        }
        self.count += 1;
        self.refill(readers, shard)?;
        Ok(Some(record))
    }
}
