//! RIS bibliographies: `TAG  - value` lines, one record from `TY` to `ER`.
//!
//! Exports from reference managers and databases (EndNote, Zotero, Ovid, Embase, Scopus,
//! ProQuest, Rayyan, Web of Science) bend the format: one or no space before the dash, `1.`
//! lines between records, values that continue on untagged lines, keyword lists with one keyword
//! per untagged line, missing `ER`s. The reader takes all of these, reports what is structurally
//! wrong with its line, and starts again at the next `TY`. Specification:
//! <https://en.wikipedia.org/wiki/RIS_(file_format)>.

use std::sync::LazyLock;

use regex::Regex;

use crate::input::fields::{self, first_by_priority, tagged_values, PartialDate, TaggedField};
use crate::input::Parsed;
use crate::model::{InputProblem, Person, Position, Reference};

/// `TY  - JOUR`, tolerant of one or no space before the dash and of an empty value.
static TAG_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][A-Z0-9])[ \t]{0,2}-(?:[ \t]+(.*)|[ \t]*)$").expect("tag pattern compiles")
});

/// Tags whose untagged continuation lines are further values rather than more of the same value
/// (Rayyan and EndNote write one keyword per line under a single `KW`).
const LIST_TAGS: &[&str] = &["KW"];

/// Read every RIS record in `text`.
pub fn parse(text: &str) -> Parsed {
    let mut reader = Reader::default();
    if let Some(problem) = foreign_format(text) {
        reader.parsed.problems.push(problem);
        return reader.parsed;
    }
    for (number, line) in fields::numbered_lines(text) {
        reader.line(number, line);
    }
    reader.finish_file();
    reader.parsed
}

/// A record being read: from its `TY` (or first stray tag) to its `ER`.
#[derive(Debug)]
struct Record {
    line: usize,
    /// False when tagged lines appeared outside any `TY`…`ER` record.
    opened_by_ty: bool,
    /// One field per tag line, and one per further item of a list tag.
    fields: Vec<TaggedField>,
}

/// How a record ended.
enum Ending {
    Er,
    NextTy(usize),
    EndOfFile,
}

#[derive(Default)]
struct Reader {
    current: Option<Record>,
    /// First and last line of a run of `TY` lines with nothing between them, reported as one
    /// problem rather than one per line.
    empty_run: Option<(usize, usize)>,
    parsed: Parsed,
}

impl Reader {
    fn line(&mut self, number: usize, line: &str) {
        match tag_line(line) {
            Some((tag, value)) => self.tagged(number, tag, value),
            None if line.trim_matches([' ', '\t', '\u{feff}']).is_empty() => {}
            None => self.untagged(line),
        }
    }

    fn tagged(&mut self, number: usize, tag: &str, value: &str) {
        match tag {
            "TY" => {
                self.close(Ending::NextTy(number));
                self.current = Some(Record {
                    line: number,
                    opened_by_ty: true,
                    fields: vec![TaggedField::new(tag, value)],
                });
            }
            "ER" => self.close(Ending::Er),
            _ => {
                let record = self.current.get_or_insert_with(|| Record {
                    line: number,
                    opened_by_ty: false,
                    fields: Vec::new(),
                });
                record.fields.push(TaggedField::new(tag, value));
            }
        }
    }

    /// An untagged line continues the last value inside a record; outside one it is the
    /// export's own furniture ("Record #1 of 2", Ovid's "1.") and is skipped.
    fn untagged(&mut self, line: &str) {
        let Some(record) = self.current.as_mut() else {
            return;
        };
        let Some(last) = record.fields.last_mut() else {
            return;
        };
        if LIST_TAGS.contains(&last.tag.as_str()) {
            let item = TaggedField::new(&last.tag, line.trim());
            record.fields.push(item);
        } else {
            last.value.push(' ');
            last.value.push_str(line.trim());
        }
    }

    fn finish_file(&mut self) {
        self.close(Ending::EndOfFile);
        self.flush_empty_run();
    }

