//! Free-text reference strings: "1. Smith AB, Jones C. Title. J Name. 2015;3(2):1-9."
//!
//! A reference list typed by hand follows one of a few layouts: Vancouver/AMA (year after the
//! container), APA and Harvard (year in parentheses after the authors), author-date (Chicago:
//! "Smith, John. 2015."), and trailing-year layouts (Nature, IEEE, Chicago notes). Parsing runs
//! in the same steps for all of them: identifiers (DOI, PMID, PMCID, URL) are taken out first
//! wherever they stand, the author list is read name by name from the start, a [`Style`] is
//! detected from what follows it, and the style's reader takes title, container and numbers.
//! Anything that does not fit stays in `raw`, so nothing the author wrote is lost.

use std::sync::LazyLock;

use regex::Regex;

use super::Parsed;
use crate::model::{InputProblem, InputProblemKind, Person, Position, Reference};

// ---------------------------------------------------------------- patterns

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:\bdoi\s*:?\s*)?(?:https?://(?:dx\.)?doi\.org/|\bdoi\.org/)?\b(10\.\d{4,9}/[^\s"<>]+)"#)
        .expect("doi pattern compiles")
});
static PMID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bPubMed\s+)?\bPMID\s*:?\s*(\d{1,9})\b").expect("pmid pattern compiles")
});
/// "...;29(5):321-6. doi: 10.1006/x 10564622.": a PubMed number left bare at the very end of the
/// entry (six to eight digits after a full stop, a semicolon or an identifier), as reference
/// managers export it.
static BARE_PMID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s([1-9]\d{5,7})\.?\s*$").expect("bare pmid pattern compiles"));
static PMCID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bPubMed Central\s+)?(?:\bPMCID\s*:?\s*)?\b(?:PMC)?(PMC\d{4,})\b")
        .expect("pmcid pattern compiles")
});
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:available\s+(?:from|at|online)|retrieved\s+(?:[^.]{0,40}?\s)?from|URL)\s*:?\s*)?(?:https?://|www\.)\S+")
        .expect("url pattern compiles")
});
/// Access and e-publication notes carry dates that are not the publication year.
static NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\[\s*(?:cited|accessed|updated)[^\]]*\]|\b(?:last\s+)?accessed\s*(?:on\s*)?:?\s*[^.;]*\d{4}|\bEpub\s+(?:ahead\s+of\s+print\s*)?\d{4}[/ \w]*")
        .expect("note pattern compiles")
});
/// "1.", "[1]", "1)", "(1)" or a bare "12 " in front of the entry; never four digits, which
/// would be a year ("(2009) Title" continuing a wrapped entry).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[(\d{1,3})\]|\((\d{1,3})\)|(\d{1,3})[.)]|(\d{1,3})\s\p{Lu})\s*")
        .expect("number pattern compiles")
});
/// A list marker: "12.", "12)", "[12]", "(12)", up to four digits.
static LIST_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})[.)])\s+(\S.*)$")
        .expect("list number pattern compiles")
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\d/.–-])(1[6-9]\d{2}|20[0-4]\d)[a-z]?(?:$|[^\p{L}\d/–-])")
        .expect("year pattern compiles")
});
/// The date right after the author list: "(2015a)", "(n.d.)", "(in press)", "2015.", "1986,".
static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s.,:]*(?:
            [(\[]\s*(?:(?:\p{L}+\.?\s+(?:\d{1,2},?\s+)?)?(?P<py>1[6-9]\d{2}|20[0-4]\d)[a-z]?\b[^)\]]{0,30}|(?P<pn>n\.\s?d\.?|in\s+press|forthcoming|sous\s+presse|im\s+Druck))\s*[)\]]
          | (?P<by>1[6-9]\d{2}|20[0-4]\d)[a-z]?(?:[.,:]|\s)
          | (?P<bn>n\.\s?d\.|in\s+press\.)
        )[\s.,:]*",
    )
    .expect("leading date pattern compiles")
});
/// "2015;3(2):1-9", "2015 Mar 4;3:e12" — the Vancouver publication block.
static VANCOUVER_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:^|[.,]\s*)(?P<year>1[6-9]\d{2}|20[0-4]\d)[a-z]?(?:\s+[A-Z][a-z]{2}[a-z./-]*(?:\s+\d{1,2})?)?\s*
          (?:;\s*(?P<vol>[^\s(:;,.]+)?\s*(?:\((?P<iss>[^)]+)\))?)?(?:\s*:\s*(?P<pages>[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*[–-]\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?))?",
    )
    .expect("vancouver block pattern compiles")
});
static VOLUME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)(?:\bvol(?:ume)?\.?\s*|\bv\.\s*|^[\s,]*)(?P<vol>\d+|[IVXLC]+)\b(?:\s*[.(]\s*(?P<iss>[^)\s,]{1,12})\)?)?")
        .expect("volume pattern compiles")
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)(?:\bpp?\.\s*|\bpages?\s+|[:,]\s*)(?P<pages>[A-Za-z]{0,2}\d+[A-Za-z]?(?:\s*[–-]\s*[A-Za-z]{0,2}\d+[A-Za-z]?)?)")
        .expect("pages pattern compiles")
});
/// Where a container name stops: a number, a volume or page marker, a bracket or a semicolon,
/// an access note ("Available", "Retrieved") or a date after a comma ("Times, May 28, 2013").
static CONTAINER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)[\s,.]+\d|[\s,]+(?i:vol|volume|no|nr|pp|p|pages?|issue|art|v|ch|chapter|suppl)\b\.?|[\s,]+[IVXLC]+(?:[\s,.(]|$)|\s*\((?:[^)]*\d|\s*$)|\s*[\[;]|,?\s+n[°º]|[,.]?\s+(?i:in\s+press|to\s+appear|forthcoming|submitted|ed\.|eds\.|edited\s+by)|\.\s+\p{Lu}\p{Ll}+\s*:|\.?\s+(?i:available|retrieved|accessed)(?-u:\b)|,\s+(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\.?(?:\s+\d|\s*$)",
    )
    .expect("container end pattern compiles")
});
/// "London: Routledge" — an imprint (place: publisher), not a container.
static PUBLISHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}.'-]*(?:[\s,/]+\p{Lu}[\p{L}.'-]*){0,3}\s?:\s*\p{Lu}[^:]*$")
        .expect("publisher pattern compiles")
});
/// "In: Smith J, Jones K, editors. " or "In C. Moore & P. Dunham (eds.), " before a book title
/// (a whole word: never the end of "Prev Med. 1999").
static EDITORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^.{0,200}?(?:\(\s*(?:eds?|editors?|hrsg|dir|coord)\.?\s*\)|,?\s*(?-u:\b)(?:eds?\.|editors?|\(?hrsg\.?\)?)(?:\s|,|\.|$))[\s.,:]*")
        .expect("editors pattern compiles")
});
/// "Journal 12, 34" or "ApJ, 475, 163": a container and numbers with no title before them.
static BARE_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:\p{Lu}\p{L}{0,5}\.|\p{Lu}[\p{L}&]*),?\s+){1,8}(?:vol\.\s*)?\d+[A-Za-z]?\s*[,:(]\s*\d")
        .expect("bare container pattern compiles")
});
/// "Title, Journal, 27, 259" or "Title, Publisher, 2003" or "Title, ed. Name": where a title
/// that no full stop closes gives way to what follows it.
static COMMA_TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?:\p{L}[^,]*?[\s,]+(?:vol\.?\s*|no\.\s*|pp?\.\s*)?\d|(?:eds?|edited by|trans)\.?\s)")
        .expect("comma title end pattern compiles")
});
/// "Jr", "Sr", "II": after a family name, never initials.
const SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV", "Jnr", "Snr"];

/// "9: 235", ", 3(2), 1", " 57, 760": a volume and its pages.
static VOLUME_PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s,])\d+[A-Za-z]?\s*(?:\([^)]*\))?\s*[:,]\s*(?:pp?\.\s*)?[A-Za-z]{0,2}\d+")
        .expect("volume pages pattern compiles")
});

/// "Journal, Year" — the venue line of the labelled layout.
static VENUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?),\s*(1[6-9]\d{2}|20\d{2})\.?$").expect("venue pattern compiles")
});

/// Lower-case name particles that belong to the family name ("van der Berg").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "dei", "di", "da", "du", "dos", "das", "des",
    "la", "le", "ter", "ten", "te", "zu", "vom", "bin", "ibn", "al", "el", "st", "op", "mac", "d'",
];
/// Capitalised words that open titles and are never given names.
const TITLE_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "Of",
    "For",
    "From",
    "To",
    "Towards",
    "Toward",
    "How",
    "Why",
    "What",
    "When",
    "Where",
    "Is",
    "Are",
    "Does",
    "Do",
    "Can",
    "Using",
    "With",
    "And",
    "Or",
    "Its",
    "This",
    "These",
    "New",
    "Report",
    "Effect",
    "Effects",
    "Study",
    "Guidelines",
    "Available",
];
/// Words that mark a corporate author ("World Health Organization").
const CORPORATE_WORDS: &[&str] = &[
    "organization",
    "organisation",
    "association",
    "society",
    "institute",
    "institut",
    "committee",
    "group",
    "department",
    "agency",
    "council",
    "ministry",
    "centre",
    "center",
    "university",
    "foundation",
    "collaboration",
    "consortium",
    "network",
    "board",
    "office",
    "commission",
    "federation",
    "college",
    "investigators",
    "collaborators",
    "collaborative",
    "trialists",
    "administration",
    "bureau",
    "service",
    "services",
    "authority",
    "panel",
    "task",
    "force",
    "alliance",
    "union",
];
/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "no", "vol", "st", "ed", "eds", "al", "etc", "dr", "mr", "mrs", "ms", "jr",
    "sr", "inc", "ltd", "co", "fig", "figs", "approx", "ca", "cf", "pp", "p", "ch", "nos", "univ",
    "dept", "rev", "prof", "spp", "sp", "var", "subsp",
];

