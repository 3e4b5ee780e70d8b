//! Field clean-up shared by the bibliography readers (RIS, MEDLINE, PubMed XML, CSL-JSON, CSV,
//! BibTeX): the same whitespace, title, DOI, PMID, PMCID, name and date habits whatever the
//! format, the problems a reader reports, and byte offsets turned into the line and column a
//! finding points at. Each format keeps its own grammar in its own module.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{InputProblem, InputProblemKind, Person, Position, Reference};

/// How many characters of an entry `Reference::raw` keeps when it is a short form.
pub const RAW_CHARS: usize = 240;

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s[^<>]*)?/?>").expect("valid regex")
});
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});").expect("valid regex")
});
/// Resolver URLs and `doi:` labels in front of a DOI, however many an export stacked up.
static DOI_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:https?://)?(?:dx\.)?doi\.org/\s*|doi\s*:\s*|doi\s+)+")
        .expect("valid regex")
});

/// Tags that mark up part of a word rather than separate blocks of text.
const INLINE_TAGS: &[&str] = &[
    "i", "b", "em", "strong", "u", "sub", "sup", "sc", "span", "italic", "bold", "tt",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whitespace folded to single spaces, ends trimmed. Invisible format characters (zero-width
/// spaces, direction marks, stray byte-order marks) that exports leave behind go too: they
/// would otherwise split words that look whole.
pub fn fold(text: &str) -> String {
    let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}

/// The folded text, or `None` when nothing is left.
pub fn non_empty(text: &str) -> Option<String> {
    let folded = fold(text);
    (!folded.is_empty()).then_some(folded)
}

/// A title as a reference list shows it: folded, without the closing period bibliographies add.
pub fn clean_title(text: &str) -> Option<String> {
    let folded = fold(text);
    // An ellipsis is part of the title; a lone period is the database's punctuation.
    let trimmed = match folded.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest.trim_end().to_string(),
        _ => folded,
    };
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Text with HTML/JATS tags removed and character entities decoded (CSL-JSON and CSV titles
/// and abstracts carry `<i>`, `<sub>`, `<jats:p>`, `&amp;`).
pub fn strip_markup(text: &str) -> String {
    // Inline tags (<i>, <sup>) sit inside words and vanish; block tags (<p>, <jats:title>)
    // separate words and become a space.
    let untagged = TAG.replace_all(text, |caps: &regex::Captures| {
        if INLINE_TAGS.contains(&tag_name(&caps[0]).as_str()) {
            ""
        } else {
            " "
        }
    });
    ENTITY
        .replace_all(&untagged, |caps: &regex::Captures| {
            decode_entity(&caps[1]).unwrap_or_else(|| caps[0].to_string())
        })
        .into_owned()
}

/// The local name of a tag, lower-cased: `</jats:p>` -> `p`.
fn tag_name(tag: &str) -> String {
    let name: String = tag
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
        .collect();
    name.rsplit(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn decode_entity(name: &str) -> Option<String> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(decimal) = name.strip_prefix('#') {
        decimal.parse().ok()
    } else {
        return match name {
            "amp" => Some("&"),
            "lt" => Some("<"),
            "gt" => Some(">"),
            "quot" => Some("\""),
            "apos" => Some("'"),
            "nbsp" => Some(" "),
            _ => None,
        }
        .map(str::to_string);
    };
    code.and_then(char::from_u32).map(String::from)
}

/// The bare `10.xxxx/...` form of a DOI, wherever it starts in the value (after a resolver URL
/// of any host, a `doi:` label, or both), without the punctuation a list closes it with. Text
/// that holds no DOI is kept as written, less any `doi:` label, so a report can still show it.
pub fn doi(text: &str) -> Option<String> {
    let folded = fold(text);
    let bare = match doi_start(&folded) {
        Some(start) => &folded[start..],
        None => {
            let label = DOI_PREFIX.find(&folded).map_or(0, |m| m.end());
            &folded[label..]
        }
    };
    let bare = bare.trim_end_matches(['.', ',', ';']).trim();
    (!bare.is_empty()).then(|| bare.to_string())
}

/// Where a DOI (`10.` and a numeric registrant code up to a `/`) starts in `text`. A digit must
/// not come before it, so that `210.1/x` is not taken for one; a letter may (`doi10.1/x`).
fn doi_start(text: &str) -> Option<usize> {
    text.match_indices("10.").map(|(i, _)| i).find(|&i| {
        let starts_number = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_digit() && c != '.');
        let registrant = text[i + 3..].split_once('/').map(|(code, _)| code);
        starts_number
            && registrant.is_some_and(|code| {
                !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            })
    })
}

/// The DOI inside a resolver URL (`https://doi.org/10...`, `http://dx.doi.org/10...`), when
/// `url` is one.
pub fn doi_from_url(url: &str) -> Option<String> {
    const RESOLVER: &str = "doi.org/";
    let url = url.trim();
    let path = url.to_ascii_lowercase().find(RESOLVER)? + RESOLVER.len();
    let rest = url.get(path..)?;
    if doi_start(rest) == Some(0) {
        doi(rest)
    } else {
        None
    }
}

/// A PMID without a `PMID:` label.
pub fn pmid(text: &str) -> Option<String> {
    let folded = fold(text);
    let bare = strip_prefix_ignore_case(&folded, "pmid:");
    (!bare.is_empty()).then(|| bare.to_string())
}

/// `PMC123` from `PMC123`, `pmc123`, `PMCID: PMC123` or `123`; other text is kept as written.
pub fn pmcid(text: &str) -> Option<String> {
    let folded = fold(text);
    let digits = strip_prefix_ignore_case(&folded, "pmcid:");
    let digits = strip_prefix_ignore_case(digits, "pmc");
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("PMC{digits}"))
    } else {
        (!folded.is_empty()).then_some(folded)
    }
}

/// `text` after `prefix` (in any case) and the spaces that follow it; `text` when it does not
/// start with `prefix`.
fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> &'t str {
    match text.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => text[prefix.len()..].trim_start(),
        _ => text,
    }
}

