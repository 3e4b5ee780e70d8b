//! The reference section of a plain-text article, in either of its layouts.
//!
//! Numbered: "1. ..." or "[1] ..." starts an entry and any other line continues it.
//! Labelled: a short source label ("Research"), a title line and a "Journal, Year" line.
//! An entry that yields neither a title nor a year is reported (CG001), never dropped.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::refstring::{self, parse_venue};
use crate::model::{InputProblem, InputProblemKind, Position, Reference};

/// A heading that opens the reference list: "References", "Bibliography", "Works cited".
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(references?|bibliography|works cited|literature cited|cited literature|reference list|sources|citations|notes and references|references and notes|endnotes)\s*:?$")
        .expect("references heading pattern compiles")
});

/// True when `text` is a heading that opens the reference list.
pub fn is_heading(text: &str) -> bool {
    HEADING.is_match(text.trim())
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(\S.*)$").expect("numbered entry pattern")
});

/// A label line: one to three capitalised words, no digits or punctuation ("Research").
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*){0,2}$").expect("label pattern")
});

/// An unlabelled "title" longer than this many words without a year is prose, not a reference.
const MAX_TITLE_WORDS: usize = 40;

/// What the reference section yielded.
pub struct ParsedSection {
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
    /// Where article text resumes, when the section ended in prose rather than at `range.end`.
    pub resume_at: Option<usize>,
}

/// Parse the lines `range` of `lines` (0-based indices) as a reference list.
pub fn parse_reference_section(lines: &[&str], range: Range<usize>) -> ParsedSection {
    let first = range.clone().find(|&i| !lines[i].trim().is_empty());
    match first {
        Some(i) if NUMBERED.is_match(lines[i]) => parse_numbered(lines, range),
        _ => parse_labelled(lines, range),
    }
}

fn parse_numbered(lines: &[&str], range: Range<usize>) -> ParsedSection {
    let mut entries: Vec<(String, Position, String)> = Vec::new();
    for i in range {
        let line = lines[i];
        if line.trim().is_empty() {
            continue;
        }
        if let Some(caps) = NUMBERED.captures(line) {
            let key = caps
                .get(1)
                .or_else(|| caps.get(2))
                .map_or("", |m| m.as_str());
            let text = caps.get(3).map_or("", |m| m.as_str());
            let column = line[..caps.get(3).map_or(0, |m| m.start())].chars().count() + 1;
            entries.push((
                key.trim_start_matches('0').to_string(),
                Position::new(i + 1, column),
                text.to_string(),
            ));
        } else if let Some(last) = entries.last_mut() {
            last.2.push(' ');
            last.2.push_str(line.trim());
        }
    }
    from_entries(
        entries
            .into_iter()
            .map(|(key, position, text)| Entry {
                key,
                position,
                text,
            })
            .collect(),
    )
}

/// One entry of a reference list already cut apart: its number or key, where its text starts,
/// and the text joined onto one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub position: Position,
    pub text: String,
}

/// Parse entries a reader has cut apart itself (the items of a Markdown list, say).
pub fn from_entries(entries: Vec<Entry>) -> ParsedSection {
    let mut section = ParsedSection {
        references: Vec::new(),
        problems: Vec::new(),
        resume_at: None,
    };
    for entry in entries {
        let mut reference = refstring::parse(&entry.key, &entry.text);
        reference.position = entry.position;
        push_checked(&mut section, reference);
    }
    section
}

/// The number and the text of a line that opens a numbered entry: "[3] Smith A ..." or
/// "3. Smith A ...", with the byte offset the text starts at.
pub fn numbered_line(line: &str) -> Option<(String, usize)> {
    let caps = NUMBERED.captures(line)?;
    let key = caps.get(1).or_else(|| caps.get(2))?.as_str();
    Some((
        key.trim_start_matches('0').to_string(),
        caps.get(3)?.start(),
    ))
}

/// An entry of the labelled layout while it is being read.
#[derive(Default)]
struct Pending {
    label: Option<String>,
    start: Option<Position>,
    /// Where the title line is: findings about the reference point there, not at the label.
    title_at: Option<Position>,
    title: Option<String>,
    venue: Option<String>,
    year: Option<i32>,
    raw: Vec<String>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.start.is_none()
    }

    fn begin(&mut self, line: usize, text: &str) {
        if self.start.is_none() {
            self.start = Some(Position::new(line, column_of(text)));
        }
        self.raw.push(text.trim().to_string());
    }

    fn into_reference(self, key: usize) -> Reference {
        Reference {
            key: key.to_string(),
            title: self
                .title
                .map(|t| t.trim_end_matches('.').trim().to_string()),
            container: self.venue,
            year: self.year,
            source_label: self.label,
            position: self.title_at.or(self.start).unwrap_or_default(),
            raw: self.raw.join(" | "),
            ..Reference::default()
        }
    }
}