    fn close(&mut self, end: Ending) {
        let Some(record) = self.current.take() else {
            return;
        };
        let has_content = record
            .fields
            .iter()
            .any(|f| f.tag != "TY" && !f.value.is_empty());
        if !record.opened_by_ty {
            self.flush_empty_run();
            self.close_stray(record, &end);
            return;
        }
        if !has_content && matches!(end, Ending::NextTy(_)) {
            let first = self.empty_run.map_or(record.line, |(first, _)| first);
            self.empty_run = Some((first, record.line));
            return;
        }
        self.flush_empty_run();
        if let Some(message) = missing_er(&record, &end, has_content) {
            self.unreadable(record.line, message);
        }
        if has_content {
            self.keep(&record);
        }
    }

    fn flush_empty_run(&mut self) {
        let Some((first, last)) = self.empty_run.take() else {
            return;
        };
        let message = if first == last {
            format!("RIS record at line {first} holds only its TY line: no fields and no ER")
        } else {
            format!("RIS records at lines {first} to {last} hold only their TY lines: no fields and no ER")
        };
        self.unreadable(first, message);
    }

    /// Tagged lines outside `TY`…`ER` (Ovid writes an `NL` after the `ER`) are kept as a record
    /// only when they carry a title or a year, since a record without a `TY` is still a record.
    fn close_stray(&mut self, record: Record, end: &Ending) {
        let has_title_or_year = record
            .fields
            .iter()
            .any(|f| matches!(f.tag.as_str(), "TI" | "T1" | "PY" | "Y1"));
        if !has_title_or_year {
            return;
        }
        let ending = match end {
            Ending::Er => String::new(),
            Ending::NextTy(line) => format!(" and no ER before the TY at line {line}"),
            Ending::EndOfFile => " and no ER before the end of the file".to_string(),
        };
        let message = format!(
            "RIS record at line {} has no TY line{ending}; read it without an entry type",
            record.line
        );
        self.unreadable(record.line, message);
        self.keep(&record);
    }

    /// A structural problem, reported at the start of line `line`.
    fn unreadable(&mut self, line: usize, message: String) {
        let problem = fields::unreadable(Position::new(line, 1), message);
        self.parsed.problems.push(problem);
    }

    fn keep(&mut self, record: &Record) {
        let ordinal = self.parsed.references.len() + 1;
        let reference = build(record, ordinal);
        let unparsed = fields::unparsed(&reference, || {
            format!(
                "RIS record at line {} has neither a title (TI/T1) nor a year (PY/Y1/DA)",
                record.line
            )
        });
        self.parsed.problems.extend(unparsed);
        self.parsed.references.push(reference);
    }
}

/// The message for a record that ended without `ER`, if it did.
fn missing_er(record: &Record, end: &Ending, has_content: bool) -> Option<String> {
    let kept = if has_content {
        "read up to there"
    } else {
        "it has no fields"
    };
    match end {
        Ending::Er => None,
        Ending::NextTy(line) => Some(format!(
            "RIS record at line {} has no ER line before the next TY at line {line}; {kept}",
            record.line
        )),
        Ending::EndOfFile => Some(format!(
            "RIS record at line {} has no ER line before the end of the file; {kept}",
            record.line
        )),
    }
}

/// Web of Science's own field-tagged export (`FN`, `PT J`, `AU Name` without ` - `) is often
/// saved with a `.ris` name; it is reported as what it is rather than read as garbage. So is a
/// file without a single RIS-shaped line.
fn foreign_format(text: &str) -> Option<InputProblem> {
    let mut lines = fields::numbered_lines(text).filter(|(_, l)| !l.trim().is_empty());
    let (number, first) = lines.next()?;
    let tags: Vec<&str> = fields::numbered_lines(text)
        .filter_map(|(_, l)| tag_line(l).map(|(tag, _)| tag))
        .collect();
    let message = if tags.contains(&"TY") {
        return None;
    } else if first.starts_with("FN ") || first.starts_with("PT ") {
        "this is a Web of Science field-tagged file (FN/PT/AU lines without \" - \"), not RIS"
    } else if tags.is_empty() {
        "no RIS record found: no line has the \"TY  - \" shape"
    } else {
        // Stray tags without any TY are still read, record by record.
        return None;
    };
    Some(fields::unreadable(
        Position::new(number, 1),
        message.to_string(),
    ))
}

