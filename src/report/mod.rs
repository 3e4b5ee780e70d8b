//! Reports: one module per output format. Writers never decide anything; they render what the
//! audit found.
//!
//! Everything is written into a staging folder inside `--out` as the articles stream by, and
//! moved into place only when the run has finished, so an interrupted run never leaves a half
//! report where a complete one is expected.

mod article_md;
mod csv_tables;
pub mod diagnostic;
pub mod formats;
pub mod github;
pub mod grade_table;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod sarif;
mod stream;
mod summary;
pub mod terminal;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use formats::{Format, Formats};
pub use summary::Summary;

use crate::audit::AuditedArticle;
use crate::error::{Error, Result};
use crate::model::{Article, Finding};

/// A path as every report writes it: `/`-separated whatever the platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The file a finding points into: the sidecar bibliography it names, else the article.
pub fn finding_path(article: &Article, finding: &Finding) -> String {
    display_path(finding.path.as_deref().unwrap_or(&article.path))
}

/// The report files written into `--out`.
pub const FINDINGS_CSV: &str = "findings.csv";
pub const REFERENCES_CSV: &str = "references.csv";
pub const CITATIONS_CSV: &str = "citations.csv";
pub const SUMMARY_MD: &str = "summary.md";
pub const ARTICLES_DIR: &str = "articles";

/// Writes every report of one run, article by article.
pub struct ReportWriter {
    out: PathBuf,
    staging: PathBuf,
    tables: csv_tables::Tables,
    as_of: NaiveDate,
    /// The report formats asked for (`json`, `sarif`, `junit`), each streamed into its file.
    streamed: Vec<stream::ReportFile>,
}

impl ReportWriter {
    /// Prepare `out` (created if missing) and a staging folder inside it.
    pub fn create(out: &Path, as_of: NaiveDate) -> Result<Self> {
        let write_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        fs::create_dir_all(out).map_err(write_error(out))?;
        let staging = out.join(format!(".citegrade-partial-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(write_error(&staging))?;
        }
        fs::create_dir_all(staging.join(ARTICLES_DIR)).map_err(write_error(&staging))?;
        Ok(ReportWriter {
            out: out.to_path_buf(),
            tables: csv_tables::Tables::create(&staging)?,
            staging,
            as_of,
            streamed: Vec::new(),
        })
    }

    /// Also write these report formats (stdout formats among them are ignored).
    pub fn add_reports(&mut self, formats: &[Format]) -> Result<()> {
        for &format in formats {
            if let Some(file) = stream::ReportFile::create(format, &self.staging, self.as_of)? {
                self.streamed.push(file);
            }
        }
        Ok(())
    }

    /// Write one article's rows into the tables.
    pub fn write(&mut self, audited: &AuditedArticle) -> Result<()> {
        self.tables.write(audited)?;
        for file in &mut self.streamed {
            file.write(audited)?;
        }
        Ok(())
    }

    /// A handle that writes per-article Markdown reports; it can be used from worker threads,
    /// since each article's report is its own file.
    pub fn article_reports(&self) -> ArticleReports {
        ArticleReports {
            dir: self.staging.join(ARTICLES_DIR),
            as_of: self.as_of,
        }
    }

    /// Finish the tables, write the summary, and move everything into `out`.
    pub fn finish(self, summary: &Summary) -> Result<()> {
        self.tables.finish()?;
        let mut streamed = Vec::new();
        for file in self.streamed {
            streamed.extend(file.path.file_name().map(|n| n.to_os_string()));
            file.finish(summary)?;
        }
        let summary_path = self.staging.join(SUMMARY_MD);
        fs::write(&summary_path, summary.render()).map_err(|source| Error::Write {
            path: summary_path,
            source,
        })?;
        publish(&self.staging, &self.out, &streamed)
    }
}

/// Writes `articles/<id>.md` into the staging folder.
#[derive(Clone, Debug)]
pub struct ArticleReports {
    dir: PathBuf,
    as_of: NaiveDate,
}

impl ArticleReports {
    pub fn write(&self, audited: &AuditedArticle) -> Result<()> {
        let path = self.dir.join(format!("{}.md", audited.article.id));
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let text = article_md::render(audited, self.as_of);
        fs::write(&path, text).map_err(|source| Error::Write { path, source })
    }
}

/// Move the staged reports into `out`, replacing the previous run's. A report format the
/// previous run wrote and this one was not asked for is removed, so that `out` never holds a
/// SARIF or JUnit file of another run beside this run's CSVs.
fn publish(staging: &Path, out: &Path, streamed: &[std::ffi::OsString]) -> Result<()> {
    let rename = |from: PathBuf, to: PathBuf| {
        fs::rename(&from, &to).map_err(|source| Error::Write { path: to, source })
    };
    for name in [FINDINGS_CSV, REFERENCES_CSV, CITATIONS_CSV, SUMMARY_MD] {
        rename(staging.join(name), out.join(name))?;
    }
    for name in streamed {
        rename(staging.join(name), out.join(name))?;
    }
    for stale in Format::ALL.into_iter().filter_map(Format::file_name) {
        let path = out.join(stale);
        if !streamed.iter().any(|n| n == stale) && path.is_file() {
            fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
        }
    }
    let articles = out.join(ARTICLES_DIR);
    let previous = staging.join("articles.previous");
    if articles.exists() {
        rename(articles.clone(), previous.clone())?;
    }
    rename(staging.join(ARTICLES_DIR), articles)?;
    fs::remove_dir_all(staging).map_err(|source| Error::Write {
        path: staging.to_path_buf(),
        source,
    })
}