/// The 1-based character column of the first non-blank character.
fn column_of(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    line[..indent].chars().count() + 1
}

fn parse_labelled(lines: &[&str], range: Range<usize>) -> ParsedSection {
    let mut section = ParsedSection {
        references: Vec::new(),
        problems: Vec::new(),
        resume_at: None,
    };
    let mut pending = Pending::default();
    for i in range {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let complete = pending.title.is_some() && pending.year.is_some();
        if complete || (LABEL.is_match(trimmed) && pending.title.is_some()) {
            finish(&mut section, std::mem::take(&mut pending));
        }
        if pending.title.is_some() {
            if let Some((venue, year)) = parse_venue(trimmed) {
                pending.begin(i + 1, line);
                pending.venue = Some(venue);
                pending.year = Some(year);
                continue;
            }
        }
        if pending.is_empty() && LABEL.is_match(trimmed) {
            pending.begin(i + 1, line);
            pending.label = Some(trimmed.to_string());
        } else if pending.title.is_none() {
            if trimmed.split_whitespace().count() > MAX_TITLE_WORDS && pending.label.is_none() {
                section.resume_at = Some(i);
                return section;
            }
            pending.begin(i + 1, line);
            pending.title_at = Some(Position::new(i + 1, column_of(line)));
            pending.title = Some(trimmed.to_string());
        } else {
            // A second line without a year: a container line with no year.
            pending.begin(i + 1, line);
            pending.venue = Some(trimmed.to_string());
        }
    }
    if !pending.is_empty() {
        finish(&mut section, pending);
    }
    section
}

fn finish(section: &mut ParsedSection, pending: Pending) {
    if pending.is_empty() {
        return;
    }
    let key = section.references.len() + 1;
    push_checked(section, pending.into_reference(key));
}

/// Keep the reference; report it when it has neither a title nor a year.
fn push_checked(section: &mut ParsedSection, reference: Reference) {
    if reference.title.is_none() && reference.year.is_none() {
        section.problems.push(InputProblem {
            kind: InputProblemKind::UnparsedReference,
            position: reference.position,
            message: format!(
                "reference {} yields neither a title nor a year: \"{}\"",
                reference.key, reference.raw
            ),
            reference: Some(reference.key.clone()),
            source: None,
        });
    }
    section.references.push(reference);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> ParsedSection {
        let lines: Vec<&str> = text.lines().collect();
        parse_reference_section(&lines, 0..lines.len())
    }

    #[test]
    fn reference_list_headings() {
        for heading in [
            "References",
            "REFERENCE LIST:",
            " Cited literature ",
            "Works cited",
        ] {
            assert!(is_heading(heading), "{heading}");
        }
        for text in [
            "Referenced works were few.",
            "Methods",
            "References cited here",
        ] {
            assert!(!is_heading(text), "{text}");
        }
    }

    #[test]
    fn labelled_entries() {
        let s = parse(
            "Research\n\nA title.\n\nJ Pain, 2015\n\nGuideline\n\nAnother title\n\nBMJ, 2020\n",
        );
        assert_eq!(s.references.len(), 2);
        assert_eq!(s.references[0].title.as_deref(), Some("A title"));
        assert_eq!(s.references[1].source_label.as_deref(), Some("Guideline"));
        assert_eq!(s.references[1].position, Position::new(9, 1));
        assert!(s.problems.is_empty());
    }

    #[test]
    fn entry_without_title_or_year_is_reported() {
        let s = parse("Research\n\nA title.\n\nJ Pain, 2015\n\nResearch\n");
        assert_eq!(s.references.len(), 2);
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].position.line, 7);
    }

    #[test]
    fn trailing_prose_ends_the_section() {
        let prose = "word ".repeat(50);
        let s = parse(&format!(
            "Research\n\nA title.\n\nJ Pain, 2015\n\n{prose}\n"
        ));
        assert_eq!(s.references.len(), 1);
        assert_eq!(s.resume_at, Some(6));
    }

    #[test]
    fn numbered_entries_keep_their_numbers() {
        let s = parse("[3] Lee C. Aspirin. BMJ. 2001;2:4.\n[5] .\n");
        assert_eq!(s.references[0].key, "3");
        assert_eq!(s.references[1].key, "5");
        assert_eq!(s.problems.len(), 1);
    }
}
