//! Baselines: adopt citegrade on a backlog of articles without failing on day one.
//!
//! `--write-baseline FILE` records the run's findings as entries of (path as the reports print
//! it, code, reference key, count) — no line numbers, so editing above a finding does not
//! break its match. `--baseline FILE` then takes the findings each entry covers (the first
//! `count` of its group, in report order) out of the exit status and the terminal output; they
//! stay in the CSV and Markdown reports. Findings beyond the baseline fail as usual, and
//! entries that no longer occur (or occur fewer times) are reported as stale, so the baseline
//! only ever shrinks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::AuditedArticle;
use crate::error::{Error, Result};
use crate::input::companions::normalise;
use crate::report::{display_path, finding_path};

/// The baseline file format this citegrade reads and writes.
pub const VERSION: u32 = 1;

/// What a finding is matched on: its file, its rule and the reference it concerns ("" when
/// it concerns none).
type Key = (String, String, String);

/// One group of findings the baseline accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file the findings point into, `/`-separated, as the reports print it.
    pub path: String,
    pub code: String,
    /// The reference number or key, or "" for findings about no reference.
    pub reference: String,
    /// How many findings of this group the baseline accepts.
    pub count: usize,
}

impl Entry {
    fn from_key((path, code, reference): Key, count: usize) -> Entry {
        Entry {
            path,
            code,
            reference,
            count,
        }
    }
}

/// The file as written: a version, then the entries sorted by path, code and reference.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// Counts per group, in key order (so the file is stable whatever order findings came in).
#[derive(Debug, Default)]
struct Counts(BTreeMap<Key, usize>);

impl Counts {
    fn into_entries(self) -> Vec<Entry> {
        self.0
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|(key, count)| Entry::from_key(key, count))
            .collect()
    }
}

/// A path as the baseline records it: as the reports print it, without `./` or `a/../`, so
/// that `references` and `./references` on the command line match the same entries.
fn baseline_path(path: &str) -> String {
    display_path(&normalise(Path::new(path)))
}

/// The keys of an article's findings, in report order.
fn keys(audited: &AuditedArticle) -> impl Iterator<Item = Key> + '_ {
    audited.findings.iter().map(|finding| {
        (
            baseline_path(&finding_path(&audited.article, finding)),
            finding.code.to_string(),
            finding.reference.clone().unwrap_or_default(),
        )
    })
}

/// A baseline read from its file, being matched against a run's findings.
#[derive(Debug)]
pub struct Baseline {
    file: PathBuf,
    /// What each group may still cover.
    remaining: Counts,
    /// Every file the run audited: only entries for these can be stale.
    audited: BTreeSet<String>,
}

impl Baseline {
    /// Read `file`. A missing or malformed file stops the run, naming the file (and the line).
    pub fn load(file: &Path) -> Result<Baseline> {
        let error = |line: Option<usize>, message: String| Error::Baseline {
            path: file.to_path_buf(),
            line,
            message,
        };
        let text =
            std::fs::read_to_string(file).map_err(|e| error(None, format!("cannot read: {e}")))?;
        let parsed: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            // The line goes in front, as in every other error; serde_json also appends it.
            let message = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            let cause = message.strip_suffix(&place).unwrap_or(&message).to_string();
            error(Some(e.line()), cause)
        })?;
        if parsed.version != VERSION {
            return Err(error(
                None,
                format!(
                    "version {} is not one this citegrade reads (it reads version {VERSION})",
                    parsed.version
                ),
            ));
        }
        let mut remaining = Counts::default();
        for entry in parsed.entries {
            *remaining
                .0
                .entry((baseline_path(&entry.path), entry.code, entry.reference))
                .or_default() += entry.count;
        }
        Ok(Baseline {
            file: file.to_path_buf(),
            remaining,
            audited: BTreeSet::new(),
        })
    }

    /// Mark the article's findings the baseline covers. Articles must come in report order,
    /// so that "the first `count` of a group" means the same in every run.
    pub fn mark(&mut self, audited: &mut AuditedArticle) {
        self.audited
            .insert(baseline_path(&display_path(&audited.article.path)));
        self.audited.extend(
            audited
                .article
                .references
                .iter()
                .filter_map(|r| r.source.as_deref())
                .map(|source| baseline_path(&display_path(source))),
        );
        let keys: Vec<Key> = keys(audited).collect();
        for (finding, key) in audited.findings.iter_mut().zip(keys) {
            if let Some(left) = self.remaining.0.get_mut(&key).filter(|n| **n > 0) {
                *left -= 1;
                finding.baselined = true;
            }
        }
    }

    /// The outcome once every article has been marked: the entries of audited files that
    /// matched fewer findings than they record, with the number that no longer occur.
    pub fn finish(self) -> BaselineReport {
        let audited = self.audited;
        let named: BTreeSet<&String> = self.remaining.0.keys().map(|(path, _, _)| path).collect();
        let none_audited = !named.is_empty() && !named.iter().any(|path| audited.contains(*path));
        let stale = Counts(
            self.remaining
                .0
                .into_iter()
                .filter(|((path, _, _), _)| audited.contains(path))
                .collect(),
        );
        BaselineReport {
            file: self.file,
            stale: stale.into_entries(),
            none_audited,
        }
    }
}

