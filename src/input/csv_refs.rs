//! Reference lists kept as CSV (spreadsheets, PubMed's "Save as CSV", screening tools): a
//! header row names the columns, each later row is one reference. Columns are recognised by
//! their usual names, whatever their case and order; columns citegrade does not know are ignored.
//!
//! Authors are one cell, separated by `;`, by ` and `, or (PubMed's style, "Smith AB, Jones CD")
//! by commas between names that end in initials.

use std::sync::LazyLock;

use csv::{ReaderBuilder, StringRecord};
use regex::Regex;

use crate::input::fields::{self, LineIndex};
use crate::input::Parsed;
use crate::model::{InputProblem, Person, Reference};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Key,
    Title,
    Authors,
    Year,
    Container,
    Volume,
    Issue,
    Pages,
    Doi,
    Pmid,
    Pmcid,
    Url,
    EntryType,
    PublicationTypes,
    Abstract,
    Keywords,
}

/// Header names of each column, lower-case, as exports write them.
const COLUMN_NAMES: &[(Column, &[&str])] = &[
    (
        Column::Key,
        &["key", "id", "citation key", "ref", "reference"],
    ),
    (
        Column::Title,
        &["title", "article title", "document title", "ti"],
    ),
    (
        Column::Authors,
        &["authors", "author", "author(s)", "au", "author names"],
    ),
    (
        Column::Year,
        &[
            "year",
            "date",
            "publication year",
            "py",
            "pub year",
            "publication date",
            "issued",
        ],
    ),
    (
        Column::Container,
        &[
            "journal",
            "source",
            "container",
            "journal title",
            "source title",
            "container title",
            "container-title",
            "journal/book",
            "publication title",
            "so",
        ],
    ),
    (Column::Volume, &["volume", "vol", "vl"]),
    (Column::Issue, &["issue", "is"]),
    (Column::Pages, &["pages", "page", "pp"]),
    (Column::Doi, &["doi"]),
    (Column::Pmid, &["pmid", "pubmed id"]),
    (Column::Pmcid, &["pmcid", "pmc id"]),
    (Column::Url, &["url", "link"]),
    (
        Column::EntryType,
        &["type", "item type", "document type", "reference type"],
    ),
    (
        Column::PublicationTypes,
        &["publication type", "publication types"],
    ),
    (Column::Abstract, &["abstract", "ab"]),
    (
        Column::Keywords,
        &["keywords", "keyword", "author keywords"],
    ),
];

/// Words that mark a group author.
const ORGANISATION_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "group",
    "society",
    "association",
    "committee",
    "council",
    "institute",
    "consortium",
    "collaboration",
    "collaborative",
    "college",
    "centre",
    "center",
    "agency",
    "network",
    "foundation",
    "investigators",
    "team",
    "panel",
    "working",
];

/// A name that ends in initials: "Smith AB", "van der Berg J.-P.".
static INITIALS_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\S.*\s[A-Z][A-Z.\-]{0,5}$").expect("valid regex"));

/// Initials alone: "J.", "J. A.", "J.-P.".
static INITIALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z.\- ]{0,8}$").expect("valid regex"));

/// Read the CSV `text` into references, one per row after the header, in file order.
pub fn parse(text: &str) -> Parsed {
    let body = fields::strip_bom(text);
    let mut parsed = Parsed::default();
    if body.trim().is_empty() {
        return parsed;
    }
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter(body))
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let lines = LineIndex::new(body);
    let mut record = StringRecord::new();
    let columns = match reader.read_record(&mut record) {
        Ok(true) => columns(&record),
        Ok(false) => return parsed,
        Err(error) => {
            parsed.problems.push(csv_problem(&error, body, &lines));
            return parsed;
        }
    };
    if columns.is_empty() {
        let header: Vec<&str> = record.iter().map(str::trim).collect();
        let message = format!(
            "no recognisable column in the CSV header (expected title, authors, year, ...): {}",
            fields::truncate(&header.join(", "), fields::RAW_CHARS)
        );
        let position = lines.position(record_start(body, record.position()));
        parsed.problems.push(fields::unreadable(position, message));
        return parsed;
    }
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.iter().all(|cell| cell.trim().is_empty()) => {}
            Ok(true) => {
                let start = record_start(body, record.position());
                let end = usize::try_from(reader.position().byte()).unwrap_or(body.len());
                let raw = body.get(start..end).unwrap_or_default();
                let index = parsed.references.len() + 1;
                let mut reference = row_reference(&record, &columns, index, raw);
                reference.position = lines.position(start);
                fields::check_readable(&reference, &mut parsed.problems);
                parsed.references.push(reference);
            }
            Err(error) => parsed.problems.push(csv_problem(&error, body, &lines)),
        }
    }
    parsed
}

