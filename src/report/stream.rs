//! What the machine-readable report files (`json`, `sarif`, `junit`) have in common: each is one
//! document written as the articles stream by — a header, one article's part at a time, then a
//! footer — so a batch of any size is written without being held in memory.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::formats::Format;
use super::{json, junit, sarif, Summary};
use crate::audit::AuditedArticle;
use crate::error::{Error, Result};

/// A report file written article by article.
pub trait StreamedReport {
    /// Write one article's part.
    fn write(&mut self, audited: &AuditedArticle) -> io::Result<()>;
    /// Write the footer and flush.
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}

/// A streamed report and the file it writes, so that errors can name the file.
pub struct ReportFile {
    pub path: PathBuf,
    report: Box<dyn StreamedReport>,
}

impl ReportFile {
    /// Open `format`'s file in `dir` and write its header; `None` for a stdout format.
    pub fn create(format: Format, dir: &Path, as_of: NaiveDate) -> Result<Option<ReportFile>> {
        let Some(name) = format.file_name() else {
            return Ok(None);
        };
        let path = dir.join(name);
        match open(format, &path, as_of) {
            Ok(report) => Ok(report.map(|report| ReportFile { path, report })),
            Err(source) => Err(Error::Write { path, source }),
        }
    }

    pub fn write(&mut self, audited: &AuditedArticle) -> Result<()> {
        self.report.write(audited).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    pub fn finish(self, summary: &Summary) -> Result<()> {
        let path = self.path;
        self.report
            .finish(summary)
            .map_err(|source| Error::Write { path, source })
    }
}

fn open(
    format: Format,
    path: &Path,
    as_of: NaiveDate,
) -> io::Result<Option<Box<dyn StreamedReport>>> {
    let out = || File::create(path).map(BufWriter::new);
    Ok(Some(match format {
        Format::Json => Box::new(json::JsonReport::start(out()?, as_of)?),
        Format::Sarif => Box::new(sarif::SarifReport::start(out()?)?),
        Format::Junit => Box::new(junit::JunitReport::start(out()?)?),
        Format::Full | Format::Concise | Format::Github | Format::Jsonl => return Ok(None),
    }))
}

/// The buffered file every streamed report writes into.
pub type Out = BufWriter<File>;

/// Flush what a report wrote, so that a full disk is an error and not a short file.
pub fn flush(mut out: Out) -> io::Result<()> {
    out.flush()
}