// ---------------------------------------------------------------- entry points

/// Parse "Journal, Year" into (container, year), when the line has that shape.
pub fn parse_venue(line: &str) -> Option<(String, i32)> {
    let caps = VENUE.captures(line.trim())?;
    let year = caps.get(2)?.as_str().parse().ok()?;
    Some((caps.get(1)?.as_str().trim().to_string(), year))
}

/// Parse one free-text reference. `key` is its number or label in the list.
pub fn parse(key: &str, text: &str) -> Reference {
    let raw = fold_whitespace(text.trim_start_matches('\u{feff}'));
    let mut reference = Reference {
        key: key.to_string(),
        ..Reference::default()
    };
    let mut body = take_identifiers(strip_number(&raw).1, &mut reference);
    if body.contains(" ,") {
        body = body.replace(" ,", ",");
    }
    let body = body.trim_start_matches(['—', '–', '-', '_', '.', ',', ' ', '·', '•']);
    let (authors, rest) = read_authors(body);
    // "Smith, J., Title, Journal, 5, 1-9": a comma after the authors also closes the title.
    let commas = !authors.is_empty() && body[..body.len() - rest.len()].trim_end().ends_with(',');
    reference.authors = authors;
    match detect_style(rest) {
        Style::AuthorDate(year, after) => read_author_date(&mut reference, year, after, commas),
        Style::Vancouver => read_vancouver(&mut reference, rest, commas),
        Style::TrailingYear => read_trailing_year(&mut reference, rest, commas),
    }
    if reference.year.is_none() {
        reference.year = first_year(body);
    }
    reference.raw = raw;
    reference
}

/// Parse a `.txt` file of free-text references: one per line, or a numbered list whose entries
/// may wrap over lines (a line that does not start with a number continues the entry above).
pub fn parse_list(text: &str) -> Parsed {
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    let numbered = lines
        .iter()
        .find(|l| !l.trim().is_empty() && !is_heading(l))
        .is_some_and(|l| list_number(l).is_some());
    let mut parsed = Parsed::default();
    for entry in list_entries(&lines, numbered) {
        let key = entry
            .number
            .unwrap_or_else(|| (parsed.references.len() + 1).to_string());
        let mut reference = parse(&key, &entry.text);
        reference.position = entry.position;
        if reference.title.is_none() && reference.year.is_none() {
            parsed.problems.push(InputProblem {
                kind: InputProblemKind::UnparsedReference,
                position: entry.position,
                message: format!(
                    "reference {key} yields neither a title nor a year: \"{}\"",
                    reference.raw
                ),
                reference: Some(key.clone()),
                source: None,
            });
        }
        parsed.references.push(reference);
    }
    parsed
}

// ---------------------------------------------------------------- lists

/// One entry of a list file while it is gathered.
struct ListEntry {
    number: Option<String>,
    position: Position,
    text: String,
}

fn list_entries(lines: &[&str], numbered: bool) -> Vec<ListEntry> {
    let mut entries: Vec<ListEntry> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || (entries.is_empty() && is_heading(trimmed)) {
            continue;
        }
        let position = Position::new(i + 1, column_of(line));
        // Four digits start an entry only as the next number: "(2009) Title" continues one.
        let previous = entries
            .last()
            .and_then(|e| e.number.as_deref()?.parse::<u32>().ok());
        let marker = list_number(line).filter(|(number, _)| {
            number.len() < 4 || number.parse::<u32>().ok() == previous.map(|p| p + 1)
        });
        match (numbered, marker) {
            (true, Some((number, text))) => entries.push(ListEntry {
                number: Some(number),
                position,
                text: text.to_string(),
            }),
            (true, None) if !entries.is_empty() => {
                if let Some(last) = entries.last_mut() {
                    last.text.push(' ');
                    last.text.push_str(trimmed);
                }
            }
            _ => entries.push(ListEntry {
                number: None,
                position,
                text: trimmed.to_string(),
            }),
        }
    }
    entries
}

/// The number of a list line ("12." / "[12]" / "12)" / "(12)") and the text after it.
fn list_number(line: &str) -> Option<(String, &str)> {
    let caps = LIST_NUMBER.captures(line)?;
    let number = (1..=3).find_map(|i| caps.get(i))?.as_str();
    let text = caps.get(4)?.as_str();
    Some((number.trim_start_matches('0').to_string(), text))
}

fn is_heading(line: &str) -> bool {
    let word = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        word.as_str(),
        "references" | "reference list" | "bibliography" | "works cited" | "literature cited"
    )
}

fn column_of(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    line[..indent].chars().count() + 1
}

// ---------------------------------------------------------------- text helpers

fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Split a leading list number off the entry: ("12", rest).
fn strip_number(text: &str) -> (Option<&str>, &str) {
    match NUMBER.captures(text) {
        Some(caps) => {
            let number = (1..=4).find_map(|i| caps.get(i));
            // A bare number is followed by the capital that starts the entry: keep it.
            let end = match caps.get(4) {
                Some(bare) => bare.end(),
                None => caps.get(0).map_or(0, |m| m.end()),
            };
            (number.map(|m| m.as_str()), text[end..].trim_start())
        }
        None => (None, text),
    }
}

/// Take DOI, PMCID, PMID and URL out of the text (wherever they stand) onto the reference,
/// together with access and e-publication notes whose dates would pass for the year.
fn take_identifiers(text: &str, reference: &mut Reference) -> String {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    if let Some(caps) = DOI.captures(text) {
        let doi = trim_identifier(&caps[1]);
        reference.doi = Some(doi.to_string());
        if let Some(m) = caps.get(0) {
            cuts.push((
                m.start(),
                caps.get(1).map_or(m.end(), |d| d.start() + doi.len()),
            ));
        }
    }
    let uncut =
        |start: usize, cuts: &[(usize, usize)]| cuts.iter().all(|&(s, e)| start < s || start >= e);
    if let Some(caps) = PMCID
        .captures_iter(text)
        .find(|c| c.get(0).is_some_and(|m| uncut(m.start(), &cuts)))
    {
        reference.pmcid = Some(caps[1].to_uppercase());
        if let Some(m) = caps.get(0) {
            cuts.push((m.start(), m.end()));
        }
    }
    if let Some(caps) = PMID.captures(text) {
        reference.pmid = Some(caps[1].to_string());
        if let Some(m) = caps.get(0) {
            cuts.push((m.start(), m.end()));
        }
    }
    for m in URL.find_iter(text) {
        if !uncut(m.start(), &cuts) || m.as_str().to_ascii_lowercase().contains("doi.org/") {
            continue;
        }
        let url_start = m.as_str().find(['h', 'H', 'w', 'W']).map_or(0, |i| {
            m.as_str()[i..]
                .find("http")
                .or_else(|| m.as_str()[i..].find("www."))
                .map_or(i, |j| i + j)
        });
        let url = trim_identifier(&m.as_str()[url_start..]);
        reference.url.get_or_insert_with(|| url.to_string());
        cuts.push((m.start(), m.start() + url_start + url.len()));
    }
    if reference.pmid.is_none() {
        if let Some(m) = BARE_PMID.captures(text).and_then(|c| c.get(1)).filter(|m| {
            let before = text[..m.start()].trim_end();
            uncut(m.start(), &cuts)
                && (before.ends_with(['.', ';']) || cuts.iter().any(|&(_, e)| e == before.len()))
        }) {
            reference.pmid = Some(m.as_str().to_string());
            cuts.push((m.start(), m.end()));
        }
    }
    for m in NOTE.find_iter(text) {
        if uncut(m.start(), &cuts) {
            cuts.push((m.start(), m.end()));
        }
    }
    remove_spans(text, cuts)
}

/// Trailing punctuation is the sentence's, not the identifier's (a closing bracket only
/// when it has no opening one inside).
fn trim_identifier(id: &str) -> &str {
    let mut id = id.trim_end_matches(['.', ',', ';', ':', ']', '>', '"', '\'']);
    while id.ends_with(')') && id.matches('(').count() < id.matches(')').count() {
        id = id[..id.len() - 1].trim_end_matches(['.', ',', ';']);
    }
    id
}

fn remove_spans(text: &str, mut cuts: Vec<(usize, usize)>) -> String {
    if cuts.is_empty() {
        return text.trim().to_string();
    }
    cuts.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        if start >= at {
            join_piece(&mut out, &text[at..start]);
            at = end;
        } else {
            at = at.max(end);
        }
    }
    join_piece(&mut out, &text[at.min(text.len())..]);
    fold_whitespace(&out)
        .trim_end_matches([' ', ',', ';', ':'])
        .trim_start_matches([' ', ',', ';', '.'])
        .to_string()
}

/// Append the text after a cut, dropping the punctuation that would double the punctuation
/// before the cut ("Smith J. doi:10.1/x. 2015" -> "Smith J. 2015"), and only there: "A. S.,
/// M. A. Brandon" elsewhere in the entry keeps its comma.
fn join_piece(out: &mut String, piece: &str) {
    if out.trim_end().ends_with(['.', ',', ';', ':']) {
        out.push(' ');
        out.push_str(piece.trim_start().trim_start_matches(['.', ',', ';', ' ']));
    } else {
        out.push_str(piece);
    }
}

