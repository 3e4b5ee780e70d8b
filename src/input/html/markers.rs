//! Citations written as markup: `<sup>1,3-5</sup>`, `<a href="#ref3">3</a>`. Which
//! superscripts and links cite, what they cite once the reference list is known, and how the
//! text markers found in the same characters ("[3]" inside `<sup>[3]</sup>`) are kept from
//! counting twice.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::input::citations::expand_numbers;
use crate::model::{Article, Citation, Position};

/// The text of a citing superscript or link: "3", "[3]", "1,3-5", "(2; 4–6)".
static NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\[(]?\s*(\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?)*)\s*[\])]?$")
        .expect("citation numbers pattern compiles")
});
/// Link targets that name a note or reference ("ref3", "cite_note-3", "CR3", "B3", "bib3").
static REFERENCE_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)ref|cit|bib|note|fn|^(?:cr|b|r)[-_]?\d").expect("anchor pattern compiles")
});
/// A dash between two cited numbers that makes them a range.
const RANGE_DASHES: &[&str] = &["-", "\u{2013}", "\u{2014}", "\u{2212}"];
/// Units a superscript raises to a power ("m<sup>2</sup>"): an exponent, not a citation.
const UNITS: &[&str] = &[
    "m", "cm", "mm", "km", "nm", "\u{b5}m", "\u{3bc}m", "dm", "ft", "in", "kg/m", "g/m", "mg/m",
    "m/s", "cm/s", "mm/s", "/m", "s",
];
const YEARS: std::ops::RangeInclusive<u32> = 1800..=2099;

/// What a citing element points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// Reference numbers written in the element.
    Numbers(Vec<u32>),
    /// A link to an anchor; the numbers written in the link when the anchor leads nowhere.
    Anchor { id: String, fallback: Vec<u32> },
}

/// A citation made by markup, before the reference list is known.
#[derive(Clone, Debug)]
pub struct MarkupCitation {
    pub marker: String,
    /// Where the element's start tag begins, and where its end tag ends.
    pub start: Position,
    pub end: Position,
    pub target: Target,
    /// The text between the previous markup citation of the block and this one.
    pub gap: Option<String>,
}

/// The numbers a superscript cites, when its text is a citation, not an exponent or a note
/// sign. `before` is the block's text up to the `<sup>`.
pub fn superscript(text: &str, before: &str) -> Option<Vec<u32>> {
    let numbers = numbers(text)?;
    (!is_exponent(before)).then_some(numbers)
}

/// What a link to `href` with text `text` cites, if it may cite: internal links only.
pub fn link(href: &str, text: &str) -> Option<Target> {
    let id = href.trim().strip_prefix('#')?;
    if id.is_empty() {
        return None;
    }
    let fallback = if REFERENCE_ANCHOR.is_match(id) || text.trim().starts_with('[') {
        numbers(text).unwrap_or_default()
    } else {
        Vec::new()
    };
    Some(Target::Anchor {
        id: id.to_string(),
        fallback,
    })
}

/// True for the unbracketed numbers of a superscript or link ("1,3-5", not "[2]").
pub fn is_bare_number(text: &str) -> bool {
    let text = text.trim();
    !text.starts_with(['[', '(']) && numbers(text).is_some()
}

fn numbers(text: &str) -> Option<Vec<u32>> {
    let caps = NUMBERS.captures(text.trim())?;
    Some(expand_numbers(caps.get(1)?.as_str())).filter(|n| !n.is_empty())
}

/// True when the text right before a superscript is a unit or a bare number ("10", "m"):
/// what follows is a power. A year ("in 2019<sup>3</sup>") is followed by citations.
fn is_exponent(before: &str) -> bool {
    if before.ends_with(char::is_whitespace) {
        return false;
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches('(');
    if UNITS.iter().any(|u| word.eq_ignore_ascii_case(u)) {
        return true;
    }
    let digits = &word[word.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
    let is_year = digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| YEARS.contains(&y));
    !digits.is_empty() && !is_year
}

/// The citations a block's markup makes, now that anchors lead to reference keys. A dash
/// between two citing elements ("<sup>4</sup>–<sup>6</sup>") cites the numbers between.
pub fn resolve(found: Vec<MarkupCitation>, anchors: &HashMap<String, String>) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut previous: Option<u32> = None;
    for markup in found {
        let keys: Vec<String> = match &markup.target {
            Target::Numbers(numbers) => numbers.iter().map(u32::to_string).collect(),
            Target::Anchor { id, fallback } => match anchors.get(id) {
                Some(key) => vec![key.clone()],
                None => fallback.iter().map(u32::to_string).collect(),
            },
        };
        let single = match keys.as_slice() {
            [key] => key.parse::<u32>().ok(),
            _ => None,
        };
        let is_range = markup
            .gap
            .as_deref()
            .is_some_and(|gap| RANGE_DASHES.contains(&gap.trim()));
        if let (true, Some(from), Some(to)) = (is_range, previous, single) {
            if to > from + 1 && to - from <= 200 {
                let marker = format!("{from}\u{2013}{to}");
                for number in from + 1..to {
                    out.push(Citation::new(
                        marker.as_str(),
                        number.to_string(),
                        markup.start,
                    ));
                }
            }
        }
        previous = keys.last().and_then(|k| k.parse().ok());
        for key in keys {
            out.push(Citation::new(markup.marker.as_str(), key, markup.start));
        }
    }
    out
}