/// What comparing a run with its baseline showed, for the summary.
#[derive(Clone, Debug)]
pub struct BaselineReport {
    pub file: PathBuf,
    /// Entries that no longer occur; `count` is how many of the recorded findings are gone.
    pub stale: Vec<Entry>,
    /// The baseline names files, and the run audited none of them: it was most likely
    /// written from another folder or with other paths, and matched nothing.
    pub none_audited: bool,
}

impl BaselineReport {
    /// What stderr should say about the baseline: stale entries, or that it matched no file.
    pub fn message(&self) -> Option<String> {
        if self.none_audited {
            return Some(format!(
                "citegrade: warning: baseline {}: none of the files it names was audited in this \
                 run, so it accepted nothing; its paths are matched as the reports print them, so \
                 run from the folder, and with the paths, it was written with",
                display_path(&self.file),
            ));
        }
        if self.stale.is_empty() {
            return None;
        }
        let entries = match self.stale.len() {
            1 => "1 entry no longer occurs".to_string(),
            n => format!("{n} entries no longer occur"),
        };
        let mut message = format!(
            "citegrade: baseline {}: {entries} (write a new baseline to drop them):",
            display_path(&self.file),
        );
        for entry in &self.stale {
            message.push_str(&format!(
                "\n  {} {} {} ({})",
                entry.path,
                entry.code,
                if entry.reference.is_empty() {
                    "-"
                } else {
                    &entry.reference
                },
                entry.count
            ));
        }
        Some(message)
    }
}

/// Collects a run's findings for `--write-baseline`.
#[derive(Debug, Default)]
pub struct Recorder {
    counts: Counts,
}

impl Recorder {
    /// Record the article's findings; they count as baselined in this run, which the file
    /// being written will accept from now on.
    pub fn record(&mut self, audited: &mut AuditedArticle) {
        for key in keys(audited).collect::<Vec<_>>() {
            *self.counts.0.entry(key).or_default() += 1;
        }
        for finding in &mut audited.findings {
            finding.baselined = true;
        }
    }

    /// The baseline file's text: JSON, entries sorted, ending in a newline.
    pub fn render(self) -> serde_json::Result<String> {
        let file = BaselineFile {
            version: VERSION,
            entries: self.counts.into_entries(),
        };
        let mut text = serde_json::to_string_pretty(&file)?;
        text.push('\n');
        Ok(text)
    }

