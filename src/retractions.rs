//! The retraction list given with `--retractions FILE`: the Retraction Watch database as
//! Crossref distributes it (one CSV row per notice), indexed by the retracted paper's DOI and
//! PMID so that CG206 can look every reference up.
//!
//! The list is read once per run and shared read-only by every article's checks. Columns are
//! found by name, so added or reordered columns do not matter; only the four CG206 needs are
//! required. Cells other than those four are never decoded, so stray bytes in a title or a note
//! do not fail a run over a 50 000-row file.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::input::fields;

/// What a Retraction Watch notice did to the original paper (`RetractionNature`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nature {
    Retraction,
    ExpressionOfConcern,
    Correction,
    Reinstatement,
    /// A nature this list does not know, kept as written.
    Other(String),
}

impl Nature {
    fn parse(text: &str) -> Nature {
        match text.trim().to_ascii_lowercase().as_str() {
            "retraction" => Nature::Retraction,
            "expression of concern" => Nature::ExpressionOfConcern,
            "correction" => Nature::Correction,
            "reinstatement" => Nature::Reinstatement,
            _ => Nature::Other(text.trim().to_string()),
        }
    }

    /// Which notice speaks loudest when a paper has several: a retraction over an expression
    /// of concern over the rest.
    fn weight(&self) -> u8 {
        match self {
            Nature::Retraction => 2,
            Nature::ExpressionOfConcern => 1,
            _ => 0,
        }
    }
}

impl fmt::Display for Nature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Nature::Retraction => f.write_str("Retraction"),
            Nature::ExpressionOfConcern => f.write_str("Expression of concern"),
            Nature::Correction => f.write_str("Correction"),
            Nature::Reinstatement => f.write_str("Reinstatement"),
            Nature::Other(text) => f.write_str(text),
        }
    }
}

/// The date of a notice: a date when it parses, else the text as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeDate {
    Date(NaiveDate),
    Text(String),
}

impl NoticeDate {
    /// Retraction Watch writes `3/15/2020 0:00`; ISO dates are taken too.
    fn parse(text: &str) -> Option<NoticeDate> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let day = text.split_whitespace().next().unwrap_or(text);
        let date = NaiveDate::parse_from_str(day, "%m/%d/%Y")
            .or_else(|_| NaiveDate::parse_from_str(day, "%Y-%m-%d"));
        Some(date.map_or_else(|_| NoticeDate::Text(text.to_string()), NoticeDate::Date))
    }
}

impl fmt::Display for NoticeDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoticeDate::Date(date) => write!(f, "{date}"),
            NoticeDate::Text(text) => f.write_str(text),
        }
    }
}

/// One row of the list: a notice about one original paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// `Record ID`, when the list has that column.
    pub record: Option<String>,
    pub nature: Nature,
    pub date: Option<NoticeDate>,
    /// The CSV line the row starts on.
    pub line: u64,
}

/// The columns CG206 reads, found by header name.
const DOI_COLUMN: &str = "OriginalPaperDOI";
const PMID_COLUMN: &str = "OriginalPaperPubMedID";
const NATURE_COLUMN: &str = "RetractionNature";
const DATE_COLUMN: &str = "RetractionDate";
const RECORD_COLUMN: &str = "Record ID";

/// The notices of a retraction list, indexed by lower-cased bare DOI and by PMID.
#[derive(Debug, Default)]
pub struct RetractionList {
    notices: Vec<Notice>,
    by_doi: HashMap<String, Vec<usize>>,
    by_pmid: HashMap<String, Vec<usize>>,
}

