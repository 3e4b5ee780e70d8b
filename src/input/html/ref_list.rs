//! The reference list of an HTML article: its entries (list items, or paragraphs numbered
//! "1." / "[1]"), each keyed by its number, parsed as a free-text reference. The anchors an
//! entry carries (`<li id="ref3">`, `<a name="cite_note-3">`) lead in-text links to it.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::input::fields::check_readable;
use crate::input::refstring;
use crate::model::{InputProblem, Position, Reference};

/// "1. ", "1) ", "[1] " opening an entry's text.
static NUMBER_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+").expect("entry number pattern compiles")
});
/// Back-links some CMSs print before an entry ("^", "↑").
const BACKLINK_MARKS: &[char] = &['^', '\u{2191}', '\u{2934}'];

/// One entry as the page holds it.
#[derive(Debug, Default)]
pub struct Entry {
    /// Its number in an ordered list (`<ol start>`, `<li value>`, position).
    pub list_number: Option<u32>,
    pub text: String,
    pub position: Position,
    /// Anchor ids on or inside the entry.
    pub anchors: Vec<String>,
}

/// The reference list, with the problems of entries that yield nothing and the reference key
/// each anchor id leads to.
#[derive(Debug, Default)]
pub struct ReferenceList {
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
    pub anchors: HashMap<String, String>,
}

/// Parse the entries. An entry's key is its list number, else the number written before its
/// text, else the number after the previous entry's.
pub fn parse(entries: Vec<Entry>) -> ReferenceList {
    let mut list = ReferenceList::default();
    let mut previous = 0;
    for entry in entries {
        let text = entry.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = text.trim_start_matches(|c: char| BACKLINK_MARKS.contains(&c) || c == ' ');
        let (written, text) = match NUMBER_PREFIX.captures(text) {
            Some(caps) => (
                caps.get(1)
                    .or_else(|| caps.get(2))
                    .and_then(|m| m.as_str().parse::<u32>().ok()),
                text.get(caps.get(0).map_or(0, |m| m.end())..).unwrap_or(""),
            ),
            None => (None, text),
        };
        if text.is_empty() {
            continue;
        }
        let number = entry.list_number.or(written).unwrap_or(previous + 1);
        previous = number;
        let key = number.to_string();
        let mut reference = refstring::parse(&key, text);
        reference.position = entry.position;
        check_readable(&reference, &mut list.problems);
        for anchor in entry.anchors {
            list.anchors.entry(anchor).or_insert_with(|| key.clone());
        }
        list.references.push(reference);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(list_number: Option<u32>, text: &str, anchors: &[&str]) -> Entry {
        Entry {
            list_number,
            text: text.into(),
            position: Position::new(1, 1),
            anchors: anchors.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn keys_come_from_the_list_the_text_or_the_order() {
        let list = parse(vec![
            entry(Some(5), "Smith A. Statins. Lancet. 2019;1:2.", &["ref5"]),
            entry(Some(6), "6. Lee B. Aspirin. BMJ. 2001;2:4.", &[]),
            entry(
                None,
                "[9] Doe C. Gabapentin. Pain. 2015;3:1.",
                &["cite_note-9"],
            ),
            entry(None, "^ Roe D. Opioids. JAMA. 2010;4:5.", &[]),
            entry(None, "  ", &[]),
        ]);
        let keys: Vec<&str> = list.references.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["5", "6", "9", "10"]);
        assert_eq!(list.references[1].title.as_deref(), Some("Aspirin"));
        assert_eq!(list.references[3].authors[0].family, "Roe");
        assert_eq!(list.anchors["cite_note-9"], "9");
        assert!(list.problems.is_empty());
    }

    #[test]
    fn an_entry_without_title_or_year_is_reported() {
        let list = parse(vec![entry(Some(1), "https://example.org/a", &[])]);
        assert_eq!(list.references.len(), 1);
        assert_eq!(list.problems.len(), 1);
        assert_eq!(list.problems[0].reference.as_deref(), Some("1"));
    }
}