/// Where a record's text starts. The csv crate ends a CRLF record at its CR and counts the LF
/// as the start of the next record, so the line it reports is one short: skip line breaks.
fn record_start(body: &str, position: Option<&csv::Position>) -> usize {
    let byte = position.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(body.len()));
    let rest = body.get(byte..).unwrap_or_default();
    byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
}

/// The delimiter the header line uses most: comma, tab or semicolon (spreadsheets in
/// locales with a decimal comma write `;`).
fn delimiter(body: &str) -> u8 {
    let header = body.lines().next().unwrap_or_default();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&d| (header.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// The columns the header names, each with the index of its cell.
fn columns(header: &StringRecord) -> Vec<(Column, usize)> {
    header
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let name = fields::fold(&name.replace('_', " ")).to_lowercase();
            COLUMN_NAMES
                .iter()
                .find(|(_, names)| names.contains(&name.as_str()))
                .map(|(column, _)| (*column, i))
        })
        .collect()
}

fn row_reference(
    record: &StringRecord,
    columns: &[(Column, usize)],
    index: usize,
    raw: &str,
) -> Reference {
    // When two columns hold the same field ("Year" and "Date"), the first non-empty one wins.
    let cell = |wanted: Column| {
        columns
            .iter()
            .filter(|(column, _)| *column == wanted)
            .find_map(|(_, i)| record.get(*i).and_then(fields::non_empty))
    };
    let mut reference = Reference {
        key: cell(Column::Key).unwrap_or_else(|| index.to_string()),
        title: cell(Column::Title)
            .and_then(|title| fields::clean_title(&fields::strip_markup(&title))),
        authors: cell(Column::Authors)
            .map(|names| authors(&names))
            .unwrap_or_default(),
        container: cell(Column::Container).map(|container| clean_container(&container)),
        volume: cell(Column::Volume),
        issue: cell(Column::Issue),
        pages: cell(Column::Pages),
        doi: cell(Column::Doi).and_then(|doi| fields::doi(&doi)),
        pmid: cell(Column::Pmid).and_then(|pmid| fields::pmid(&pmid)),
        pmcid: cell(Column::Pmcid).and_then(|pmcid| fields::pmcid(&pmcid)),
        url: cell(Column::Url),
        entry_type: cell(Column::EntryType),
        publication_types: cell(Column::PublicationTypes)
            .map(|t| terms(&t))
            .unwrap_or_default(),
        abstract_text: cell(Column::Abstract)
            .and_then(|text| fields::non_empty(&fields::strip_markup(&text))),
        keywords: cell(Column::Keywords)
            .map(|k| terms(&k))
            .unwrap_or_default(),
        raw: fields::truncate(&fields::fold(raw), fields::RAW_CHARS),
        ..Reference::default()
    };
    if let Some(date) = cell(Column::Year) {
        set_date(&mut reference, &date);
    }
    reference
}

fn csv_problem(error: &csv::Error, body: &str, lines: &LineIndex<'_>) -> InputProblem {
    let position = lines.position(record_start(body, error.position()));
    fields::unreadable(position, format!("malformed CSV: {error}"))
}

/// A journal name without the period PubMed ends it with.
fn clean_container(container: &str) -> String {
    let folded = fields::fold(container);
    folded.strip_suffix('.').unwrap_or(&folded).to_string()
}

/// A list cell split on `;`, or on `,` when it has no `;`.
fn terms(cell: &str) -> Vec<String> {
    let separator = if cell.contains(';') { ';' } else { ',' };
    cell.split(separator)
        .filter_map(fields::non_empty)
        .collect()
}

/// Year, month and day from "2015", "2015-03-02", "2015 Mar 2" or "2015/03".
fn set_date(reference: &mut Reference, date: &str) {
    reference.year = fields::year_in(date);
    let tokens: Vec<&str> = date
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty())
        .collect();
    let Some(at) = tokens
        .iter()
        .position(|token| token.len() == 4 && token.parse::<i32>().ok() == reference.year)
    else {
        return;
    };
    reference.month = tokens.get(at + 1).and_then(|token| fields::month(token));
    if reference.month.is_some() {
        reference.day = tokens.get(at + 2).and_then(|token| fields::day(token));
    }
}