/// The tag and value of a RIS line, when it is one.
fn tag_line(line: &str) -> Option<(&str, &str)> {
    // JabRef's test file has a byte-order mark on an indented first line.
    let line = line.trim_start_matches([' ', '\u{feff}']).trim_end();
    let caps = TAG_LINE.captures(line)?;
    let tag = caps.get(1)?.as_str();
    Some((tag, caps.get(2).map_or("", |m| m.as_str().trim())))
}

fn build(record: &Record, ordinal: usize) -> Reference {
    let date = date(record);
    let key = first_by_priority(&record.fields, &["ID"]).unwrap_or_else(|| ordinal.to_string());
    let url = first_by_priority(&record.fields, &["UR", "L2"]);
    Reference {
        key,
        authors: authors(record),
        title: tagged_values(&record.fields, &["TI", "T1"])
            .find_map(fields::clean_title)
            .or_else(|| tagged_values(&record.fields, &["BT", "ST"]).find_map(fields::clean_title)),
        container: first_by_priority(&record.fields, &["JF", "T2", "JO", "JA", "J2"]),
        year: date.year,
        month: date.month,
        day: date.day,
        volume: first_by_priority(&record.fields, &["VL", "VO"]),
        issue: first_by_priority(&record.fields, &["IS"]),
        pages: pages(record),
        doi: first_by_priority(&record.fields, &["DO"])
            .and_then(|d| fields::doi(&d))
            .or_else(|| {
                tagged_values(&record.fields, &["UR", "L2"]).find_map(fields::doi_from_url)
            }),
        pmid: pmid(record),
        pmcid: pmcid(record),
        url,
        entry_type: first_by_priority(&record.fields, &["TY"]),
        keywords: tagged_values(&record.fields, &["KW"])
            .filter_map(fields::non_empty)
            .collect(),
        publication_types: Vec::new(),
        abstract_text: first_by_priority(&record.fields, &["AB", "N2"]),
        source_label: None,
        position: Position::new(record.line, 1),
        source: None,
        raw: raw(record),
    }
}

/// Primary authors (`AU`, `A1`); secondary ones (`A2`, editors) only when there are none.
fn authors(record: &Record) -> Vec<Person> {
    let primary: Vec<Person> = tagged_values(&record.fields, &["AU", "A1"])
        .filter_map(fields::parse_person)
        .collect();
    if !primary.is_empty() {
        return primary;
    }
    tagged_values(&record.fields, &["A2"])
        .filter_map(fields::parse_person)
        .collect()
}

/// `PY`, then `Y1`, then `DA`: the year from the first that has one, month and day from the first
/// that has them for that year ("2013" with "2013/07/28", or EndNote's `DA  - Jun`).
fn date(record: &Record) -> PartialDate {
    let dates: Vec<PartialDate> = tagged_values(&record.fields, &["PY", "Y1", "DA"])
        .map(parse_date)
        .collect();
    let Some(year) = dates.iter().find_map(|d| d.year) else {
        return PartialDate::default();
    };
    let with_month = dates
        .iter()
        .find(|d| d.month.is_some() && d.year.is_none_or(|y| y == year));
    PartialDate {
        year: Some(year),
        month: with_month.and_then(|d| d.month),
        day: with_month.and_then(|d| d.day),
    }
}

/// "2015", "2015///", "2015/03/12/", "2019/03//undefined", "Jun", "Nov 9".
fn parse_date(value: &str) -> PartialDate {
    let value = value.trim();
    if value.contains('/') {
        let mut parts = value.split('/');
        let year = parts.next().and_then(fields::year_in);
        let month = parts.next().and_then(fields::month);
        let day = parts
            .next()
            .and_then(fields::day)
            .filter(|_| month.is_some());
        return PartialDate { year, month, day };
    }
    let mut words = value.split_whitespace();
    let first = words.next().unwrap_or_default();
    if let Some(year) = fields::year_in(first) {
        return PartialDate {
            year: Some(year),
            ..PartialDate::default()
        };
    }
    let month = fields::month(first).filter(|_| first.chars().all(char::is_alphabetic));
    PartialDate {
        year: None,
        month,
        day: words
            .next()
            .and_then(fields::day)
            .filter(|_| month.is_some()),
    }
}