    /// Write the baseline to `file`.
    pub fn write(self, file: &Path) -> Result<()> {
        let text = self.render().map_err(|e| Error::Baseline {
            path: file.to_path_buf(),
            line: None,
            message: e.to_string(),
        })?;
        std::fs::write(file, text).map_err(|source| Error::Write {
            path: file.to_path_buf(),
            source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::cg003_unused_suppression;
    use crate::model::{Article, Finding, Position};

    fn finding(code: &'static str, line: usize, reference: &str) -> Finding {
        let mut f = cg003_unused_suppression::finding(Position::new(line, 1), "m".into());
        f.code = code;
        f.reference = (!reference.is_empty()).then(|| reference.to_string());
        f
    }

    fn audited(path: &str, findings: Vec<Finding>) -> AuditedArticle {
        AuditedArticle {
            article: Article {
                path: PathBuf::from(path),
                ..Article::default()
            },
            grades: Vec::new(),
            times_cited: Vec::new(),
            findings,
            suppressed: 0,
        }
    }

    fn written(articles: &mut [AuditedArticle]) -> String {
        let mut recorder = Recorder::default();
        for a in articles.iter_mut() {
            recorder.record(a);
        }
        recorder.render().unwrap()
    }

    fn loaded(text: &str) -> Result<Baseline> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        std::fs::write(&file, text).unwrap();
        Baseline::load(&file)
    }

    #[test]
    fn the_file_is_sorted_counted_and_has_no_lines() {
        let text = written(&mut [
            audited(
                "b.txt",
                vec![finding("CG201", 9, "2"), finding("CG204", 3, "")],
            ),
            audited(
                "a.txt",
                vec![finding("CG201", 4, "2"), finding("CG201", 8, "2")],
            ),
        ]);
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(file["version"], 1);
        let entries: Vec<String> = file["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {}",
                    e["path"], e["code"], e["reference"], e["count"]
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                r#""a.txt" "CG201" "2" 2"#,
                r#""b.txt" "CG201" "2" 1"#,
                r#""b.txt" "CG204" "" 1"#,
            ]
        );
        assert!(!text.contains("line"));
    }

    #[test]
    fn a_group_covers_its_first_findings_up_to_its_count() {
        let text = written(&mut [audited("a.txt", vec![finding("CG101", 4, "5")])]);
        let mut baseline = loaded(&text).unwrap();
        let mut run = audited(
            "a.txt",
            vec![
                finding("CG101", 14, "5"),
                finding("CG101", 20, "5"),
                finding("CG101", 21, "6"),
            ],
        );
        baseline.mark(&mut run);
        let marked: Vec<bool> = run.findings.iter().map(|f| f.baselined).collect();
        assert_eq!(marked, [true, false, false]);
        assert!(baseline.finish().stale.is_empty());
    }

    #[test]
    fn entries_of_audited_files_that_no_longer_occur_are_stale() {
        let text = written(&mut [
            audited(
                "a.txt",
                vec![finding("CG201", 4, "1"), finding("CG201", 5, "1")],
            ),
            audited("other.txt", vec![finding("CG201", 4, "1")]),
        ]);
        let mut baseline = loaded(&text).unwrap();
        baseline.mark(&mut audited("a.txt", vec![finding("CG201", 4, "1")]));
        let report = baseline.finish();
        // other.txt was not audited in this run: its entry is not judged.
        assert_eq!(
            report.stale,
            [Entry {
                path: "a.txt".into(),
                code: "CG201".into(),
                reference: "1".into(),
                count: 1
            }]
        );
        let message = report.message().unwrap();
        assert!(message.contains("1 entry no longer occurs"), "{message}");
        assert!(message.ends_with("\n  a.txt CG201 1 (1)"), "{message}");
    }

    #[test]
    fn a_bad_file_names_itself_and_the_line() {
        let err = loaded("{\"version\": 1,\n\"entries\": [ {\"path\": 3} ]}").unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("baseline.json:2: baseline: invalid type"),
            "{message}"
        );
        let err = loaded("{\"version\": 7, \"entries\": []}").unwrap_err();
        assert!(err.to_string().contains("version 7"), "{err}");
        let err = Baseline::load(Path::new("/no/such/baseline.json")).unwrap_err();
        assert!(err
            .to_string()
            .starts_with("/no/such/baseline.json: baseline: cannot read"));
    }
}
