//! `shard.jsonl`: what a shard run leaves beside its reports so that `citegrade merge` can
//! write the reports of the whole batch. JSON Lines: a [`Header`] line, then one line per
//! audited article in output order, each with its position in the whole batch.
//!
//! The file carries everything the reports are rendered from — the audited articles and the
//! batch-wide facts (`--as-of`, the files not audited) — so the merge replays the very values
//! a single run would have written.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Shard;
use crate::audit::AuditedArticle;
use crate::error::{Error, Result};

/// The file a shard run writes into its `--out`.
pub const FILE_NAME: &str = "shard.jsonl";

/// What the header's `format` says, so that no other JSON Lines file is taken for a shard.
const FORMAT: &str = "citegrade-shard";

/// Bumped whenever the layout of the file changes.
pub const VERSION: u32 = 1;

/// The first line: which shard this is and what every shard of the batch shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// K.
    pub shard: u32,
    /// N.
    pub shards: u32,
    /// `--as-of`, YYYY-MM-DD.
    pub as_of: String,
    /// Articles in the whole batch, every shard together.
    pub articles: usize,
    /// Articles in this file.
    pub shard_articles: usize,
    /// Files discovery found but did not audit (summary.md's "Not audited").
    pub skipped: Vec<PathBuf>,
    /// The batch's fingerprint (`shard::batch_fingerprint`): the same in every shard of it.
    #[serde(default)]
    pub batch: String,
    /// Files left to be read with an article of the batch (`pipeline::Discovery::claimed`):
    /// the merge lists those no article read as not audited, as one run does.
    #[serde(default)]
    pub claimed: Vec<(PathBuf, PathBuf)>,
}

impl Header {
    pub fn new(
        shard: Shard,
        as_of: NaiveDate,
        articles: usize,
        shard_articles: usize,
        skipped: &[PathBuf],
        batch: String,
    ) -> Header {
        Header {
            format: FORMAT.into(),
            version: VERSION,
            shard: shard.index(),
            shards: shard.count(),
            as_of: as_of.to_string(),
            articles,
            shard_articles,
            skipped: skipped.to_vec(),
            batch,
            claimed: Vec::new(),
        }
    }

    /// `--as-of` as a date.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of.parse().ok()
    }
}

/// One audited article and where it stands in the whole batch.
#[derive(Debug, Deserialize)]
pub struct Record {
    /// Position in discovery order across all shards, from 0.
    pub index: usize,
    pub audited: AuditedArticle,
}

/// A record as written, borrowing the article rather than copying it.
#[derive(Serialize)]
struct RecordRef<'a> {
    index: usize,
    /// The source lines findings point at: `Article::lines` is not serialised, and these are
    /// the only lines a report may quote.
    quoted_lines: BTreeMap<usize, &'a str>,
    audited: &'a AuditedArticle,
}

/// A record as read, before its quoted lines go back into the article.
#[derive(Deserialize)]
struct RecordFields {
    index: usize,
    quoted_lines: BTreeMap<usize, String>,
    audited: AuditedArticle,
}

/// Writes `shard.jsonl` under a temporary name, renamed into place when the run has finished,
/// so that an interrupted run leaves no shard file to merge.
pub struct ShardWriter {
    partial: PathBuf,
    path: PathBuf,
    file: BufWriter<File>,
}

impl ShardWriter {
    /// Start the file in `out` with its header.
    pub fn create(out: &Path, header: &Header) -> Result<ShardWriter> {
        fs::create_dir_all(out).map_err(write_error(out))?;
        let partial = out.join(format!(".{FILE_NAME}.partial-{}", std::process::id()));
        let file = File::create(&partial).map_err(write_error(&partial))?;
        let mut writer = ShardWriter {
            path: out.join(FILE_NAME),
            file: BufWriter::new(file),
            partial,
        };
        writer.line(header)?;
        Ok(writer)
    }

    /// Add the article at `index` of the whole batch.
    pub fn write(&mut self, index: usize, audited: &AuditedArticle) -> Result<()> {
        let article = &audited.article;
        let quoted_lines = audited
            .findings
            .iter()
            .filter(|f| f.path.is_none())
            .filter_map(|f| {
                let line = f.position.line;
                let text = line.checked_sub(1).and_then(|i| article.lines.get(i))?;
                Some((line, text.as_str()))
            })
            .collect();
        self.line(&RecordRef {
            index,
            quoted_lines,
            audited,
        })
    }

    /// Flush the file and give it its final name.
    pub fn finish(self) -> Result<()> {
        let ShardWriter {
            partial,
            path,
            file,
        } = self;
        let file = file
            .into_inner()
            .map_err(|e| write_error(&partial)(e.into_error()))?;
        file.sync_all().map_err(write_error(&partial))?;
        fs::rename(&partial, &path).map_err(write_error(&path))
    }

    fn line(&mut self, value: &impl Serialize) -> Result<()> {
        serde_json::to_writer(&mut self.file, value)
            .map_err(|e| write_error(&self.partial)(e.into()))?;
        self.file
            .write_all(b"\n")
            .map_err(write_error(&self.partial))
    }
}

/// Remove a shard file left in `out` by an earlier shard run, so that a later merge cannot take
/// it for part of this run.
pub fn remove_stale(out: &Path) -> Result<()> {
    let path = out.join(FILE_NAME);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(write_error(&path)(e)),
        _ => Ok(()),
    }
}

fn write_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Write { path, source }
}

/// Reads a shard file one article at a time.
pub struct ShardReader {
    pub header: Header,
    lines: Lines,
    /// Articles read so far.
    records: usize,
}