/// The first plausible publication year in `text`.
/// The first plausible year in the numbers after a container that is not a page: "127: 1607,
/// 2000" and "p. 1734 - 1739, 2012" give 2000 and 2012. (YEAR's match takes the character
/// before the year, but that is never a colon or a full stop.)
fn year_after_pages(numbers: &str) -> Option<i32> {
    YEAR.captures_iter(numbers)
        .filter_map(|c| c.get(1))
        .find(|m| {
            let before = numbers[..m.start()].trim_end();
            let page = before.ends_with(':')
                || before
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| matches!(w, "p." | "pp." | "p" | "pp"));
            !page
        })
        .and_then(|m| m.as_str().parse().ok())
}

fn first_year(text: &str) -> Option<i32> {
    YEAR.captures(text)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// Trim a field: outer spaces, quotes and the punctuation that separated it from the next.
fn clean_field(text: &str) -> Option<String> {
    let t = text
        .trim()
        .trim_start_matches(['“', '”', '"', '‘', '\'', '«', '„', ',', ';', ':', ' '])
        .trim_end_matches(['.', ',', ';', ':', ' ', '”', '"', '’', '\'', '»', '“'])
        .trim();
    (!t.is_empty()).then(|| t.to_string())
}

// ---------------------------------------------------------------- authors

/// A whitespace-separated word and where it starts.
#[derive(Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
}

impl<'a> Token<'a> {
    /// The word without the punctuation that follows it.
    fn core(&self) -> &'a str {
        self.text.trim_end_matches([',', ';', ':', '.'])
    }

    fn ends_with(&self, c: char) -> bool {
        self.text.ends_with(c)
    }

    /// Punctuation that closes a name: ',' ';' ':' or '.' (for initials the '.' is theirs).
    fn separated(&self) -> bool {
        self.text.ends_with([',', ';', ':'])
    }
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    let mut previous = ' ';
    for (i, c) in text.char_indices() {
        // "Fel'dman,V.I." is two names' worth of tokens glued by a comma.
        let glued = previous == ',' && c.is_alphabetic();
        match (c.is_whitespace() || glued, start) {
            (true, Some(s)) => {
                tokens.push(Token {
                    text: &text[s..i],
                    start: s,
                });
                start = glued.then_some(i);
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        previous = c;
    }
    if let Some(s) = start {
        tokens.push(Token {
            text: &text[s..],
            start: s,
        });
    }
    tokens
}

fn is_corporate_word(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    CORPORATE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn is_particle(word: &str) -> bool {
    PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// "Smith", "O'Shea", "DULONG", "Bueno-de-Mesquita", "Martin-" (broken at a line end).
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word.chars().count() >= 2
        && chars.all(|c| c.is_alphabetic() || is_combining(c) || matches!(c, '\'' | '’' | '-'))
        && word
            .chars()
            .any(|c| c.is_lowercase() || c == '\'' || c == '’')
        || is_upper_name(word)
}

/// Combining accents of decomposed text ("Ka\u{308}ha\u{308}ra\u{308}").
fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// An all-capitals family name of five letters or more ("DULONG"), never initials.
fn is_upper_name(word: &str) -> bool {
    word.chars().count() >= 5 && word.chars().all(|c| c.is_uppercase() || c == '-')
}

/// "AB", "J", "J-P": Vancouver initials without full stops.
fn is_bare_initials(word: &str) -> bool {
    let n = word.chars().count();
    (1..=4).contains(&n)
        && word.chars().all(|c| c.is_uppercase() || c == '-')
        && !word.starts_with('-')
        && !word.ends_with('-')
}

/// "J.", "J.A.", "J.-P.", "Ch.", "K.P": initials with full stops.
fn is_dotted_initials(text: &str) -> bool {
    let t = text.trim_end_matches([',', ';', ':']);
    if !t.contains('.') || t.chars().count() > 12 || SUFFIXES.contains(&t.trim_end_matches('.')) {
        return false;
    }
    t.split('.').filter(|p| !p.is_empty()).all(|part| {
        let part = part.trim_start_matches('-');
        let mut chars = part.chars();
        matches!(chars.next(), Some(c) if c.is_uppercase())
            && part.chars().count() <= 2
            && chars.all(char::is_lowercase)
    })
}

fn is_initials(token: &Token) -> bool {
    is_dotted_initials(token.text) || is_bare_initials(token.core())
}

/// A given name or initials as written: "J.", "J.-P.", "AB", "Bill".
fn given_part<'a>(token: &Token<'a>) -> &'a str {
    if is_dotted_initials(token.text) {
        token.text.trim_end_matches([',', ';', ':'])
    } else {
        token.core()
    }
}

fn is_given_word(token: &Token) -> bool {
    let core = token.core();
    is_name_word(core)
        && !is_upper_name(core)
        && !TITLE_WORDS.contains(&core)
        && !core.ends_with('-')
}

fn is_connector(token: &Token) -> bool {
    matches!(
        token.text,
        "and" | "&" | "und" | "&amp;" | "y" | "e" | "og" | "och" | "en"
    ) || (token.text == "et" || token.text == "et.")
}

fn is_et_al(tokens: &[Token], i: usize) -> usize {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.text);
    let first = word(i).trim_end_matches([',', '.', ';']);
    if first.eq_ignore_ascii_case("et") && word(i + 1).to_lowercase().starts_with("al") {
        2
    } else if matches!(first, "etal" | "et al") {
        1
    } else {
        0
    }
}

/// Join family-name tokens, mending names broken at a line end ("Mur- phy", "Martin- Facklam").
fn join_family(tokens: &[Token]) -> String {
    let mut family = String::new();
    for token in tokens {
        let core = token.core();
        if family.ends_with('-') {
            if core.starts_with(char::is_lowercase) {
                family.pop();
            }
        } else if !family.is_empty() {
            family.push(' ');
        }
        family.push_str(core);
    }
    family
}

/// One name read from the token stream.
struct NameMatch {
    person: Person,
    /// Index of the name's last token.
    last: usize,
}

/// Family tokens from `i`: particles and name words, the last a name word. Returns the end.
fn family_run(tokens: &[Token], i: usize, stop_at_comma: bool) -> Option<usize> {
    let mut k = i;
    while k < tokens.len() && k < i + 4 {
        let t = &tokens[k];
        let core = t.core();
        let particle = is_particle(core) && k + 1 < tokens.len();
        let suffix = k > i && SUFFIXES.contains(&core);
        // "Mur- phy": the rest of a name broken at a line end.
        let broken =
            k > i && tokens[k - 1].text.ends_with('-') && core.chars().all(char::is_alphabetic);
        let hyphenated = t.text.ends_with('-') && is_name_word(core.trim_end_matches('-'));
        if !(particle || suffix || broken || hyphenated || is_name_word(core)) {
            break;
        }
        k += 1;
        if stop_at_comma && t.separated() {
            return (!particle).then_some(k);
        }
        // "Das," closed by a comma is a family name, not a particle ("Sajal K Das, ...").
        if !stop_at_comma && !t.text.ends_with('-') && (!is_particle(core) || t.separated()) {
            return Some(k);
        }
        if t.text.ends_with('.') {
            break;
        }
    }
    None
}

/// "Smith AB", "van der Berg J-P", "DULONG R.".
fn vancouver_name(tokens: &[Token], i: usize) -> Option<NameMatch> {
    let mut k = i;
    while k < tokens.len() && k < i + 4 {
        let t = &tokens[k];
        if t.text.ends_with([',', '.', ';', ':']) {
            break;
        }
        let initials = tokens.get(k + 1)?;
        // "delange WCM," — a lower-case family name, when a comma closes its initials.
        let lower_family = k == i
            && t.text.chars().all(char::is_alphabetic)
            && initials.text.ends_with(',')
            && is_bare_initials(initials.core());
        if !(is_particle(t.text) || is_name_word(t.text) || t.text.ends_with('-') || lower_family) {
            break;
        }
        k += 1;
        // "Janhäll S., ..." but not "Eric J. Rossetter": a dotted initial closes a Vancouver name.
        // Nor is "Sajal K Das," or "Thomas F. LaPorta and": a name word closed by a comma or
        // followed by "and" after the initials is the family name of a given-first name.
        // "Smith AB. Statins and ...", and "Jones B." after "Smith A,": undotted initials
        // closed by a full stop, or any after the first name of a list, end a Vancouver name.
        let full_stop = initials.ends_with('.')
            && is_bare_initials(initials.core())
            && (i > 0 || initials.core().chars().count() > 1);
        let closes = initials.separated()
            || full_stop
            || tokens.get(k + 1).is_none_or(|n| {
                // "Abraham WC. Metaplasticity: tuning": a colon closes a title word, not a name.
                !(is_name_word(n.core())
                    && (n.text.ends_with([',', ';'])
                        || tokens.get(k + 2).is_some_and(is_connector)
                            && is_name_after_and(tokens, k + 3)))
            });
        let single_dotted =
            is_dotted_initials(initials.text) && initials.core().chars().count() <= 3 && closes;
        // "Das APK", "Le LP": a capitalised particle right before initials is the family name.
        let open_particle = is_particle(t.text) && t.text.starts_with(char::is_lowercase);
        let bare = is_bare_initials(initials.core()) && closes;
        if (bare || single_dotted) && !t.text.ends_with('-') && !open_particle {
            // "Andreae M. O.,": more dotted initials may follow the first.
            let mut last = k;
            while !tokens[last].separated()
                && last < k + 2
                && tokens
                    .get(last + 1)
                    .is_some_and(|n| is_dotted_initials(n.text))
            {
                last += 1;
            }
            let given: Vec<&str> = tokens[k..=last].iter().map(given_part).collect();
            return Some(NameMatch {
                person: Person {
                    family: join_family(&tokens[i..k]),
                    given: Some(given.join(" ")),
                },
                last,
            });
        }
    }
    None
}