/// "Family, Given" as most exports write names; "Family AB" (initials last) as MEDLINE's `AU`
/// and some RIS exports do; anything else is kept whole as the family name.
pub fn parse_person(value: &str) -> Option<Person> {
    let value = non_empty(value)?;
    if let Some((family, given)) = value.split_once(',') {
        let family = family.trim();
        if !family.is_empty() {
            return Some(Person {
                family: family.to_string(),
                given: non_empty(given),
            });
        }
    }
    if let Some((family, initials)) = value.rsplit_once(' ') {
        if looks_like_initials(initials) {
            return Some(Person {
                family: family.to_string(),
                given: Some(initials.to_string()),
            });
        }
    }
    Some(Person {
        family: value,
        given: None,
    })
}

/// "AB", "A.B.", "J-P": upper-case letters with dots or hyphens, at most four letters.
fn looks_like_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (1..=4).contains(&letters)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-')
}

/// A date as far as the source gives it: "2015", "2015 Mar", "2015/03/12/".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// The first four-digit year in `text` ("2014 Dec-2015 Jan" -> 2014, "2015-03-02" -> 2015,
/// "2015a" -> 2015). Longer digit runs and years outside 1000-2999 are not years.
pub fn year_in(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run == 4 && matches!(bytes[i], b'1' | b'2') {
            return text[i..i + 4].parse().ok();
        }
        i += run.max(1);
    }
    None
}

/// A month from "7", "07", "Jul", "Jul." or "July"; `None` for seasons and anything else.
pub fn month(text: &str) -> Option<u8> {
    let text = text.trim().trim_end_matches('.');
    if let Ok(number) = text.parse::<u8>() {
        return (1..=12).contains(&number).then_some(number);
    }
    let prefix: String = text.chars().take(3).collect::<String>().to_lowercase();
    MONTHS
        .iter()
        .position(|month| *month == prefix)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A day of the month from "5" or "05".
pub fn day(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|day| (1..=31).contains(day))
}

/// One `TAG - value` field of a tagged format (RIS, MEDLINE), its continuation lines joined on.
#[derive(Debug)]
pub struct TaggedField {
    pub tag: String,
    pub value: String,
}

impl TaggedField {
    pub fn new(tag: &str, value: &str) -> Self {
        TaggedField {
            tag: tag.to_string(),
            value: value.to_string(),
        }
    }
}

/// The non-blank values of the fields tagged with one of `tags`, in record order.
pub fn tagged_values<'r>(
    fields: &'r [TaggedField],
    tags: &'r [&str],
) -> impl Iterator<Item = &'r str> + 'r {
    fields
        .iter()
        .filter(|f| tags.contains(&f.tag.as_str()))
        .map(|f| f.value.as_str())
        .filter(|v| !v.trim().is_empty())
}

/// The first non-blank value among `tags`, folded, trying the tags in the order given.
pub fn first_by_priority(fields: &[TaggedField], tags: &[&str]) -> Option<String> {
    tags.iter()
        .find_map(|tag| tagged_values(fields, std::slice::from_ref(tag)).next())
        .and_then(non_empty)
}