/// `SP` and `EP` as one range; a `SP` that already holds a range is taken as it is.
fn pages(record: &Record) -> Option<String> {
    let start = first_by_priority(&record.fields, &["SP"]);
    let end = first_by_priority(&record.fields, &["EP"]);
    // Ovid writes "not specified" across the two fields.
    if start
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("no"))
        && end
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case("specified"))
    {
        return None;
    }
    match (start, end) {
        (Some(start), Some(end)) if !start.contains('-') && start != end => {
            Some(format!("{start}-{end}"))
        }
        (Some(start), _) => Some(start),
        (None, end) => end,
    }
}

/// The PMID: the database's accession number when the database is PubMed or MEDLINE (in `AN`,
/// or in Ovid exports the `AN=` parameter of the record's link), else a PubMed link's.
fn pmid(record: &Record) -> Option<String> {
    let from_pubmed = tagged_values(&record.fields, &["DB", "DP"]).any(|db| {
        let db = db.to_ascii_lowercase();
        db.contains("pubmed") || db.contains("medline") || db.trim() == "nlm"
    });
    let accession = first_by_priority(&record.fields, &["AN"])
        .filter(|accession| is_pmid(accession))
        .or_else(|| {
            links(record)
                .filter(|url| url.contains("ovid"))
                .filter_map(|url| url.split(['?', '&']).find_map(|p| p.strip_prefix("AN=")))
                .find(|accession| is_pmid(accession))
                .map(str::to_string)
        });
    accession.filter(|_| from_pubmed).or_else(|| {
        links(record)
            .filter_map(|url| after_any(url, PUBMED_LINKS))
            .find(|id| is_pmid(id))
            .map(str::to_string)
    })
}

/// The PMCID of a PubMed Central or Europe PMC link.
fn pmcid(record: &Record) -> Option<String> {
    links(record)
        .filter_map(|url| after_any(url, PMC_LINKS))
        .find(|id| {
            id.starts_with("PMC") && id.len() > 3 && id[3..].chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
}

const PUBMED_LINKS: &[&str] = &["pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/"];
const PMC_LINKS: &[&str] = &["ncbi.nlm.nih.gov/pmc/articles/", "europepmc.org/articles/"];

fn links(record: &Record) -> impl Iterator<Item = &str> {
    record
        .fields
        .iter()
        .filter(|f| matches!(f.tag.as_str(), "UR" | "L2"))
        .map(|f| f.value.trim())
}

/// The path segment of `url` right after one of `prefixes`.
fn after_any<'u>(url: &'u str, prefixes: &[&str]) -> Option<&'u str> {
    prefixes.iter().find_map(|prefix| {
        let start = url.find(prefix)? + prefix.len();
        url[start..].split(['/', '?', '#']).next()
    })
}

fn is_pmid(value: &str) -> bool {
    (1..=9).contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit())
}