/// Whether the word at `i`, after an "and", reads as a name ("... and Kim Smith") rather than
/// a title's word ("Smith A. Statins and Cholesterol in older adults.").
fn is_name_after_and(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|m| {
        is_name_word(m.core())
            && !m.ends_with('.')
            && !m.ends_with(':')
            && !tokens
                .get(i + 1)
                .is_some_and(|n| n.text.starts_with(char::is_lowercase))
    })
}

/// "Smith, J. A.", "van Hessem, J.", "Nichols, Bill", "Small, Kenneth A".
fn inverted_name(tokens: &[Token], i: usize) -> Option<NameMatch> {
    let family_end = family_run(tokens, i, true)?;
    let mut k = family_end;
    let mut given: Vec<&str> = Vec::new();
    while k < tokens.len() && given.len() < 4 {
        let t = &tokens[k];
        let initials = is_initials(t);
        // "Editorial:" is a heading, not a given name; "N.:" closes the list.
        if !initials && (!is_given_word(t) || t.ends_with(':')) {
            break;
        }
        given.push(given_part(t));
        k += 1;
        if t.separated() {
            break;
        }
        // "R. O, and D. N. Serpanos": a bare initial after dotted ones when a comma closes it.
        let next_is_initials = tokens.get(k).is_some_and(|n| {
            is_dotted_initials(n.text)
                || n.separated() && is_bare_initials(n.core()) && n.core().len() <= 2
        });
        // "Heinemann, H. Erich.", "Ansoff, H. Igor and Richard G. Brandenburg": a given name
        // after the initial, closed by its own full stop or followed by "and" (never a comma:
        // "Sasayama, D. Hattori, K." is two names).
        let next_is_given = initials
            && given.len() == 1
            && tokens.get(k).is_some_and(|n| {
                is_given_word(n)
                    && (n.text.ends_with('.') || tokens.get(k + 1).is_some_and(is_connector))
            });
        if t.ends_with('.') && !(initials && next_is_initials) && !next_is_given {
            break;
        }
    }
    // "Andrade, Mário de.", "Goethe, Johann Wolfgang von.": a particle after the given names
    // (it belongs to the family name, which the list keeps where it is).
    if let Some(particle) = tokens
        .get(k)
        .filter(|t| given.last().is_some_and(|g| !g.ends_with('.')) && is_particle(t.core()))
        .filter(|t| t.text.ends_with(['.', ',']))
    {
        given.push(particle.core());
        k += 1;
    }
    if given.is_empty() {
        return None;
    }
    Some(NameMatch {
        person: Person {
            family: join_family(&tokens[i..family_end]),
            given: Some(given.join(" ")),
        },
        last: k - 1,
    })
}

/// "J. A. Smith", "John Smith", "Yee Whye Teh", "AM Trinkoff" (bare initials only first).
fn given_first_name(tokens: &[Token], i: usize, first: bool) -> Option<NameMatch> {
    let mut k = i;
    let mut given_end = i;
    while k < tokens.len() && k < i + 4 {
        let t = &tokens[k];
        let dotted = is_dotted_initials(t.text) && !t.separated();
        // "AM Trinkoff" first in a list; "J William Murdock", "Jon R Moen" anywhere.
        let bare = is_bare_initials(t.text)
            && (t.text.chars().count() == 1 || first && k == i && t.text.chars().count() <= 3)
            && tokens
                .get(k + 1)
                .is_some_and(|n| is_name_word(n.core()) || is_dotted_initials(n.text));
        let word = is_given_word(t) && !t.text.ends_with(['.', ',', ';', ':']);
        if !(dotted || bare || word) || (k == i + 3 && !dotted) {
            break;
        }
        k += 1;
        given_end = k;
    }
    // The family name: the run after the given names, or the last given word.
    let mut family_start = given_end;
    let mut family_end = family_run(tokens, given_end, false).filter(|_| given_end > i);
    if family_end.is_none() && given_end > i + 1 {
        let last = &tokens[given_end - 1];
        if is_name_word(last.core()) && !is_dotted_initials(last.text) {
            family_start = given_end - 1;
            family_end = Some(given_end);
        }
    }
    let family_end = family_end?;
    let last = &tokens[family_end - 1];
    // "M. Stutzmann, J. Appl. Phys. 87": "J. Appl." opens an abbreviated journal name, followed
    // by more abbreviated words, where a name would be followed by a title or a year.
    let journal_follows = tokens
        .get(family_end)
        .is_some_and(|n| is_abbreviated_segment(n.text));
    if last.text.ends_with('.') && journal_follows {
        return None;
    }
    let closed = last.separated()
        || last.ends_with('.')
        || tokens.get(family_end).is_none_or(|n| {
            is_connector(n) || is_et_al(tokens, family_end) > 0 || n.text.starts_with('(')
        });
    let given: Vec<&str> = tokens[i..family_start].iter().map(given_part).collect();
    (closed && !given.is_empty()).then(|| NameMatch {
        person: Person {
            family: join_family(&tokens[family_start..family_end]),
            given: Some(given.join(" ")),
        },
        last: family_end - 1,
    })
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum NameLayout {
    Vancouver,
    Inverted,
    GivenFirst,
}

fn detect_layout(tokens: &[Token]) -> Option<NameLayout> {
    // "World Health Organization." is a group, whatever its words look like.
    let first_segment = tokens
        .iter()
        .position(|t| t.text.ends_with([',', '.', ';', ':']))
        .map_or(tokens, |end| &tokens[..=end]);
    if first_segment.iter().any(|t| is_corporate_word(t.core())) {
        return None;
    }
    if vancouver_name(tokens, 0).is_some() {
        return Some(NameLayout::Vancouver);
    }
    let inverted = inverted_name(tokens, 0);
    let given_first = given_first_name(tokens, 0, true);
    match (inverted, given_first) {
        (Some(_), Some(g)) => {
            // "Frank Wood, Jan Gasthaus" against "Blest Gana, Alberto": the second name decides.
            let has_initial = tokens[..=g.last].iter().any(|t| is_dotted_initials(t.text));
            let next_given_first =
                given_first_name(tokens, g.last + 1, false).is_some_and(|n| n.last > g.last + 1);
            Some(if has_initial || next_given_first {
                NameLayout::GivenFirst
            } else {
                NameLayout::Inverted
            })
        }
        (Some(_), None) => Some(NameLayout::Inverted),
        (None, Some(_)) => Some(NameLayout::GivenFirst),
        (None, None) => None,
    }
}

fn next_name(tokens: &[Token], i: usize, layout: NameLayout) -> Option<NameMatch> {
    match layout {
        NameLayout::Vancouver => vancouver_name(tokens, i),
        // Chicago inverts only the first name: "Kaufmann, G., M. David, and A. Paz".
        NameLayout::Inverted => {
            inverted_name(tokens, i).or_else(|| given_first_name(tokens, i, false))
        }
        NameLayout::GivenFirst => given_first_name(tokens, i, true),
    }
}

/// Read the author list at the start of `text`: the people and the text after the list.
fn read_authors(text: &str) -> (Vec<Person>, &str) {
    let tokens = tokenize(text);
    if let Some((people, rest)) = family_names_only(text, &tokens) {
        return (people, rest);
    }
    let Some(layout) = detect_layout(&tokens) else {
        return corporate_then_people(text);
    };
    let mut people: Vec<Person> = Vec::new();
    let mut initials_only = false;
    let mut i = 0;
    let mut after_connector = false;
    while let Some(name) = next_name(&tokens, i, layout) {
        // A list written with initials keeps to them: "Spectral Graph Theory" after
        // "F. R. K. Chung," is a title.
        let has_initials = name.person.given.as_deref().is_some_and(given_has_initials);
        if people.is_empty() {
            // "Sajal K Das, Amiya Battacharya", "Goodman, Judith C.; McDonough, Laraine": a
            // list that spells out a given name does not keep to initials.
            initials_only = name.person.given.as_deref().is_some_and(given_is_initials);
        } else if initials_only && !has_initials && !after_connector {
            break;
        }
        people.push(name.person);
        i = name.last + 1;
        i += editor_mark(&tokens, i);
        let closing = &tokens[i - 1];
        let et_al = is_et_al(&tokens, i);
        if et_al > 0 {
            i += et_al;
            break;
        }
        if tokens.get(i).is_some_and(is_connector) && !after_connector {
            i += 1;
            after_connector = true;
            continue;
        }
        // The name after "and" is the last one.
        let go_on = !after_connector && continues(&tokens, i, closing, layout);
        if !go_on {
            break;
        }
    }
    let rest = tokens.get(i).map_or("", |t| &text[t.start..]);
    let rest = rest.trim_start_matches([',', ';', ':', '.', ' ']);
    (people, rest)
}

/// "Chiba, Nakanishi & Yata (2003)": family names alone, joined by commas and a last "&" or
/// "and", and directly followed by the date — the only place such a list can be told from a
/// title.
fn family_names_only<'a>(text: &'a str, tokens: &[Token]) -> Option<(Vec<Person>, &'a str)> {
    let mut people = Vec::new();
    let mut i = 0;
    loop {
        let t = tokens.get(i)?;
        let word = t.core();
        if !is_name_word(word) || is_particle(word) || TITLE_WORDS.contains(&word) {
            return None;
        }
        people.push(Person {
            family: word.to_string(),
            given: None,
        });
        i += 1;
        if t.text.ends_with(',') && !tokens.get(i).is_some_and(is_connector) {
            continue;
        }
        if tokens.get(i).is_some_and(is_connector) {
            i += 1;
            let last = tokens.get(i)?;
            if !is_name_word(last.core()) || last.text.ends_with([',', '.']) || people.len() > 6 {
                return None;
            }
            people.push(Person {
                family: last.core().to_string(),
                given: None,
            });
            let rest = tokens.get(i + 1).map_or("", |t| &text[t.start..]);
            return LEADING_DATE.is_match(rest).then_some((people, rest));
        }
        return None;
    }
}