/// The `shown` fields of a tagged record on one line, each as its tag line would read, for
/// `Reference::raw`.
pub fn tagged_raw(fields: &[TaggedField], shown: &[&str]) -> String {
    fields
        .iter()
        .filter(|f| shown.contains(&f.tag.as_str()))
        // Tags padded to four characters: MEDLINE's layout, and RIS's for its two-letter tags.
        .filter_map(|f| Some(format!("{:<4}- {}", f.tag, non_empty(&f.value)?)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Lines of `text` numbered from 1, without a leading byte-order mark or trailing `\r`.
pub fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    strip_bom(text)
        .lines()
        .map(|line| line.trim_end_matches('\r'))
        .enumerate()
        .map(|(index, line)| (index + 1, line))
}

/// The text without a leading byte-order mark (callers strip it; a stray one must not shift
/// the first record).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// At most `limit` characters of `text`, with an ellipsis when cut.
pub fn truncate(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A problem of `kind` at `position`, about the reference keyed `reference` if there is one.
pub fn problem(
    kind: InputProblemKind,
    position: Position,
    message: String,
    reference: Option<String>,
) -> InputProblem {
    InputProblem {
        kind,
        position,
        message,
        reference,
        source: None,
    }
}

/// A structural error in the file (CG002).
pub fn unreadable(position: Position, message: String) -> InputProblem {
    problem(InputProblemKind::Unreadable, position, message, None)
}

/// The problem (CG001) of a reference that yields neither title nor year, reported where it
/// starts, with `message` saying in the format's own terms what it lacks; `None` for a
/// reference that has either. The reference itself is kept either way.
pub fn unparsed(reference: &Reference, message: impl FnOnce() -> String) -> Option<InputProblem> {
    (reference.title.is_none() && reference.year.is_none()).then(|| {
        problem(
            InputProblemKind::UnparsedReference,
            reference.position,
            message(),
            Some(reference.key.clone()),
        )
    })
}

/// Report `reference` (CG001) if it yields neither title nor year.
pub fn check_readable(reference: &Reference, problems: &mut Vec<InputProblem>) {
    problems.extend(unparsed(reference, || {
        format!(
            "reference {} yields neither a title nor a year: {}",
            reference.key, reference.raw
        )
    }));
}

/// Byte offsets of a text mapped to 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Lines that are all ASCII, whose columns are byte counts: JATS and HTML often put a
    /// whole paragraph on one line, and counting characters from its start for every position
    /// would make reading quadratic in the line's length.
    ascii: Vec<bool>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let ascii = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = starts.get(i + 1).copied().unwrap_or(text.len());
                text.as_bytes()
                    .get(start..end)
                    .is_some_and(<[u8]>::is_ascii)
            })
            .collect();
        LineIndex {
            text,
            starts,
            ascii,
        }
    }

    /// The position of byte `offset`; offsets past the end point at the end.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = if self.ascii.get(line.saturating_sub(1)) == Some(&true) {
            offset - start + 1
        } else {
            self.text
                .get(start..offset)
                .map_or(1, |prefix| prefix.chars().count() + 1)
        };
        Position::new(line.max(1), column)
    }

    /// The byte offset of 1-based `line` and byte `column`, as parsers such as serde_json
    /// count them.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + column.saturating_sub(1)).min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_invisible_characters() {
        assert_eq!(fold(" a \u{200B}b\n c\u{feff} "), "a b c");
        assert_eq!(non_empty(" \u{200B} "), None);
    }

    #[test]
    fn titles_lose_the_closing_period_only() {
        assert_eq!(
            clean_title("  CellML   2.0. ").as_deref(),
            Some("CellML 2.0")
        );
        assert_eq!(
            clean_title("A  trial\n of X. ").as_deref(),
            Some("A trial of X")
        );
        assert_eq!(clean_title("Why not?").as_deref(), Some("Why not?"));
        assert_eq!(clean_title("And so on...").as_deref(), Some("And so on..."));
        assert_eq!(clean_title(" . "), None);
    }

    #[test]
    fn dois_are_bare() {
        for written in [
            "10.1177/2325967120950040",
            "http://dx.doi.org/10.1177/2325967120950040",
            "https://doi.org/10.1177/2325967120950040",
            "https://www.doi.org/10.1177/2325967120950040",
            "doi: 10.1177/2325967120950040",
            "DOI 10.1177/2325967120950040.",
            "doi:https://doi.org/10.1177/2325967120950040",
        ] {
            assert_eq!(
                doi(written).as_deref(),
                Some("10.1177/2325967120950040"),
                "{written}"
            );
        }
        assert_eq!(
            doi("https://doi.org/10.1000/xyz.").as_deref(),
            Some("10.1000/xyz")
        );
        assert_eq!(doi("doi: 10.1000/ABC").as_deref(), Some("10.1000/ABC"));
        assert_eq!(doi("not a doi").as_deref(), Some("not a doi"));
        assert_eq!(doi("whatever").as_deref(), Some("whatever"));
        assert_eq!(doi("doi: pending").as_deref(), Some("pending"));
        assert_eq!(doi("210.1000/x").as_deref(), Some("210.1000/x"));
        assert_eq!(doi("doi10.1000/x").as_deref(), Some("10.1000/x"));
    }

    #[test]
    fn dois_come_from_resolver_links_only() {
        assert_eq!(
            doi_from_url("http://dx.doi.org/10.1023/A:1017379030770").as_deref(),
            Some("10.1023/A:1017379030770")
        );
        assert_eq!(doi_from_url("http://example.com/10.1/x"), None);
        assert_eq!(doi_from_url("https://doi.org/about"), None);
    }

    #[test]
    fn pubmed_ids_lose_their_labels() {
        assert_eq!(pmcid("5234").as_deref(), Some("PMC5234"));
        assert_eq!(pmcid("pmc5234").as_deref(), Some("PMC5234"));
        assert_eq!(pmcid("PMCID: PMC5234").as_deref(), Some("PMC5234"));
        assert_eq!(pmcid("pending").as_deref(), Some("pending"));
        assert_eq!(pmid("PMID: 123").as_deref(), Some("123"));
        assert_eq!(pmid("PMID:"), None);
    }

    #[test]
    fn names_split_on_comma_or_trailing_initials() {
        let person = |f: &str, g: Option<&str>| Person {
            family: f.to_string(),
            given: g.map(str::to_string),
        };
        assert_eq!(parse_person("Shi,Yu "), Some(person("Shi", Some("Yu"))));
        assert_eq!(
            parse_person("van der Berg JP"),
            Some(person("van der Berg", Some("JP")))
        );
        assert_eq!(
            parse_person("Fanning E."),
            Some(person("Fanning", Some("E.")))
        );
        assert_eq!(parse_person("Selvamani"), Some(person("Selvamani", None)));
        assert_eq!(
            parse_person("UK700 Group"),
            Some(person("UK700 Group", None))
        );
    }

    #[test]
    fn dates() {
        assert_eq!(year_in("2014 Dec-2015 Jan"), Some(2014));
        assert_eq!(year_in("c. 1900"), Some(1900));
        assert_eq!(year_in("2015a"), Some(2015));
        assert_eq!(year_in("12345"), None);
        assert_eq!(year_in("0000"), None);
        assert_eq!(month("Mar"), Some(3));
        assert_eq!(month("Jul."), Some(7));
        assert_eq!(month("SEPTEMBER"), Some(9));
        assert_eq!(month("09"), Some(9));
        assert_eq!(month("Spring"), None);
        assert_eq!(month("00"), None);
        assert_eq!(day("05"), Some(5));
        assert_eq!(day("32"), None);
    }

    #[test]
    fn tagged_fields_by_priority() {
        let fields = [
            TaggedField::new("T2", "Journal"),
            TaggedField::new("JF", " "),
            TaggedField::new("JO", "J  Abbrev"),
            TaggedField::new("JF", "Full"),
        ];
        assert_eq!(
            first_by_priority(&fields, &["JF", "JO"]).as_deref(),
            Some("Full")
        );
        assert_eq!(
            first_by_priority(&fields, &["JO", "JF"]).as_deref(),
            Some("J Abbrev")
        );
        let values: Vec<_> = tagged_values(&fields, &["JF", "T2"]).collect();
        assert_eq!(values, ["Journal", "Full"]);
        assert_eq!(
            tagged_raw(&fields, &["JO", "T2"]),
            "T2  - Journal; JO  - J Abbrev"
        );
    }

    #[test]
    fn markup_is_removed_inside_words() {
        assert_eq!(
            strip_markup("CO<sub>2</sub> &amp; H<sub>2</sub>O"),
            "CO2 & H2O"
        );
        assert_eq!(
            fold(&strip_markup("<jats:p>One.</jats:p><jats:p>Two.</jats:p>")),
            "One. Two."
        );
    }

    #[test]
    fn line_index_counts_characters() {
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.position(0), Position::new(1, 1));
        assert_eq!(index.position(6), Position::new(2, 3));
        assert_eq!(index.position(7), Position::new(3, 1));
        assert_eq!(index.offset(2, 1), 3);
    }
}