/// The identifying fields of the record on one line.
fn raw(record: &Record) -> String {
    const SHOWN: &[&str] = &[
        "TY", "ID", "AU", "A1", "TI", "T1", "PY", "Y1", "JF", "T2", "JO", "VL", "IS", "SP", "EP",
        "DO",
    ];
    fields::tagged_raw(&record.fields, SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputProblemKind;

    fn fixture(name: &str) -> Parsed {
        let text = match name {
            "wos" => include_str!("../../tests/fixtures/ris/rispy_example_wos.ris"),
            "multiline" => include_str!("../../tests/fixtures/ris/rispy_example_multiline.ris"),
            "extraneous" => {
                include_str!("../../tests/fixtures/ris/rispy_example_extraneous_data.ris")
            }
            "empty_tag" => include_str!("../../tests/fixtures/ris/rispy_example_empty_tag.ris"),
            "bom" => include_str!("../../tests/fixtures/ris/rispy_example_bom.ris"),
            "baseline" => include_str!("../../tests/fixtures/ris/asreview_baseline.ris"),
            "ovid" => include_str!("../../tests/fixtures/ris/asreview_ovid_psycinfo.ris"),
            "rayyan" => include_str!("../../tests/fixtures/ris/asreview_ris_issue_992.txt"),
            "endnote" => include_str!("../../tests/fixtures/ris/asreview_pubmed_endnote.txt"),
            "many_ty" => include_str!("../../tests/fixtures/ris/jabref_RisImporterTest1.ris"),
            "corrupted" => include_str!("../../tests/fixtures/ris/jabref_RisImporterCorrupted.ris"),
            "bolognese" => include_str!("../../tests/fixtures/ris/bolognese_ris_bug.ris"),
            _ => unreachable!("unknown fixture {name}"),
        };
        parse(text)
    }

    fn problems(parsed: &Parsed) -> Vec<(InputProblemKind, usize)> {
        parsed
            .problems
            .iter()
            .map(|p| (p.kind, p.position.line))
            .collect()
    }

    #[test]
    fn reads_every_field_of_a_record() {
        let parsed = parse(
            "TY  - JOUR\nID  - smith2015\nAU  - Smith, John A.\nA1  - Jones, B\n\
             TI  - Aspirin after stroke: a randomised trial.\nT2  - Lancet\n\
             PY  - 2015/03/12/\nVL  - 385\nIS  - 9\nSP  - 100\nEP  - 109\n\
             DO  - https://doi.org/10.1016/S0140-6736(15)60001-1\nKW  - stroke\nKW  - aspirin\n\
             AB  - We randomised\n   500 patients.\nUR  - https://example.org/a\nER  - \n",
        );
        assert!(parsed.problems.is_empty());
        let [r] = parsed.references.as_slice() else {
            panic!("one reference expected, got {:?}", parsed.references);
        };
        assert_eq!(r.key, "smith2015");
        assert_eq!(r.entry_type.as_deref(), Some("JOUR"));
        assert_eq!(r.authors[0].family, "Smith");
        assert_eq!(r.authors[0].given.as_deref(), Some("John A."));
        assert_eq!(r.authors[1].family, "Jones");
        assert_eq!(
            r.title.as_deref(),
            Some("Aspirin after stroke: a randomised trial")
        );
        assert_eq!(r.container.as_deref(), Some("Lancet"));
        assert_eq!((r.year, r.month, r.day), (Some(2015), Some(3), Some(12)));
        assert_eq!(r.volume.as_deref(), Some("385"));
        assert_eq!(r.issue.as_deref(), Some("9"));
        assert_eq!(r.pages.as_deref(), Some("100-109"));
        assert_eq!(r.doi.as_deref(), Some("10.1016/S0140-6736(15)60001-1"));
        assert_eq!(r.keywords, ["stroke", "aspirin"]);
        assert_eq!(
            r.abstract_text.as_deref(),
            Some("We randomised 500 patients.")
        );
        assert_eq!(r.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(r.position, Position::new(1, 1));
    }

    #[test]
    fn tag_spacing_varies_and_dates_have_trailing_slashes() {
        let parsed = parse(
            "TY - JOUR\nTI- One\nPY  - 2015///\nER  -\n\
             TY -  BOOK\nT1  - Two\nY1  - 2001/00/00/\nER-\n",
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let refs = &parsed.references;
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].entry_type.as_deref(), Some("JOUR"));
        assert_eq!(
            (refs[0].title.as_deref(), refs[0].year),
            (Some("One"), Some(2015))
        );
        assert_eq!(refs[1].entry_type.as_deref(), Some("BOOK"));
        assert_eq!((refs[1].year, refs[1].month), (Some(2001), None));
        assert_eq!(refs[1].key, "2");
    }

    #[test]
    fn a_missing_er_is_reported_and_the_next_record_still_read() {
        let parsed = parse(
            "TY  - JOUR\nTI  - First\nPY  - 2010\n\nTY  - JOUR\nTI  - Second\nER  - \n\
             TY  - JOUR\nTI  - Third\n",
        );
        let titles: Vec<_> = parsed
            .references
            .iter()
            .map(|r| r.title.as_deref())
            .collect();
        assert_eq!(titles, [Some("First"), Some("Second"), Some("Third")]);
        assert_eq!(
            problems(&parsed),
            [
                (InputProblemKind::Unreadable, 1),
                (InputProblemKind::Unreadable, 8)
            ]
        );
        assert!(parsed.problems[0].message.contains("next TY at line 5"));
        assert!(parsed.problems[1].message.contains("end of the file"));
    }

    #[test]
    fn crlf_and_a_byte_order_mark_are_tolerated() {
        let parsed = parse("\u{feff}TY  - JOUR\r\nTI  - Title.\r\nPY  - 2020\r\nER  - \r\n");
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.references[0].entry_type.as_deref(), Some("JOUR"));
        assert_eq!(parsed.references[0].title.as_deref(), Some("Title"));
    }

    #[test]
    fn an_accession_number_is_a_pmid_only_for_pubmed() {
        let pubmed = parse("TY  - JOUR\nTI  - A\nAN  - 21553931\nDP  - NLM\nER  - \n");
        assert_eq!(pubmed.references[0].pmid.as_deref(), Some("21553931"));
        let scopus = parse("TY  - JOUR\nTI  - A\nAN  - 21553931\nDB  - Scopus\nER  - \n");
        assert_eq!(scopus.references[0].pmid, None);
        let ovid = parse(
            "TY  - JOUR\nTI  - A\nDB  - Ovid MEDLINE(R)\n\
             L2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&D=medp&AN=39012781\nER  - \n",
        );
        assert_eq!(ovid.references[0].pmid.as_deref(), Some("39012781"));
    }

    #[test]
    fn a_record_without_title_or_year_is_kept_and_reported() {
        let parsed = parse("TY  - JOUR\nAU  - Smith, J\nER  - \n");
        assert_eq!(parsed.references.len(), 1);
        assert_eq!(
            problems(&parsed),
            [(InputProblemKind::UnparsedReference, 1)]
        );
        assert_eq!(parsed.problems[0].reference.as_deref(), Some("1"));
    }

    #[test]
    fn web_of_science_tagged_files_are_not_read_as_ris() {
        let parsed = fixture("wos");
        assert!(parsed.references.is_empty());
        assert_eq!(problems(&parsed), [(InputProblemKind::Unreadable, 1)]);
        assert!(parsed.problems[0].message.contains("Web of Science"));
    }

    #[test]
    fn values_continue_on_untagged_lines() {
        let parsed = fixture("multiline");
        assert_eq!(parsed.references.len(), 3);
        for r in &parsed.references {
            assert_eq!(
                r.abstract_text.as_deref(),
                Some("first line, ER then second line and at the end the last line")
            );
        }
        // The fixture's records carry only notes: no title, no year.
        assert_eq!(
            problems(&parsed),
            [
                (InputProblemKind::UnparsedReference, 1),
                (InputProblemKind::UnparsedReference, 8),
                (InputProblemKind::UnparsedReference, 17),
            ]
        );
    }

    #[test]
    fn rayyan_keywords_continue_one_per_line() {
        let parsed = fixture("rayyan");
        assert_eq!(parsed.references.len(), 19);
        let first = &parsed.references[0];
        assert_eq!(first.keywords.len(), 13);
        assert_eq!(first.keywords[0], "Health Facility Administration");
        assert_eq!(first.keywords[12], "Patient Education");
        assert_eq!(
            first.title.as_deref(),
            Some("Overcoming Medication Reconciliation Challenges")
        );
        assert_eq!(first.pages.as_deref(), Some("1-5"));
    }

    #[test]
    fn text_between_records_is_skipped() {
        let parsed = fixture("extraneous");
        assert!(parsed.problems.is_empty());
        let refs = &parsed.references;
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].key, "12345");
        assert_eq!(refs[0].title.as_deref(), Some("Title of reference"));
        assert_eq!(refs[0].year, Some(2014));
        assert_eq!(refs[0].authors.len(), 2);
        assert_eq!(refs[0].authors[1].family, "Lindgren");
        assert_eq!(refs[0].position.line, 5);
        assert_eq!(refs[1].title.as_deref(), Some("The title of the reference"));
        assert_eq!(refs[1].year, Some(2006));
        assert_eq!(refs[1].keywords[0], "Pippi Langstrumpf");
    }

    #[test]
    fn empty_tags_give_no_value_and_dx_doi_links_are_stripped() {
        let parsed = fixture("empty_tag");
        let r = &parsed.references[0];
        assert_eq!(r.pages, None);
        assert_eq!(r.doi.as_deref(), Some("10.1177/2325967120950040"));
        assert_eq!(r.year, Some(2020));
        assert_eq!(r.authors[0].family, "Fanning");
        assert_eq!(
            r.container.as_deref(),
            Some("Orthopaedic Journal of Sports Medicine")
        );
    }

    #[test]
    fn a_doi_only_record_after_a_bom_is_kept_but_unparsed() {
        let parsed = fixture("bom");
        assert_eq!(parsed.references.len(), 1);
        assert_eq!(
            parsed.references[0].doi.as_deref(),
            Some("10.1186/s40981-020-0316-0")
        );
        assert_eq!(
            problems(&parsed),
            [(InputProblemKind::UnparsedReference, 1)]
        );
    }

    #[test]
    fn lens_export_with_bom_and_crlf() {
        let parsed = fixture("baseline");
        assert!(parsed.problems.is_empty());
        let refs = &parsed.references;
        assert_eq!(refs.len(), 100);
        assert!(refs.iter().all(|r| r.title.is_some() && r.year.is_some()));
        let first = &refs[0];
        assert_eq!(first.key, "000-463-679-101-319");
        assert_eq!(
            (first.year, first.month, first.day),
            (Some(2012), Some(7), Some(3))
        );
        assert_eq!(first.authors[0].given.as_deref(), Some("Björn A."));
        assert_eq!(first.doi.as_deref(), Some("10.1007/s11307-012-0572-0"));
        assert_eq!(first.pmid.as_deref(), Some("22752652"));
        assert_eq!(first.pmcid.as_deref(), Some("PMC3553406"));
        assert_eq!(first.pages.as_deref(), Some("97-105"));
        let last = &refs[99];
        assert_eq!(last.key, "152-434-819-130-920");
        assert_eq!(last.position.line, 3442);
    }

    #[test]
    fn ovid_numbers_and_trailing_lines_are_skipped() {
        let parsed = fixture("ovid");
        assert!(parsed.problems.is_empty());
        let refs = &parsed.references;
        assert_eq!(refs.len(), 6);
        assert_eq!(refs[0].key, "2019-65183-001");
        assert_eq!(refs[0].position.line, 2);
        assert_eq!(refs[0].doi.as_deref(), Some("10.1002/cpp.2398"));
        // Ovid's "No" / "Specified" page placeholder is not a page range.
        assert_eq!(refs[0].pages, None);
        assert_eq!(refs[1].position.line, 31);
        assert_eq!(refs[1].pages.as_deref(), Some("847-856"));
    }

    #[test]
    fn endnote_pubmed_export_has_pmids_and_month_names() {
        let parsed = fixture("endnote");
        let first = &parsed.references[0];
        assert_eq!(parsed.references.len(), 6);
        assert_eq!(first.pmid.as_deref(), Some("21553931"));
        assert_eq!((first.year, first.month), (Some(2011), Some(6)));
        assert_eq!(first.keywords.len(), 10);
        assert_eq!(first.container.as_deref(), Some("Clin Pharmacokinet"));
    }

    #[test]
    fn a_run_of_bare_ty_lines_is_one_problem() {
        let parsed = fixture("many_ty");
        assert_eq!(
            problems(&parsed),
            [
                (InputProblemKind::Unreadable, 2),
                (InputProblemKind::Unreadable, 10),
                (InputProblemKind::Unreadable, 39),
                (InputProblemKind::UnparsedReference, 39),
                (InputProblemKind::UnparsedReference, 43),
            ]
        );
        assert!(parsed.problems[0].message.contains("lines 2 to 9"));
        let first = &parsed.references[0];
        assert_eq!(first.entry_type.as_deref(), Some("CONF"));
        assert_eq!(
            (first.year, first.month, first.day),
            (Some(2001), Some(9), Some(1))
        );
        assert_eq!(parsed.references.len(), 3);
    }

    #[test]
    fn tags_without_ty_are_read_and_reported() {
        let parsed = fixture("corrupted");
        assert_eq!(problems(&parsed), [(InputProblemKind::Unreadable, 2)]);
        let r = &parsed.references[0];
        assert_eq!(r.entry_type, None);
        assert_eq!(
            r.title.as_deref(),
            Some("Editorial: Open Source and Empirical Software Engineering")
        );
        assert_eq!(r.doi.as_deref(), Some("10.1023/A:1017379030770"));
        assert_eq!(r.authors[0].family, "Harrison");
    }

    #[test]
    fn malformed_ty_spacing_still_gives_the_type() {
        let parsed = fixture("bolognese");
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.references[0].entry_type.as_deref(), Some("BOOK"));
        assert_eq!(
            parsed.references[0].doi.as_deref(),
            Some("10.17918/ERNK-6431")
        );
    }
}