impl RetractionList {
    /// Read the list at `path`. Any failure names the file, and the line when there is one.
    pub fn load(path: &Path) -> Result<RetractionList> {
        let bytes = std::fs::read(path).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!("cannot read the retraction list: {e}"),
        })?;
        RetractionList::parse(&bytes).map_err(|(line, message)| Error::RetractionList {
            path: path.to_path_buf(),
            line,
            message,
        })
    }

    /// Parse a list from its bytes; a failure is the line and the cause.
    fn parse(bytes: &[u8]) -> std::result::Result<RetractionList, (u64, String)> {
        let mut reader = csv::ReaderBuilder::new().from_reader(bytes);
        let headers = reader
            .byte_headers()
            .map_err(|e| csv_failure(&e, 1))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| String::from_utf8_lossy(h).trim() == name)
        };
        let required = |name: &str| column(name).ok_or((1, format!("no `{name}` column")));
        let doi_at = required(DOI_COLUMN)?;
        let pmid_at = required(PMID_COLUMN)?;
        let nature_at = required(NATURE_COLUMN)?;
        let date_at = required(DATE_COLUMN)?;
        let record_at = column(RECORD_COLUMN);

        let mut list = RetractionList::default();
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(csv_failure(&e, 0)),
            }
            let line = record.position().map_or(0, |p| p.line());
            let cell = |at: usize| {
                record
                    .get(at)
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .unwrap_or_default()
            };
            let pmid = parse_pmid(&cell(pmid_at)).map_err(|m| (line, m))?;
            let doi = normalise_doi(&cell(doi_at));
            let notice = Notice {
                record: record_at.map(cell).filter(|r| !r.is_empty()),
                nature: Nature::parse(&cell(nature_at)),
                date: NoticeDate::parse(&cell(date_at)),
                line,
            };
            list.add(notice, doi, pmid);
        }
        Ok(list)
    }

    fn add(&mut self, notice: Notice, doi: Option<String>, pmid: Option<String>) {
        let index = self.notices.len();
        self.notices.push(notice);
        if let Some(doi) = doi {
            self.by_doi.entry(doi).or_default().push(index);
        }
        if let Some(pmid) = pmid {
            self.by_pmid.entry(pmid).or_default().push(index);
        }
    }

    /// How many notices the list holds.
    pub fn len(&self) -> usize {
        self.notices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notices.is_empty()
    }

    /// The weightiest notice about the paper with this DOI or PMID, and which of the two
    /// matched ("doi 10.1/x", "PMID 123"). A DOI is matched case-insensitively, in any of the
    /// forms a reference may carry it (`doi:`, a doi.org URL).
    pub fn lookup(&self, doi: Option<&str>, pmid: Option<&str>) -> Option<(&Notice, String)> {
        let by_doi = doi.and_then(normalise_doi).and_then(|d| {
            let found = self.by_doi.get(&d)?;
            Some((found, format!("doi {d}")))
        });
        let by_pmid = pmid
            .and_then(|p| parse_pmid(p).ok().flatten())
            .and_then(|p| {
                let found = self.by_pmid.get(&p)?;
                Some((found, format!("PMID {p}")))
            });
        [by_doi, by_pmid]
            .into_iter()
            .flatten()
            .flat_map(|(found, via)| found.iter().map(move |&i| (i, via.clone())))
            .filter_map(|(i, via)| self.notices.get(i).map(|n| (n, via)))
            // Among equally weighty notices the first in file order wins, found by DOI before
            // PMID (`min_by` keeps the first of equals).
            .min_by(|(a, _), (b, _)| (b.nature.weight(), a.line).cmp(&(a.nature.weight(), b.line)))
    }
}

/// A DOI in its bare, lower-cased `10.x/...` form, or `None` when the text holds none
/// (Retraction Watch writes `unavailable`).
fn normalise_doi(text: &str) -> Option<String> {
    let bare = fields::doi(text)?.to_lowercase();
    bare.starts_with("10.").then_some(bare)
}