/// The people of an authors cell, in order.
fn authors(cell: &str) -> Vec<Person> {
    let cell = fields::fold(&cell.replace(" & ", ", "));
    if let Some(pairs) = family_initials_pairs(&cell) {
        return pairs;
    }
    let names: Vec<&str> = if cell.contains(';') {
        cell.split(';').collect()
    } else if cell.contains(" and ") {
        cell.split(" and ").collect()
    } else if is_initials_list(&cell) {
        cell.split(',').collect()
    } else {
        vec![cell.as_str()]
    };
    names.into_iter().filter_map(person).collect()
}

/// "Smith AB, Jones CD, et al." — every comma-separated part a name ending in initials.
fn is_initials_list(cell: &str) -> bool {
    let parts: Vec<&str> = cell
        .split(',')
        .map(|part| part.trim().trim_end_matches('.'))
        .filter(|part| !is_et_al(part))
        .collect();
    parts.len() > 1 && parts.iter().all(|part| INITIALS_NAME.is_match(part))
}

/// APA's "Smith, J. A., Jones, K." — family names and initials alternate between commas.
fn family_initials_pairs(cell: &str) -> Option<Vec<Person>> {
    let parts: Vec<&str> = cell
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty() && !is_et_al(part))
        .collect();
    let alternate = parts.len() >= 4
        && parts.len().is_multiple_of(2)
        && parts
            .chunks(2)
            .all(|pair| INITIALS.is_match(pair[1]) && !INITIALS.is_match(pair[0]));
    alternate.then(|| {
        parts
            .chunks(2)
            .map(|pair| Person {
                family: pair[0].to_string(),
                given: Some(pair[1].to_string()),
            })
            .collect()
    })
}

fn is_et_al(name: &str) -> bool {
    name.trim()
        .trim_end_matches('.')
        .eq_ignore_ascii_case("et al")
}

/// A group author ("World Health Organization"), which has no given name to split off.
fn is_organisation(name: &str) -> bool {
    name.split_whitespace().count() > 3
        || name
            .split(|c: char| !c.is_alphabetic())
            .any(|word| ORGANISATION_WORDS.contains(&word.to_lowercase().as_str()))
}

