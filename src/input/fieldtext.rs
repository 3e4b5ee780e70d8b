//! Field clean-up shared by the structured bibliography readers (PubMed XML, CSL-JSON, CSV):
//! the same DOI, PMCID, date and title habits whatever the format, and byte offsets turned into
//! the line and column a finding points at.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{InputProblem, InputProblemKind, Position, Reference};

/// How many characters of an entry `Reference::raw` keeps when it is a short form.
pub const RAW_CHARS: usize = 240;

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])(1[0-9]{3}|2[0-9]{3})(?:$|[^0-9])").expect("valid regex")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s[^<>]*)?/?>").expect("valid regex")
});
static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});").expect("valid regex")
});
static DOI_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)")
        .expect("valid regex")
});

/// Tags that mark up part of a word rather than separate blocks of text.
const INLINE_TAGS: &[&str] = &[
    "i", "b", "em", "strong", "u", "sub", "sup", "sc", "span", "italic", "bold", "tt",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whitespace folded to single spaces, ends trimmed.
pub fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// The bare `10.xxxx/...` form of a DOI written as a URL or with a `doi:` prefix. Text that is
/// not a DOI is kept as written, so a report can still show it.
pub fn doi(text: &str) -> Option<String> {
    let folded = fold(text);
    let bare = DOI_PREFIX.replace(&folded, "");
    let bare = bare.trim_end_matches(['.', ',', ';']).trim();
    (!bare.is_empty()).then(|| bare.to_string())
}

/// `PMC123` from `PMC123`, `pmc123` or `123`; other text is kept as written.
pub fn pmcid(text: &str) -> Option<String> {
    let folded = fold(text);
    let digits = folded
        .get(..3)
        .filter(|prefix| prefix.eq_ignore_ascii_case("pmc"))
        .map_or(folded.as_str(), |_| &folded[3..]);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Some(format!("PMC{digits}"))
    } else {
        (!folded.is_empty()).then_some(folded)
    }
}

/// A PMID without a `PMID:` prefix.
pub fn pmid(text: &str) -> Option<String> {
    let folded = fold(text);
    let bare = folded
        .get(..5)
        .filter(|prefix| prefix.eq_ignore_ascii_case("pmid:"))
        .map_or(folded.as_str(), |_| folded[5..].trim());
    (!bare.is_empty()).then(|| bare.to_string())
}

/// The first four-digit year in `text` ("2014 Dec-2015 Jan" -> 2014, "2015-03-02" -> 2015).
pub fn year_in(text: &str) -> Option<i32> {
    YEAR.captures(text).and_then(|caps| caps[1].parse().ok())
}

/// A month from "7", "07", "Jul" or "July".
pub fn month_in(text: &str) -> Option<u8> {
    let text = text.trim();
    if let Ok(number) = text.parse::<u8>() {
        return (1..=12).contains(&number).then_some(number);
    }
    let prefix = text.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|month| *month == prefix)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// A day of the month from "5" or "05".
pub fn day_in(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|day| (1..=31).contains(day))
}

/// At most `limit` characters of `text`, with an ellipsis when cut.
pub fn truncate(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A one-line citation of the reference, for `raw` when the source text is markup.
pub fn summary(reference: &Reference) -> String {
    let mut parts = Vec::new();
    let names: Vec<String> = reference
        .authors
        .iter()
        .take(3)
        .map(|p| p.to_string())
        .collect();
    if !names.is_empty() {
        let more = if reference.authors.len() > 3 {
            ", et al"
        } else {
            ""
        };
        parts.push(format!("{}{more}.", names.join(", ")));
    }
    if let Some(title) = &reference.title {
        parts.push(format!("{title}."));
    }
    if let Some(container) = &reference.container {
        parts.push(format!("{container}."));
    }
    if let Some(year) = reference.year {
        parts.push(format!("{year}."));
    }
    truncate(&parts.join(" "), RAW_CHARS)
}

/// Report a reference that yields neither title nor year (CG001); the reference is kept.
pub fn check_readable(reference: &Reference, problems: &mut Vec<InputProblem>) {
    if reference.title.is_none() && reference.year.is_none() {
        problems.push(InputProblem {
            kind: InputProblemKind::UnparsedReference,
            position: reference.position,
            message: format!(
                "reference {} yields neither a title nor a year: {}",
                reference.key, reference.raw
            ),
            reference: Some(reference.key.clone()),
            source: None,
        });
    }
}

/// A structural error in the file (CG002).
pub fn unreadable(position: Position, message: String) -> InputProblem {
    InputProblem {
        kind: InputProblemKind::Unreadable,
        position,
        message,
        reference: None,
        source: None,
    }
}

/// Byte offsets of a text mapped to 1-based lines and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
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
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
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

/// The text without a leading byte-order mark (callers strip it; a stray one must not shift
/// the first record).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_the_closing_period_only() {
        assert_eq!(
            clean_title("  CellML   2.0. ").as_deref(),
            Some("CellML 2.0")
        );
        assert_eq!(clean_title("Why not?").as_deref(), Some("Why not?"));
        assert_eq!(clean_title("And so on...").as_deref(), Some("And so on..."));
        assert_eq!(clean_title(" . "), None);
    }

    #[test]
    fn dois_are_bare() {
        assert_eq!(
            doi("https://doi.org/10.1000/xyz.").as_deref(),
            Some("10.1000/xyz")
        );
        assert_eq!(doi("doi: 10.1000/ABC").as_deref(), Some("10.1000/ABC"));
        assert_eq!(doi("not a doi").as_deref(), Some("not a doi"));
    }

    #[test]
    fn pmcids_get_their_prefix() {
        assert_eq!(pmcid("5234").as_deref(), Some("PMC5234"));
        assert_eq!(pmcid("pmc5234").as_deref(), Some("PMC5234"));
        assert_eq!(pmid("PMID: 123").as_deref(), Some("123"));
    }

    #[test]
    fn dates() {
        assert_eq!(year_in("2014 Dec-2015 Jan"), Some(2014));
        assert_eq!(year_in("12345"), None);
        assert_eq!(month_in("Jul"), Some(7));
        assert_eq!(month_in("09"), Some(9));
        assert_eq!(month_in("Spring"), None);
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