/// A PubMed ID without leading zeros; `0` and empty mean none. Anything but digits is an error.
fn parse_pmid(text: &str) -> std::result::Result<Option<String>, String> {
    let text = text.trim();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{text}` in {PMID_COLUMN} is not a PubMed ID"));
    }
    let digits = text.trim_start_matches('0');
    Ok((!digits.is_empty()).then(|| digits.to_string()))
}

/// A CSV error as (line, cause); `fallback` is the line when the error carries none.
fn csv_failure(error: &csv::Error, fallback: u64) -> (u64, String) {
    let line = error.position().map_or(fallback, |p| p.line());
    let cause = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => error.to_string(),
    };
    (line, cause)
}

/// The list named by `--retractions`, or an empty one.
pub fn load_optional(path: Option<&Path>) -> Result<RetractionList> {
    path.map_or_else(|| Ok(RetractionList::default()), RetractionList::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes\n";

    fn row(id: &str, date: &str, doi: &str, pmid: &str, nature: &str) -> String {
        format!("{id},A title,(HSC) Medicine;,Inst,J,P,UK,Smith A,,Research Article;,{date},10.5555/notice,0,1/1/2015 0:00,{doi},{pmid},{nature},+Fake data;,No,\n")
    }

    fn list(rows: &[String]) -> RetractionList {
        RetractionList::parse(format!("{HEADER}{}", rows.concat()).as_bytes()).unwrap()
    }

    #[test]
    fn a_doi_matches_whatever_its_case_and_form() {
        let list = list(&[row(
            "1",
            "3/15/2020 0:00",
            "10.5555/ABC.1",
            "0",
            "Retraction",
        )]);
        for doi in [
            "10.5555/abc.1",
            "https://doi.org/10.5555/Abc.1",
            "doi:10.5555/ABC.1",
        ] {
            let (notice, via) = list.lookup(Some(doi), None).unwrap();
            assert_eq!(notice.nature, Nature::Retraction);
            assert_eq!(via, "doi 10.5555/abc.1");
            assert_eq!(
                notice.date,
                Some(NoticeDate::Date(
                    NaiveDate::from_ymd_opt(2020, 3, 15).unwrap()
                ))
            );
        }
        assert!(list.lookup(Some("10.5555/abc.10"), None).is_none());
    }

    #[test]
    fn pmid_zero_or_empty_is_no_pmid() {
        let list = list(&[
            row("1", "", "unavailable", "0", "Retraction"),
            row("2", "", "", "", "Retraction"),
            row("3", "", "", "00123", "Retraction"),
        ]);
        assert!(list.lookup(None, Some("0")).is_none());
        assert!(list.by_doi.is_empty());
        let (notice, via) = list.lookup(None, Some("123")).unwrap();
        assert_eq!(notice.record.as_deref(), Some("3"));
        assert_eq!(via, "PMID 123");
    }

    #[test]
    fn a_retraction_outweighs_an_earlier_expression_of_concern() {
        let list = list(&[
            row(
                "1",
                "1/2/2019 0:00",
                "10.5555/x",
                "0",
                "Expression of concern",
            ),
            row("2", "5/6/2020 0:00", "10.5555/x", "0", "Retraction"),
        ]);
        let (notice, _) = list.lookup(Some("10.5555/x"), None).unwrap();
        assert_eq!(notice.record.as_deref(), Some("2"));
        assert_eq!(notice.line, 3);
    }

    #[test]
    fn failures_name_the_line_and_the_cause() {
        let missing = RetractionList::parse(b"Record ID,OriginalPaperDOI\n1,10.1/x\n");
        assert_eq!(
            missing.unwrap_err(),
            (1, "no `OriginalPaperPubMedID` column".to_string())
        );
        let text = format!(
            "{HEADER}{}{}",
            row("1", "", "10.1/x", "12", "Retraction"),
            row("2", "", "10.1/y", "n/a", "Retraction")
        );
        assert_eq!(
            RetractionList::parse(text.as_bytes()).unwrap_err(),
            (
                3,
                "`n/a` in OriginalPaperPubMedID is not a PubMed ID".to_string()
            )
        );
        let short = format!("{HEADER}1,2,3\n");
        let (line, cause) = RetractionList::parse(short.as_bytes()).unwrap_err();
        assert_eq!(
            (line, cause.as_str()),
            (2, "3 fields where the header has 20")
        );
    }

    #[test]
    fn notice_dates_keep_text_they_cannot_read() {
        assert_eq!(
            NoticeDate::parse("2021-07-01"),
            Some(NoticeDate::Date(
                NaiveDate::from_ymd_opt(2021, 7, 1).unwrap()
            ))
        );
        assert_eq!(
            NoticeDate::parse("July 2021"),
            Some(NoticeDate::Text("July 2021".into()))
        );
        assert_eq!(NoticeDate::parse(" "), None);
    }
}