/// Whether the list goes on after a name that ended with `closing`.
fn continues(tokens: &[Token], i: usize, closing: &Token, layout: NameLayout) -> bool {
    if closing.separated() {
        return !closing.ends_with(':');
    }
    if closing.ends_with('.') {
        // "ROUSSILLON, René. CHABERT, Catherine." or "Heinrichs, SC. Koob, GF.": only names
        // with initials or a family name in capitals, never "Time, Narrative, and ...".
        return layout == NameLayout::Inverted
            && inverted_name(tokens, i).is_some_and(|n| {
                // "Macunaíma: O herói" is a title, its colon no name's.
                let colon = tokens[i..=n.last].iter().any(|t| t.text.ends_with(':'));
                !colon && n.person.given.as_deref().is_some_and(given_has_initials)
                    || is_upper_name(&n.person.family)
            });
    }
    // Unpunctuated lists: "Bar-Even A Paulsson J Maheshri N".
    layout == NameLayout::Vancouver && vancouver_name(tokens, i).is_some()
}

fn given_is_initials(given: &str) -> bool {
    given
        .split_whitespace()
        .all(|w| is_dotted_initials(w) || is_bare_initials(w.trim_end_matches([',', '.'])))
}

fn given_has_initials(given: &str) -> bool {
    given
        .split_whitespace()
        .any(|w| is_dotted_initials(w) || is_bare_initials(w.trim_end_matches([',', '.'])))
}

/// "(ed.)", "(eds)", "(Hrsg.)", "eds." after a name: the number of tokens to skip.
fn editor_mark(tokens: &[Token], i: usize) -> usize {
    let Some(t) = tokens.get(i) else {
        return 0;
    };
    let word = t
        .text
        .trim_matches(['(', ')', '.', ',', ';', ':'])
        .to_lowercase();
    usize::from(matches!(
        word.as_str(),
        "ed" | "eds" | "hrsg" | "editor" | "editors" | "dir" | "coord"
    ))
}

/// "The Cancer Genome Atlas Research Network, Weinstein JN, ...": a group, then people.
fn corporate_then_people(text: &str) -> (Vec<Person>, &str) {
    if let Some(comma) = text.find(", ") {
        let group = &text[..comma];
        let after = &text[comma + 2..];
        let short = (1..=10).contains(&group.split_whitespace().count());
        if short
            && group.starts_with(char::is_uppercase)
            && detect_layout(&tokenize(after)).is_some()
        {
            let (mut people, rest) = read_authors(after);
            people.insert(
                0,
                Person {
                    family: group.to_string(),
                    given: None,
                },
            );
            return (people, rest);
        }
    }
    corporate_author(text)
}

/// A corporate author: a short opening segment that names an organisation, or any short
/// segment directly followed by the date ("UNHCR (2015)").
fn corporate_author(text: &str) -> (Vec<Person>, &str) {
    let end = sentence_end(text).unwrap_or(text.len());
    let date_at = text[..end]
        .match_indices([',', '('])
        .map(|(at, _)| at)
        .find(|&at| LEADING_DATE.is_match(&text[at..]));
    let end = date_at.unwrap_or(end);
    let segment = text[..end].trim_end_matches(['.', ',', ' ']);
    let words = segment.split_whitespace().count();
    let dated = date_at == Some(end) || LEADING_DATE.is_match(&text[end..]);
    let named = segment.split_whitespace().any(is_corporate_word);
    let acronym = words == 1
        && segment
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if (1..=10).contains(&words)
        && segment.starts_with(char::is_uppercase)
        && (dated || named || acronym)
        && end < text.len()
    {
        let person = Person {
            family: segment.to_string(),
            given: None,
        };
        return (
            vec![person],
            text[end..].trim_start_matches(['.', ',', ' ']),
        );
    }
    (Vec::new(), text)
}

// ---------------------------------------------------------------- segments