impl ShardReader {
    /// Open `path`: a shard file, or a folder holding one. The header is read and checked.
    pub fn open(path: &Path) -> Result<ShardReader> {
        let path = if path.is_dir() {
            path.join(FILE_NAME)
        } else {
            path.to_path_buf()
        };
        let file = File::open(&path).map_err(|e| Error::Input {
            path: path.clone(),
            message: format!(
                "cannot read the shard file: {e} (is it the --out of `citegrade audit --shard K/N`?)"
            ),
        })?;
        let mut lines = Lines {
            path,
            reader: BufReader::new(file),
            number: 0,
            buffer: String::new(),
        };
        let header = match lines.next::<Header>() {
            Ok(Some(header)) if header.format == FORMAT => header,
            Ok(None) | Ok(Some(_)) | Err(_) => {
                return Err(lines.error("not a citegrade shard file"))
            }
        };
        if header.version != VERSION {
            return Err(lines.error(&format!(
                "shard file format {} (this citegrade reads format {VERSION}): \
                 run the shards and the merge with one citegrade version",
                header.version
            )));
        }
        if Shard::new(header.shard, header.shards).is_err() || header.as_of().is_none() {
            return Err(lines.error("the header is damaged"));
        }
        Ok(ShardReader {
            header,
            lines,
            records: 0,
        })
    }

    /// The file read.
    pub fn path(&self) -> &Path {
        &self.lines.path
    }

    /// An error about this file, at the line last read.
    pub fn error(&self, message: &str) -> Error {
        self.lines.error(message)
    }

    /// The next article, or `None` at the end of the file.
    pub fn next_record(&mut self) -> Result<Option<Record>> {
        let Some(fields) = self.lines.next::<RecordFields>()? else {
            if self.records != self.header.shard_articles {
                return Err(self.error(&format!(
                    "truncated: {} of the shard's {} articles",
                    self.records, self.header.shard_articles
                )));
            }
            return Ok(None);
        };
        self.records += 1;
        let RecordFields {
            index,
            quoted_lines,
            mut audited,
        } = fields;
        // Put the quoted lines back where `Article::source_line` looks for them.
        let length = quoted_lines.keys().next_back().copied().unwrap_or(0);
        let mut lines = vec![String::new(); length];
        for (line, text) in quoted_lines {
            if let Some(slot) = line.checked_sub(1).and_then(|i| lines.get_mut(i)) {
                *slot = text;
            }
        }
        audited.article.lines = lines;
        Ok(Some(Record { index, audited }))
    }
}

/// The lines of a JSON Lines file, each parsed as it is read.
struct Lines {
    path: PathBuf,
    reader: BufReader<File>,
    /// The line last read, from 1.
    number: usize,
    buffer: String,
}

impl Lines {
    fn next<T: for<'de> Deserialize<'de>>(&mut self) -> Result<Option<T>> {
        self.buffer.clear();
        let read = self
            .reader
            .read_line(&mut self.buffer)
            .map_err(|e| Error::Input {
                path: self.path.clone(),
                message: format!("cannot read: {e}"),
            })?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        serde_json::from_str(&self.buffer)
            .map(Some)
            .map_err(|e| self.error(&e.to_string()))
    }

    fn error(&self, message: &str) -> Error {
        let message = match self.number {
            0 => message.to_string(),
            line => format!("line {line}: {message}"),
        };
        Error::Input {
            path: self.path.clone(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::audit::audit_article;
    use crate::input::{self, ReadMode};
    use crate::retractions::RetractionList;
    use crate::settings::Policy;

    const ARTICLE: &str = "Intro\n\nThe 2016 study 2 found relief [3].\n\nReferences\n\n1. Smith J. A randomised trial of gabapentin. Pain. 2015;1:1-2.\n";

    fn audited() -> AuditedArticle {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let article = input::read_bytes(
            ARTICLE.as_bytes(),
            Path::new("dir/a.txt"),
            "a".into(),
            ReadMode::Article,
        );
        audit_article(
            article,
            as_of,
            &Policy::default(),
            &RetractionList::default(),
        )
    }

    #[test]
    fn an_article_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let batch = crate::shard::batch_fingerprint(["a", "b"].into_iter());
        let header = Header::new(
            Shard::new(2, 3).unwrap(),
            as_of,
            7,
            1,
            &["x.pdf".into()],
            batch,
        );
        let audited = audited();
        assert!(!audited.findings.is_empty());
        let mut writer = ShardWriter::create(dir.path(), &header).unwrap();
        writer.write(4, &audited).unwrap();
        writer.finish().unwrap();

        let mut reader = ShardReader::open(dir.path()).unwrap();
        assert_eq!(reader.header, header);
        let record = reader.next_record().unwrap().unwrap();
        assert_eq!(record.index, 4);
        let back = record.audited;
        assert_eq!(back.findings, audited.findings);
        assert_eq!(back.times_cited, audited.times_cited);
        // The serialised shape (what every report renders) is unchanged by the round trip.
        let json = |a: &AuditedArticle| serde_json::to_string(a).unwrap();
        assert_eq!(json(&back), json(&audited));
        // Quoted lines come back; the others are not carried.
        for finding in &audited.findings {
            let line = finding.position.line;
            assert_eq!(
                back.article.source_line(line),
                audited.article.source_line(line)
            );
        }
        assert!(reader.next_record().unwrap().is_none());
    }

    #[test]
    fn another_file_is_not_taken_for_a_shard() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(FILE_NAME), "{\"article\":\"a\"}\n").unwrap();
        let err = ShardReader::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("shard.jsonl: line 1:"), "{err}");
        let missing = ShardReader::open(&dir.path().join("nope")).err().unwrap();
        assert!(missing.to_string().contains("cannot read the shard file"));
    }
}