/// One name: "Family, Given", "Family AB" or "Given Family".
fn person(name: &str) -> Option<Person> {
    let name = name.trim();
    if name.is_empty() || is_et_al(name) {
        return None;
    }
    if is_organisation(name) {
        return Some(Person {
            family: name.trim_end_matches('.').to_string(),
            given: None,
        });
    }
    if let Some((family, given)) = name.split_once(',') {
        return Some(Person {
            family: family.trim().to_string(),
            given: fields::non_empty(given),
        });
    }
    // Without a comma a final period is the list's punctuation ("Reddel HK.").
    let name = name.trim_end_matches('.');
    let (rest, last) = name.rsplit_once(' ').unwrap_or(("", name));
    let (family, given) = if INITIALS_NAME.is_match(name) {
        (rest, last)
    } else {
        (last, rest)
    };
    Some(Person {
        family: family.trim().to_string(),
        given: fields::non_empty(given),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InputProblemKind, Position};

    fn names(reference: &Reference) -> Vec<String> {
        reference.authors.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn pubmed_csv_export() {
        let parsed = parse(include_str!("../../tests/fixtures/csv/pubmed_export.csv"));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.references.len(), 3);
        let asthma = &parsed.references[0];
        // PMID is not a key column: the row's position keys it.
        assert_eq!(asthma.key, "1");
        assert_eq!(asthma.pmid.as_deref(), Some("29768149"));
        assert_eq!(
            asthma.title.as_deref(),
            Some("Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma")
        );
        assert_eq!(asthma.container.as_deref(), Some("N Engl J Med"));
        assert_eq!(asthma.year, Some(2018));
        assert_eq!(asthma.doi.as_deref(), Some("10.1056/NEJMoa1715274"));
        assert_eq!(asthma.authors.len(), 10);
        assert_eq!(asthma.authors[0].to_string(), "O'Byrne PM");
        assert_eq!(asthma.authors[9].to_string(), "Reddel HK");
        assert_eq!(asthma.position, Position::new(2, 1));
        assert!(asthma.raw.starts_with("29768149,Inhaled Combined"));
        let cellml = &parsed.references[2];
        assert_eq!(cellml.title.as_deref(), Some("CellML 2.0"));
        assert_eq!(cellml.pmcid.as_deref(), Some("PMC7756617"));
        assert_eq!(cellml.position.line, 4);
    }

    #[test]
    fn spreadsheet_with_semicolons_bom_and_multiline_cells() {
        let parsed = parse(include_str!("../../tests/fixtures/csv/spreadsheet.csv"));
        assert_eq!(parsed.references.len(), 4);
        let smith = &parsed.references[0];
        assert_eq!(smith.key, "smith2015");
        assert_eq!(names(smith), ["Smith Anna B", "Jones Carl"]);
        assert_eq!(
            (smith.year, smith.month, smith.day),
            (Some(2015), Some(3), Some(2))
        );
        assert_eq!(
            smith.title.as_deref(),
            Some("Gabapentin for central pain: a randomised trial")
        );
        assert_eq!(smith.container.as_deref(), Some("Pain"));
        assert_eq!(smith.volume.as_deref(), Some("156"));
        assert_eq!(smith.issue.as_deref(), Some("3"));
        assert_eq!(smith.pages.as_deref(), Some("1-9"));
        assert_eq!(
            smith.doi.as_deref(),
            Some("10.1097/j.pain.0000000000000001")
        );
        assert_eq!(smith.entry_type.as_deref(), Some("Article"));
        assert_eq!(smith.publication_types, ["Randomized Controlled Trial"]);
        assert_eq!(smith.keywords, ["gabapentin", "neuropathic pain"]);
        assert_eq!(
            smith.abstract_text.as_deref(),
            Some("Background: pain. Methods: \"double-blind\" trial.")
        );
        assert_eq!(smith.position.line, 2);

        let who = &parsed.references[1];
        assert_eq!(
            who.position.line, 5,
            "the multi-line cell and the empty row count as lines"
        );
        assert_eq!(names(who), ["World Health Organization"]);
        assert_eq!(who.publication_types, ["Practice Guideline"]);

        // A short row is read as far as it goes.
        let lee = &parsed.references[3];
        assert_eq!(names(lee), ["Lee K.", "Park J."]);
        assert_eq!((lee.year, lee.month), (Some(2019), None));
        assert_eq!(lee.title.as_deref(), Some("Short row"));

        assert_eq!(parsed.problems.len(), 1);
        let problem = &parsed.problems[0];
        assert_eq!(problem.kind, InputProblemKind::UnparsedReference);
        assert_eq!(problem.position.line, 6);
        assert_eq!(problem.reference.as_deref(), Some("note1"));
    }

    #[test]
    fn a_header_without_known_columns_is_unreadable() {
        let parsed = parse(include_str!("../../tests/fixtures/csv/no_header.csv"));
        assert!(parsed.references.is_empty());
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, InputProblemKind::Unreadable);
        assert_eq!(parsed.problems[0].position.line, 1);
        assert!(parsed.problems[0]
            .message
            .contains("Smith AB, 2015, A title"));
    }

    #[test]
    fn author_styles() {
        let one = |cell: &str| {
            authors(cell)
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(one("Smith AB, Jones CD, et al."), ["Smith AB", "Jones CD"]);
        assert_eq!(
            one("Smith, J. A., Jones, K. & Lee, M."),
            ["Smith J. A.", "Jones K.", "Lee M."]
        );
        assert_eq!(
            one("Anna Smith and Carl Jones"),
            ["Smith Anna", "Jones Carl"]
        );
        assert_eq!(one("van der Berg J"), ["van der Berg J"]);
        assert_eq!(one("Smith, John"), ["Smith John"]);
    }

    #[test]
    fn headers_match_whatever_their_case_and_spacing() {
        let text = "PUBLICATION_YEAR,Journal Title,  title \n2001,BMJ,\"A, B and C\"\n";
        let parsed = parse(text);
        assert!(parsed.problems.is_empty());
        let r = &parsed.references[0];
        assert_eq!(r.year, Some(2001));
        assert_eq!(r.container.as_deref(), Some("BMJ"));
        assert_eq!(r.title.as_deref(), Some("A, B and C"));
        assert!(parse("").references.is_empty() && parse(" \n").problems.is_empty());
    }
}