/// The byte offset just past the first sentence end ('.', '?' or '!' then a space) that is
/// not an initial, an abbreviation or inside brackets or quotes.
fn sentence_end(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quoted = false;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '“' => quoted = true,
            '”' => quoted = false,
            '.' | '?' | '!' if depth == 0 && !quoted => {
                let next = i + c.len_utf8();
                let followed = bytes.get(next).is_none_or(|b| b.is_ascii_whitespace());
                let continues = text[next..].trim_start().starts_with(char::is_lowercase);
                if followed
                    && !continues
                    && (c != '.' || !is_abbreviation(&text[..i], &text[next..]))
                {
                    return Some(next);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the full stop after `before` belongs to an initial or an abbreviation.
fn is_abbreviation(before: &str, after: &str) -> bool {
    let word = before.rsplit([' ', '(']).next().unwrap_or("");
    let word = word.trim_start_matches(['“', '"', '‘', '\'']);
    let next = after.trim_start().chars().next();
    if next.is_some_and(char::is_lowercase) {
        return true;
    }
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.')
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
        && word.chars().filter(|c| c.is_alphabetic()).count() <= 4;
    // "problem, Math. Programming, 60": an abbreviated journal after a comma.
    let mut following = after.split_whitespace();
    let journal_next = following.next().is_some_and(|w| w.ends_with(','))
        || following
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let short_after_comma = before[..before.len() - word.len()].ends_with(", ")
        && word.starts_with(char::is_uppercase)
        && word.chars().count() <= 5
        && journal_next;
    single_capital
        || dotted
        || short_after_comma
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// A quoted title at the start: (title, text after the closing quote).
fn quoted_title(text: &str) -> Option<(&str, &str)> {
    if let Some(inner) = text.strip_prefix("``") {
        let at = inner.find("''")?;
        return Some((&inner[..at], &inner[at + 2..]));
    }
    let open = text.chars().next()?;
    let close: &[char] = match open {
        '“' => &['”', '“'],
        '"' => &['"', '”'],
        '‘' => &['’'],
        '\'' => &['\'', '’'],
        '«' => &['»'],
        '„' => &['“', '”'],
        _ => return None,
    };
    let inner = &text[open.len_utf8()..];
    let mut search = 0;
    while let Some(at) = inner[search..].find(close).map(|a| a + search) {
        let c = inner[at..].chars().next()?;
        let after = &inner[at + c.len_utf8()..];
        // An apostrophe inside a word ("carers’ needs") does not close a single quote.
        // A quoted word inside the title ("“Like” and language ideology") or an apostrophe
        // ("carers’ needs") does not close it.
        let inside = after.starts_with(' ')
            && !inner[..at].ends_with([',', '.', '?', '!'])
            && after.trim_start().starts_with(char::is_lowercase);
        let closes =
            after.is_empty() || after.starts_with([',', '.', ';', ':', ')', ' ']) && !inside;
        // "‘After the stroke’: Patients' ..." — the quotation opens a longer title.
        if closes && after.starts_with(':') {
            return None;
        }
        if closes {
            return Some((&inner[..at], after));
        }
        search = at + c.len_utf8();
    }
    None
}

/// The title at the start of `text` and what follows it.
fn take_title(text: &str, commas: bool) -> (Option<String>, &str) {
    if let Some((title, after)) = quoted_title(text) {
        return (
            clean_field(title),
            after.trim_start_matches([',', '.', ';', ':', ' ']),
        );
    }
    if BARE_CONTAINER.is_match(text) {
        return (None, text);
    }
    let mut end = title_end(text);
    // No full stop closes the title: "Title, Journal, 27, 259-316 (1962)."
    if commas || text[end..].trim().is_empty() {
        if let Some(m) = COMMA_TITLE_END.find(&text[..end]) {
            end = m.start();
        }
    }
    let mut title = &text[..end];
    // "Title (London: Routledge, 1992)" — a book's imprint in brackets closes the title.
    if let Some(open) = title.find(" (") {
        let inside = title[open..].trim_end_matches(['.', ',', ' ']);
        if inside.contains(':') && inside.ends_with(')') {
            title = &title[..open];
        }
    }
    (clean_field(title), &text[end..])
}

/// The title, when the container's numbers start at `numbers_at`: a title may hold full stops
/// ("Burden in Heart Failure. A Qualitative Study. Ann Fam Med 9: 235"), so when the last
/// segment before the numbers is an unpunctuated journal name, everything before it is title.
fn take_title_before(
    text: &str,
    numbers_at: Option<usize>,
    commas: bool,
) -> (Option<String>, &str) {
    let default = take_title(text, commas);
    let Some(at) = numbers_at else {
        return default;
    };
    if text.starts_with(['“', '"', '‘', '\'', '«', '„', '`']) {
        return default;
    }
    let prefix = &text[..at];
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(end) = sentence_end(&prefix[from..]).map(|e| e + from) {
        if prefix[end..].trim().is_empty() {
            break;
        }
        ends.push(end);
        from = end;
    }
    // "characters. Syst. Entomol. 33", "Go? J. Med. Chem. 53": the abbreviated words of a
    // journal name end sentences of their own; they belong to the journal, not the title.
    while let [.., before, last] = ends[..] {
        if !is_abbreviated_segment(&prefix[before..last]) {
            break;
        }
        ends.pop();
    }
    let Some(&split) = ends.last() else {
        return default;
    };
    let journal = prefix[split..].trim().trim_end_matches(['.', ',']);
    let plain =
        !journal.contains(['.', ':', '?', '!', '(']) && journal.split_whitespace().count() <= 10;
    let default_end = text.len() - default.1.len();
    if plain && split > default_end {
        return (clean_field(&text[..split]), &text[split..]);
    }
    default
}

/// "Syst. ", "J. Med. ": one or two capitalised words of up to eight letters, each with its
/// full stop — the abbreviated words of a journal name.
fn is_abbreviated_segment(segment: &str) -> bool {
    let mut count = 0;
    let all = segment.split_whitespace().all(|w| {
        count += 1;
        let letters = w.trim_end_matches('.');
        w.ends_with('.')
            && letters.starts_with(char::is_uppercase)
            && letters.chars().count() <= 8
            && letters.chars().all(char::is_alphabetic)
    });
    all && (1..=2).contains(&count)
}

/// Where the title ends: the first sentence end, except that a question or exclamation
/// followed by a long subtitle ("How many deer? A field guide to estimating ...") goes on.
fn title_end(text: &str) -> usize {
    let mut from = 0;
    loop {
        let Some(end) = sentence_end(&text[from..]).map(|e| e + from) else {
            return text.len();
        };
        let mark = text[..end].chars().next_back();
        if !matches!(mark, Some('?' | '!')) {
            return end;
        }
        let next = &text[end..];
        let next_end = sentence_end(next).unwrap_or(next.len());
        let subtitle = &next[..next_end];
        let long = subtitle.split_whitespace().count() >= 6
            && !subtitle.contains(|c: char| c.is_ascii_digit());
        if !long || next_end == next.len() {
            return end;
        }
        from = end;
    }
}

/// The container at the start of `text` (after the title): up to the numbers.
fn take_container(text: &str) -> (Option<String>, &str) {
    let text = text.trim_start_matches([',', '.', ';', ':', ' ']);
    let stripped = strip_in(text);
    let chapter = stripped.len() < text.len();
    let mut text = stripped;
    if let Some(m) = EDITORS.find(text) {
        if m.end() < text.len() && !text[..m.end()].contains(['“', '"']) {
            text = &text[m.end()..];
        }
    }
    let mut end = CONTAINER_END.find(text).map_or(text.len(), |m| m.start());
    // A book's title is one sentence: "In: Book Title. City: Publisher; 2015."
    if chapter {
        end = end.min(sentence_end(text).unwrap_or(text.len()));
    }
    let name = &text[..end];
    let rest = &text[end..];
    let container =
        clean_field(name).filter(|c| !is_imprint(c, rest) && c.chars().any(char::is_alphabetic));
    (container, rest)
}

/// "New York: Norton" followed by the year or nothing: a publisher, where a container would be.
fn is_imprint(candidate: &str, rest: &str) -> bool {
    let Some((_, publisher)) = candidate.split_once(':') else {
        return false;
    };
    let rest = rest.trim_start_matches([',', ';', '.', ' ']);
    PUBLISHER.is_match(candidate)
        && publisher.split_whitespace().count() <= 5
        && (rest.is_empty() || LEADING_DATE.is_match(rest) || rest.starts_with(char::is_uppercase))
}

/// "In: " / "In " before a book or proceedings title.
fn strip_in(text: &str) -> &str {
    for prefix in ["In: ", "In:", "in: ", "In ", "in "] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest;
        }
    }
    text
}

// ---------------------------------------------------------------- styles

/// Where a reference puts its year decides how the rest reads.
#[derive(Debug)]
enum Style<'a> {
    /// APA, Harvard, Chicago author-date, PLoS: the date right after the authors.
    AuthorDate(Option<i32>, &'a str),
    /// Vancouver/AMA: "Title. Journal. 2015;3(2):1-9."
    Vancouver,
    /// Nature, IEEE, Chicago notes: the year somewhere after the container.
    TrailingYear,
}

fn detect_style(rest: &str) -> Style<'_> {
    if let Some(caps) = LEADING_DATE.captures(rest) {
        let year = caps
            .name("py")
            .or_else(|| caps.name("by"))
            .and_then(|m| m.as_str().parse().ok());
        let end = caps.get(0).map_or(0, |m| m.end());
        return Style::AuthorDate(year, &rest[end..]);
    }
    let vancouver = VANCOUVER_BLOCK.captures_iter(rest).any(|c| {
        c.name("vol").is_some()
            || c.name("pages").is_some()
            || c.get(0).is_some_and(|m| m.as_str().contains(';'))
    });
    if vancouver {
        Style::Vancouver
    } else {
        Style::TrailingYear
    }
}

/// "(2015). Title. Journal, 3(2), 1-9." — the year is known; title, container and numbers follow.
fn read_author_date(reference: &mut Reference, year: Option<i32>, after: &str, commas: bool) {
    reference.year = year;
    let numbers_at = VOLUME_PAGES.find(after).map(|m| m.start());
    let (title, rest) = take_title_before(after, numbers_at, commas);
    reference.title = title;
    let (container, numbers) = take_container(rest);
    reference.container = container;
    fill_numbers(reference, numbers);
}

/// "Title. J Name. 2015;3(2):1-9."
fn read_vancouver(reference: &mut Reference, rest: &str, commas: bool) {
    let block_at = VANCOUVER_BLOCK
        .find_iter(rest)
        .find(|m| m.as_str().contains([';', ':']))
        .map(|m| m.start());
    let (title, after) = take_title_before(rest, block_at, commas);
    reference.title = title;
    let (container, _) = take_container(after);
    reference.container = container;
    if let Some(caps) = VANCOUVER_BLOCK.captures(after) {
        reference.year = caps.name("year").and_then(|m| m.as_str().parse().ok());
        reference.volume = caps.name("vol").map(|m| m.as_str().to_string());
        reference.issue = caps.name("iss").map(|m| m.as_str().to_string());
        reference.pages = caps.name("pages").map(|m| m.as_str().to_string());
    }
}

/// "Title. Journal 61, 327–335 (2005)." or "“Title,” Journal, vol. 5, 2009, pp. 1–9."
fn read_trailing_year(reference: &mut Reference, rest: &str, commas: bool) {
    let (title, after) = take_title(rest, commas);
    reference.title = title;
    let (container, numbers) = take_container(after);
    reference.container = container;
    reference.year = year_after_pages(numbers)
        .or_else(|| first_year(numbers))
        .or_else(|| first_year(after));
    fill_numbers(reference, numbers);
}

/// Volume, issue and pages from the text after the container.
fn fill_numbers(reference: &mut Reference, numbers: &str) {
    let numbers = numbers.trim_start_matches([',', '.', ' ']);
    let mut rest = numbers;
    if let Some(caps) = VOLUME.captures(numbers) {
        let vol = caps.name("vol").map_or("", |m| m.as_str());
        if !(vol.len() == 4 && first_year(vol).is_some()) {
            reference.volume = Some(vol.to_string());
            reference.issue = caps.name("iss").map(|m| m.as_str().to_string());
            rest = &numbers[caps.get(0).map_or(0, |m| m.end())..];
        }
    }
    if reference.volume.is_some() {
        reference.pages = PAGES
            .captures(rest)
            .and_then(|c| c.name("pages"))
            .map(|m| m.as_str().to_string())
            .filter(|p| p.len() != 4 || first_year(p).is_none() || p.contains(['–', '-']));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families(r: &Reference) -> Vec<&str> {
        r.authors.iter().map(|p| p.family.as_str()).collect()
    }

    #[test]
    fn all_patterns_compile() {
        for pattern in [
            &DOI,
            &PMID,
            &PMCID,
            &BARE_PMID,
            &URL,
            &NOTE,
            &NUMBER,
            &LIST_NUMBER,
            &YEAR,
            &LEADING_DATE,
            &VANCOUVER_BLOCK,
            &VOLUME,
            &PAGES,
            &CONTAINER_END,
            &PUBLISHER,
            &EDITORS,
            &BARE_CONTAINER,
            &COMMA_TITLE_END,
            &VOLUME_PAGES,
            &VENUE,
        ] {
            assert!(!pattern.as_str().is_empty());
        }
    }

    #[test]
    fn given_first_names_with_a_middle_initial() {
        let r = parse("", "Sajal K Das, Diane J Cook, and Tze-Yun Lin. The role of prediction algorithms. IEEE Wireless Communications, 9(6):77–84, 2002.");
        assert_eq!(families(&r), ["Das", "Cook", "Lin"]);
        let r = parse("", "Thomas F. LaPorta and Mischa Schwartz. Performance analysis of MSP. IEEE/ACM Transactions on Networking, 1(6) 740-753, December 1993.");
        assert_eq!(families(&r), ["LaPorta", "Schwartz"]);
        // "Viswanath K. Implementation and research": a Vancouver name before a title.
        let r = parse("", "Nagler RH, Viswanath K. Implementation and research priorities for FCTC Articles 13 and 16. Nicotine Tob Res. 2013;15(4):832–46.");
        assert_eq!(families(&r), ["Nagler", "Viswanath"]);
    }

    #[test]
    fn identifiers_cut_out_leave_the_author_commas() {
        let r = parse("", "Brierley, A. S., M. A. Brandon and J. L. Watkins (1998). An assessment. Deep-Sea Research 45, 1-9. doi: 10.1016/S0967-0637(98)00012-0.");
        assert_eq!(families(&r), ["Brierley", "Brandon", "Watkins"]);
        assert_eq!(r.title.as_deref(), Some("An assessment"));
    }

    #[test]
    fn vancouver_name_before_a_title_with_a_colon() {
        let r = parse("2", "2. Abraham WC. Metaplasticity: tuning synapses and networks for plasticity. Nature reviews Neuroscience. 2008;9: 387-99.");
        assert_eq!(families(&r), ["Abraham"]);
        assert_eq!(
            r.title.as_deref(),
            Some("Metaplasticity: tuning synapses and networks for plasticity")
        );
    }

    #[test]
    fn abbreviated_journal_words_after_the_title() {
        let r = parse("", "Weirauch, C., 2008. Cladistic analysis of Reduviidae (Heteroptera: Cimicomorpha) based on morphological characters. Syst. Entomol. 33, 229–274.");
        assert_eq!(r.title.as_deref(), Some("Cladistic analysis of Reduviidae (Heteroptera: Cimicomorpha) based on morphological characters"));
        assert_eq!(r.container.as_deref(), Some("Syst. Entomol"));
    }

    #[test]
    fn a_spelt_out_given_name_does_not_hold_the_list_to_initials() {
        let r = parse("", "Goodman, Judith C.; McDonough, Laraine; & Brown, Natasha B. 1998. The role of semantic context. Child Development 69, 1330–1344.");
        assert_eq!(families(&r), ["Goodman", "McDonough", "Brown"]);
        assert_eq!(r.title.as_deref(), Some("The role of semantic context"));
    }

    #[test]
    fn chicago_given_names_after_an_initial_and_trailing_particles() {
        let r = parse("", "Heinemann, H. Erich. \"Money, Money, Money, Where?,\" The New York Times (June 1, 1969).");
        assert_eq!(families(&r), ["Heinemann"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("H. Erich"));
        let r = parse("", "Andrade, Mário de. Macunaíma: O herói sem nenhum caráter. Belo Horizonte, Brazil: Itatiaia, 1987.");
        assert_eq!(families(&r), ["Andrade"]);
        assert_eq!(
            r.title.as_deref(),
            Some("Macunaíma: O herói sem nenhum caráter")
        );
        let r = parse("", "Sasayama, D. Hattori, K. Teraishi, T. (2012). Negative correlation. Schizophrenia Research, 134: 1-9.");
        assert_eq!(families(&r), ["Sasayama", "Hattori", "Teraishi"]);
    }

    #[test]
    fn bare_trailing_pmid_and_group_author() {
        let r = parse("", "DiFranza JR, Coleman M, St Cyr D. A comparison of the advertising of cigars. Prev Med. 1999;29(5):321–6. Epub 1999/11/18. doi: 10.1006/pmed.1999.0553 10564622.");
        assert_eq!(r.pmid.as_deref(), Some("10564622"));
        assert_eq!(r.container.as_deref(), Some("Prev Med"));
        let r = parse("", "GBD 2019 Risk Factors Collaborators. Global burden of 87 risk factors in 204 countries, 1990-2019: a systematic analysis. Lancet. 2020;396:1223-49.");
        assert_eq!(families(&r), ["GBD 2019 Risk Factors Collaborators"]);
        assert_eq!(r.year, Some(2020));
        assert_eq!(r.container.as_deref(), Some("Lancet"));
        // Six digits after a volume are pages, not a PubMed number.
        let r = parse("", "Smith J. A title. Phys Rev 87 123456");
        assert_eq!(r.pmid, None);
    }

    #[test]
    fn abbreviated_journal_after_given_first_authors() {
        let r = parse("", "M. Stutzmann, J. Appl. Phys. 87, 1234 (2000).");
        assert_eq!(families(&r), ["Stutzmann"]);
        assert_eq!(r.year, Some(2000));
    }

    #[test]
    fn family_names_only_before_the_date() {
        let r = parse("", "Chiba, Nakanishi & Yata (2003). Nitrogen cycling in paddy soils. Soil Biology 12, 1-9.");
        assert_eq!(families(&r), ["Chiba", "Nakanishi", "Yata"]);
        assert_eq!(r.year, Some(2003));
        assert_eq!(r.title.as_deref(), Some("Nitrogen cycling in paddy soils"));
    }

    #[test]
    fn container_stops_at_a_date_or_an_access_note() {
        let r = parse("", "RUDERN, Bernard. Surveillance d’un patient sous dialyse. L’Aide-soignante, septembre 2004, n°59. p. 24-25.");
        assert_eq!(r.container.as_deref(), Some("L’Aide-soignante"));
        let r = parse("", "Fenner M (2013) Letter from the Guest Content Editor: Altmetrics Have Come of Age. Information Standards Quarterly. Available: http://dx.doi.org/10.3789/isqv25no2.2013.01.");
        assert_eq!(
            r.container.as_deref(),
            Some("Information Standards Quarterly")
        );
    }

    #[test]
    fn trailing_year_after_the_pages() {
        let r = parse("21", "21. Jiang, X., Rowitch, D. H., and Sucov, H. M. Fate of the mammalian cardiac neural crest. Development 127: 1607, 2000.");
        assert_eq!(r.year, Some(2000));
    }

    #[test]
    fn vancouver_reference() {
        let r = parse(
            "1",
            "Attal N, Cruccu G, Baron R, et al. EFNS guidelines on the pharmacological treatment of neuropathic pain: 2010 revision. Eur J Neurol. 2010;17(9):1113-e88. doi:10.1111/j.1468-1331.2010.02999.x. PMID: 20402746.",
        );
        assert_eq!(families(&r), ["Attal", "Cruccu", "Baron"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("N"));
        assert_eq!(
            r.title.as_deref(),
            Some("EFNS guidelines on the pharmacological treatment of neuropathic pain: 2010 revision")
        );
        assert_eq!(r.container.as_deref(), Some("Eur J Neurol"));
        assert_eq!(r.year, Some(2010));
        assert_eq!(r.volume.as_deref(), Some("17"));
        assert_eq!(r.issue.as_deref(), Some("9"));
        assert_eq!(r.pages.as_deref(), Some("1113-e88"));
        assert_eq!(r.doi.as_deref(), Some("10.1111/j.1468-1331.2010.02999.x"));
        assert_eq!(r.pmid.as_deref(), Some("20402746"));
    }

    #[test]
    fn numbered_vancouver_with_particles_and_identifiers() {
        let r = parse(
            "3",
            "3) Brown T, de Vries H, et al. Yoga for back pain. Cochrane Database Syst Rev. 2017;1:CD010671. PMID: 28076926; PMCID: PMC5294833.",
        );
        assert_eq!(families(&r), ["Brown", "de Vries"]);
        assert_eq!(r.title.as_deref(), Some("Yoga for back pain"));
        assert_eq!(r.container.as_deref(), Some("Cochrane Database Syst Rev"));
        assert_eq!(r.year, Some(2017));
        assert_eq!(r.pages.as_deref(), Some("CD010671"));
        assert_eq!(r.pmid.as_deref(), Some("28076926"));
        assert_eq!(r.pmcid.as_deref(), Some("PMC5294833"));
    }

    #[test]
    fn apa_reference_with_year_suffix_and_doi_url() {
        let r = parse(
            "4",
            "Smith, J. A., & van der Berg, C. (2015a). Effects of aspirin on stroke: A trial. Journal of Neurology, 3(2), 1-9. https://doi.org/10.1000/xyz.123",
        );
        assert_eq!(families(&r), ["Smith", "van der Berg"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("J. A."));
        assert_eq!(r.year, Some(2015));
        assert_eq!(
            r.title.as_deref(),
            Some("Effects of aspirin on stroke: A trial")
        );
        assert_eq!(r.container.as_deref(), Some("Journal of Neurology"));
        assert_eq!(
            (r.volume.as_deref(), r.issue.as_deref()),
            (Some("3"), Some("2"))
        );
        assert_eq!(r.pages.as_deref(), Some("1-9"));
        assert_eq!(r.doi.as_deref(), Some("10.1000/xyz.123"));
        assert_eq!(r.url, None);
    }

    #[test]
    fn harvard_reference_with_quoted_title() {
        let r = parse(
            "5",
            "Smith, J. and Jones, C. (2015) 'Aspirin and stroke', Journal of Neurology, 3(2), pp. 1-9.",
        );
        assert_eq!(families(&r), ["Smith", "Jones"]);
        assert_eq!(r.title.as_deref(), Some("Aspirin and stroke"));
        assert_eq!(r.container.as_deref(), Some("Journal of Neurology"));
        assert_eq!(r.year, Some(2015));
        assert_eq!(r.pages.as_deref(), Some("1-9"));
    }

    #[test]
    fn undated_and_in_press_references_have_no_year() {
        let r = parse(
            "6",
            "Jones, K. (n.d.). Living with pain. Retrieved from http://example.org/pain",
        );
        assert_eq!(families(&r), ["Jones"]);
        assert_eq!(r.year, None);
        assert_eq!(r.title.as_deref(), Some("Living with pain"));
        assert_eq!(r.url.as_deref(), Some("http://example.org/pain"));

        let r = parse("7", "Lee, A. (in press). Statins in the elderly. BMJ.");
        assert_eq!(r.year, None);
        assert_eq!(r.title.as_deref(), Some("Statins in the elderly"));
        assert_eq!(r.container.as_deref(), Some("BMJ"));
    }

    #[test]
    fn corporate_author_and_access_note() {
        let r = parse(
            "12",
            "[12] World Health Organization. Global report on diabetes. Geneva: WHO; 2016. Available from: https://www.who.int/diabetes [cited 2020 Jan 3].",
        );
        assert_eq!(families(&r), ["World Health Organization"]);
        assert_eq!(r.authors[0].given, None);
        assert_eq!(r.title.as_deref(), Some("Global report on diabetes"));
        assert_eq!(r.year, Some(2016));
        assert_eq!(r.url.as_deref(), Some("https://www.who.int/diabetes"));
    }

    #[test]
    fn book_chapter_takes_the_book_as_container() {
        let r = parse(
            "8",
            "Miller D. Chapter title here. In: Smith J, Brown K, editors. Textbook of Pain. 2nd ed. London: Pub; 2015. p. 1-9.",
        );
        assert_eq!(families(&r), ["Miller"]);
        assert_eq!(r.title.as_deref(), Some("Chapter title here"));
        assert_eq!(r.container.as_deref(), Some("Textbook of Pain"));
        assert_eq!(r.year, Some(2015));
    }

    #[test]
    fn given_names_first_and_chicago_lists() {
        let r = parse(
            "9",
            "[71] Frank Wood, Jan Gasthaus, Cédric Archambeau, Lancelot James, and Yee Whye Teh. The sequence memoizer. Communications of the ACM, 54(2):91–98, 2011.",
        );
        assert_eq!(
            families(&r),
            ["Wood", "Gasthaus", "Archambeau", "James", "Teh"]
        );
        assert_eq!(r.authors[4].given.as_deref(), Some("Yee Whye"));
        assert_eq!(r.title.as_deref(), Some("The sequence memoizer"));
        assert_eq!(r.container.as_deref(), Some("Communications of the ACM"));
        assert_eq!(r.year, Some(2011));

        let r = parse(
            "10",
            "Small, Kenneth A and Cheng Hsiao. 1985. “Multinomial Logit Specification Tests.” International Economic Review 26(3): 619–27.",
        );
        assert_eq!(families(&r), ["Small", "Hsiao"]);
        assert_eq!(r.year, Some(1985));
        assert_eq!(
            r.title.as_deref(),
            Some("Multinomial Logit Specification Tests")
        );
        assert_eq!(
            r.container.as_deref(),
            Some("International Economic Review")
        );
    }

    #[test]
    fn plos_style_title_with_inner_full_stop() {
        let r = parse(
            "11",
            "Gallacher K, May C, Montori VM, Mair FS (2011) Understanding Treatment Burden in Chronic Heart Failure Patients. A Qualitative Study. Ann Fam Med 9: 235–243.",
        );
        assert_eq!(r.authors.len(), 4);
        assert_eq!(
            r.title.as_deref(),
            Some("Understanding Treatment Burden in Chronic Heart Failure Patients. A Qualitative Study")
        );
        assert_eq!(r.container.as_deref(), Some("Ann Fam Med"));
        assert_eq!(
            (r.volume.as_deref(), r.pages.as_deref()),
            (Some("9"), Some("235–243"))
        );
    }

    #[test]
    fn title_without_authors() {
        let r = parse(
            "2",
            "Stellate ganglion block for pain. Pain Pract. 2024;24:1-8.",
        );
        assert!(r.authors.is_empty());
        assert_eq!(r.title.as_deref(), Some("Stellate ganglion block for pain"));
        assert_eq!(r.container.as_deref(), Some("Pain Pract"));
        assert_eq!(r.year, Some(2024));
    }

    #[test]
    fn question_titles_keep_their_mark() {
        let r = parse("3", "Lee K. Does it work? BMJ. 2019;365:l1.");
        assert_eq!(families(&r), ["Lee"]);
        assert_eq!(r.title.as_deref(), Some("Does it work?"));
        assert_eq!(r.container.as_deref(), Some("BMJ"));
    }

    #[test]
    fn unparseable_text_is_kept_raw() {
        let r = parse("4", "\u{feff}personal   communication");
        assert_eq!(r.title.as_deref(), Some("personal communication"));
        assert_eq!(r.year, None);
        assert_eq!(r.raw, "personal communication");
    }

    #[test]
    fn venue_lines() {
        assert_eq!(
            parse_venue("Pacing and clinical electrophysiology : PACE, 1991"),
            Some(("Pacing and clinical electrophysiology : PACE".into(), 1991))
        );
        assert_eq!(parse_venue("Stellate ganglion block."), None);
    }

    #[test]
    fn list_of_numbered_entries_wrapping_over_lines() {
        let text = "References\n\n[4] Lee C. Aspirin for\n  stroke. BMJ. 2001;2:4.\n[7] ---\n[9] Smith AB. Statins.\nLancet. 2015;1:2.\n";
        let parsed = parse_list(text);
        let keys: Vec<&str> = parsed.references.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["4", "7", "9"]);
        assert_eq!(
            parsed.references[0].title.as_deref(),
            Some("Aspirin for stroke")
        );
        assert_eq!(parsed.references[0].position, Position::new(3, 1));
        assert_eq!(parsed.references[2].year, Some(2015));
        assert_eq!(parsed.references[2].container.as_deref(), Some("Lancet"));
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].kind, InputProblemKind::UnparsedReference);
        assert_eq!(parsed.problems[0].position.line, 5);
        assert_eq!(parsed.problems[0].reference.as_deref(), Some("7"));
    }

    #[test]
    fn list_of_unnumbered_lines_keys_by_position() {
        let text = "\u{feff}Smith, J. (2015). Title one. Journal, 1, 2.\n\n  Jones, K. (2016). Title two. Journal, 3, 4.\n";
        let parsed = parse_list(text);
        assert_eq!(parsed.references.len(), 2);
        assert_eq!(parsed.references[1].key, "2");
        assert_eq!(parsed.references[1].position, Position::new(3, 3));
        assert_eq!(parsed.references[1].year, Some(2016));
        assert!(parsed.problems.is_empty());
    }

    /// The first 20 sequences of AnyStyle's gold.xml: text and labels.
    fn anystyle_fixture() -> Vec<(String, Vec<(String, String)>)> {
        use quick_xml::events::Event;
        let xml = include_str!("../../tests/fixtures/refstrings/anystyle_gold_first20.xml");
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut sequences = Vec::new();
        let mut labels: Vec<(String, String)> = Vec::new();
        let mut current: Option<(String, String)> = None;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    if name != "sequence" && name != "dataset" {
                        current = Some((name, String::new()));
                    }
                }
                Ok(Event::Text(t)) => {
                    if let Some((_, text)) = current.as_mut() {
                        text.push_str(&t.decode().unwrap_or_default());
                    }
                }
                Ok(Event::GeneralRef(r)) => {
                    if let Some((_, text)) = current.as_mut() {
                        let name = r.decode().unwrap_or_default();
                        text.push_str(
                            quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""),
                        );
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"sequence" => {
                    let input = labels
                        .iter()
                        .map(|(_, t)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    sequences.push((fold_whitespace(&input), std::mem::take(&mut labels)));
                }
                Ok(Event::End(_)) => labels.extend(current.take()),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        sequences
    }

    #[test]
    fn anystyle_gold_sequences() {
        let sequences = anystyle_fixture();
        assert_eq!(sequences.len(), 20);
        let parsed: Vec<Reference> = sequences.iter().map(|(text, _)| parse("", text)).collect();

        // Every labelled year is found.
        for ((text, labels), r) in sequences.iter().zip(&parsed) {
            if let Some((_, date)) = labels.iter().find(|(l, _)| l == "date") {
                let year = first_year(date);
                assert_eq!(r.year, year, "{text}");
            }
        }
        // "Chen, ... & Wilner, D. J. 1997, ApJ, 475, 163": no title, a bare journal.
        assert_eq!(
            families(&parsed[1]),
            ["Chen", "Tafalla", "Greene", "Myers", "Wilner"]
        );
        assert_eq!(parsed[1].title, None);
        assert_eq!(parsed[1].container.as_deref(), Some("ApJ"));
        assert_eq!(
            (parsed[1].volume.as_deref(), parsed[1].pages.as_deref()),
            (Some("475"), Some("163"))
        );
        // Nature style with "&" and a numbered prefix.
        assert_eq!(parsed[2].authors[0].given.as_deref(), Some("R. J. J."));
        assert_eq!(
            parsed[2].container.as_deref(),
            Some("American Journal of Hospital Pharmacy")
        );
        // Given names first, one family name broken at a line end ("Mur- phy").
        assert_eq!(parsed[4].authors[0].family, "Ambacher");
        assert_eq!(parsed[4].authors[6].family, "Murphy");
        // Vancouver names closed by a colon, a question inside the title.
        assert_eq!(families(&parsed[10]), ["Daugherty", "Hlubocky"]);
        assert!(parsed[10]
            .title
            .as_deref()
            .is_some_and(|t| t.starts_with("What are terminally ill")));
        // "2015a" and a quoted title after an author-date.
        assert_eq!(
            parsed[11].title.as_deref(),
            Some("Gang violence fuels child marriage in Central America, researchers say")
        );
        // Chicago names in capitals, each closed by a full stop.
        assert_eq!(families(&parsed[16]), ["ROUSSILLON", "CHABERT", "CICCONE"]);
        assert_eq!(
            parsed[16].title.as_deref(),
            Some("Manuel de psychologie et de psychopathologie clinique générale")
        );
    }

    #[test]
    fn a_title_case_title_after_vancouver_initials_is_no_author() {
        for (text, authors, title) in [
            (
                "Smith A. Statins and Cholesterol in Older Adults. Lancet. 2015;3:1-9.",
                vec!["Smith"],
                "Statins and Cholesterol in Older Adults",
            ),
            (
                "Smith A, Jones B. Statins and Cholesterol in Older Adults. Lancet. 2015;3:1-9.",
                vec!["Smith", "Jones"],
                "Statins and Cholesterol in Older Adults",
            ),
            (
                "Smith AB. Statins and Cholesterol. Lancet. 2015;3:1-9.",
                vec!["Smith"],
                "Statins and Cholesterol",
            ),
            (
                "Lee K. Duloxetine and Sleep: A Trial. Sleep. 2019;2:3-4.",
                vec!["Lee"],
                "Duloxetine and Sleep: A Trial",
            ),
        ] {
            let r = parse("1", text);
            assert_eq!(families(&r), authors, "{text}");
            assert_eq!(r.title.as_deref(), Some(title), "{text}");
        }
    }
}
