//! The three CSV tables: `findings.csv`, `references.csv`, `citations.csv`. Their columns are
//! a stable interface (see DESIGN.md): append new ones at the end, never rename or reorder.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::{finding_path, CITATIONS_CSV, FINDINGS_CSV, REFERENCES_CSV};
use crate::audit::AuditedArticle;
use crate::error::{Error, Result};

pub const FINDINGS_COLUMNS: &[&str] = &[
    "article",
    "path",
    "line",
    "column",
    "code",
    "rule",
    "severity",
    "message",
    "citation",
    "reference",
];
pub const REFERENCES_COLUMNS: &[&str] = &[
    "article",
    "ref",
    "authors",
    "title",
    "journal",
    "year",
    "age_years",
    "doi",
    "pmid",
    "design",
    "design_source",
    "design_cue",
    "level",
    "recency",
    "times_cited",
    "certainty",
];
pub const CITATIONS_COLUMNS: &[&str] = &[
    "article",
    "line",
    "column",
    "marker",
    "ref",
    "stated_year",
    "ref_year",
    "status",
    "sentence",
];

struct Table {
    path: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

impl Table {
    fn create(path: PathBuf, columns: &[&str]) -> Result<Self> {
        let file = File::create(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        let mut table = Table {
            writer: csv::Writer::from_writer(BufWriter::new(file)),
            path,
        };
        table.row(columns)?;
        Ok(table)
    }

    fn row<I, T>(&mut self, cells: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let cells: Vec<Vec<u8>> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        self.writer
            .write_record(cells)
            .map_err(|source| Error::Csv {
                path: self.path.clone(),
                source,
            })
    }

    fn finish(mut self) -> Result<()> {
        self.writer.flush().map_err(|source| Error::Write {
            path: self.path,
            source,
        })
    }
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) gets
/// a leading `'`, as OWASP advises for CSV files opened in Excel; numbers are left alone.
fn neutralise(cell: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let risky = matches!(
        cell.first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let number = std::str::from_utf8(cell).is_ok_and(|s| s.parse::<f64>().is_ok());
    if risky && !number {
        let mut safe = Vec::with_capacity(cell.len() + 1);
        safe.push(b'\'');
        safe.extend_from_slice(cell);
        std::borrow::Cow::Owned(safe)
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub struct Tables {
    findings: Table,
    references: Table,
    citations: Table,
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A line or column number; 0 (the whole file) is written as an empty cell.
fn number(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

impl Tables {
    pub fn create(dir: &Path) -> Result<Self> {
        Ok(Tables {
            findings: Table::create(dir.join(FINDINGS_CSV), FINDINGS_COLUMNS)?,
            references: Table::create(dir.join(REFERENCES_CSV), REFERENCES_COLUMNS)?,
            citations: Table::create(dir.join(CITATIONS_CSV), CITATIONS_COLUMNS)?,
        })
    }

    pub fn write(&mut self, audited: &AuditedArticle) -> Result<()> {
        let article = &audited.article;
        for f in &audited.findings {
            self.findings.row([
                article.id.clone(),
                finding_path(article, f),
                number(f.position.line),
                number(f.position.column),
                f.code.to_string(),
                f.rule.to_string(),
                f.severity.to_string(),
                f.message.clone(),
                opt(f.citation.as_deref()),
                opt(f.reference.as_deref()),
            ])?;
        }
        for ((r, g), cited) in article
            .references
            .iter()
            .zip(&audited.grades)
            .zip(&audited.times_cited)
        {
            let authors: Vec<String> = r.authors.iter().map(ToString::to_string).collect();
            self.references.row([
                article.id.clone(),
                r.key.clone(),
                authors.join("; "),
                opt(r.title.as_deref()),
                opt(r.container.as_deref()),
                opt(r.year),
                opt(g.age_years),
                opt(r.doi.as_deref()),
                opt(r.pmid.as_deref()),
                g.design.as_str().to_string(),
                g.design_source.as_str().to_string(),
                opt(g.design_cue.as_deref()),
                g.level.label(),
                g.recency.as_str().to_string(),
                cited.to_string(),
                g.certainty.as_str().to_string(),
            ])?;
        }
        for c in &article.citations {
            let reference = c.reference.and_then(|i| article.references.get(i));
            self.citations.row([
                article.id.clone(),
                number(c.position.line),
                number(c.position.column),
                c.marker.clone(),
                c.key.clone(),
                opt(c.stated_year),
                opt(reference.and_then(|r| r.year)),
                c.status.as_str().to_string(),
                opt(article.sentences.get(c.sentence).map(|s| s.text.as_str())),
            ])?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        self.findings.finish()?;
        self.references.finish()?;
        self.citations.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        let safe = |s: &str| String::from_utf8(neutralise(s.as_bytes()).into_owned()).unwrap();
        assert_eq!(
            safe("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("-cmd"), "'-cmd");
        assert_eq!(safe("\tx"), "'\tx");
        assert_eq!(safe("-3"), "-3");
        assert_eq!(safe("Gabapentin"), "Gabapentin");
    }
}