/// Drop the text markers that repeat a markup citation: a "[3]" written inside a citing
/// `<sup>` or `<a>` (or put there by [`super::bracket`]).
pub fn drop_echoes(article: &mut Article, spans: &[(Position, Position)]) {
    let mut spans = spans.to_vec();
    spans.sort();
    let starts: HashSet<Position> = spans.iter().map(|(start, _)| *start).collect();
    let is_markup = |c: &Citation| starts.contains(&c.position);
    // Citing elements do not overlap: only the last one starting before the marker can hold it.
    let inside_markup = |c: &Citation| {
        let after = spans.partition_point(|(start, _)| *start < c.position);
        after
            .checked_sub(1)
            .and_then(|i| spans.get(i))
            .is_some_and(|(_, end)| c.position < *end)
    };
    let keep: Vec<bool> = article
        .citations
        .iter()
        .map(|c| is_markup(c) || !inside_markup(c))
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut new_index = Vec::with_capacity(keep.len());
    let mut kept = 0;
    for k in &keep {
        new_index.push(k.then_some(kept));
        kept += usize::from(*k);
    }
    let citations = std::mem::take(&mut article.citations);
    article.citations = citations
        .into_iter()
        .zip(&keep)
        .filter_map(|(c, k)| k.then_some(c))
        .collect();
    for sentence in &mut article.sentences {
        sentence.citations = sentence
            .citations
            .iter()
            .filter_map(|&i| new_index.get(i).copied().flatten())
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn superscripts_cite_numbers_not_powers() {
        assert_eq!(superscript("1,3-5", "trials"), Some(vec![1, 3, 4, 5]));
        assert_eq!(superscript("[2]", "pain."), Some(vec![2]));
        assert_eq!(superscript("3", "in 2019"), Some(vec![3]));
        assert_eq!(superscript("2", "1.73 m"), None);
        assert_eq!(superscript("9", "x 10"), None);
        assert_eq!(superscript("*", "pain"), None);
        assert_eq!(superscript("st", "1"), None);
    }

    #[test]
    fn links_cite_through_their_anchor() {
        assert_eq!(
            link("#cite_note-3", "[3]"),
            Some(Target::Anchor {
                id: "cite_note-3".into(),
                fallback: vec![3]
            })
        );
        assert_eq!(
            link("#table2", "2"),
            Some(Target::Anchor {
                id: "table2".into(),
                fallback: vec![]
            })
        );
        assert_eq!(link("page.html#ref3", "3"), None);
        assert_eq!(link("#", "3"), None);
    }

    fn markup(target: Target, gap: Option<&str>) -> MarkupCitation {
        MarkupCitation {
            marker: "m".into(),
            start: Position::new(1, 1),
            end: Position::new(1, 9),
            target,
            gap: gap.map(str::to_string),
        }
    }

    #[test]
    fn anchors_resolve_and_dashes_make_ranges() {
        let anchors = HashMap::from([("ref4".to_string(), "4".to_string())]);
        let keys: Vec<String> = resolve(
            vec![
                markup(
                    Target::Anchor {
                        id: "ref4".into(),
                        fallback: vec![],
                    },
                    None,
                ),
                markup(
                    Target::Anchor {
                        id: "ref7".into(),
                        fallback: vec![7],
                    },
                    Some(" \u{2013} "),
                ),
                markup(
                    Target::Anchor {
                        id: "top".into(),
                        fallback: vec![],
                    },
                    None,
                ),
            ],
            &anchors,
        )
        .into_iter()
        .map(|c| c.key)
        .collect();
        assert_eq!(keys, ["4", "5", "6", "7"]);
    }
}
