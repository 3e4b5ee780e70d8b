//! Word documents (`.docx`), what most editors receive.
//!
//! The package is a zip archive of WordprocessingML parts ([`package`]). Paragraphs are read
//! in order ([`paragraphs`]); the title is the paragraph in the Title style and headings are
//! the paragraphs whose style is a heading ([`styles`]): headings name sections and are not
//! sentences. The reference list is every paragraph under a "References" heading (or a
//! paragraph saying only that), keyed by its "1." / "[1]" text or by its list number.
//!
//! Citations: bracketed numbers typed in the text ("[2]", "[4-6]"), the text's narrative
//! markers, and superscript numbers ("¹,³⁻⁵" set as superscript runs: "1,3-5"), which the
//! sentence text shows in brackets, "[1,3-5]", so that a superscript after a full stop stays
//! with its sentence. A footnote or endnote mark whose note holds a reference entry cites
//! that entry, keyed `fn1`, `en1`... by the note's number; any other note is read as text,
//! reported at its mark.
//!
//! Positions: the line is the paragraph number (1-based, counting every paragraph of
//! `word/document.xml` in order, empty ones and table cells included) and the column is the
//! character offset in the paragraph plus one. A file that is not a readable Word document is
//! a CG002 error, never a panic.
//!
//! Spec: ECMA-376 Part 1, WordprocessingML (§17).

mod package;
mod paragraphs;
mod styles;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{self, Block, Markers, TextFragment};
use super::{references, refstring};
use crate::model::{Article, InputProblem, InputProblemKind, Position, Reference};
use paragraphs::{NoteKind, Paragraph};
use styles::{Numbering, Role, Styles};

/// "1. ", "[1] ", "1) " at the start of a reference entry.
static ENTRY_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+").expect("entry number pattern")
});
/// Superscript text that is a citation: "1", "1,3-5", "2–4; 7".
static SUPERSCRIPT_CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-\u{2013}\u{2014}]\s*\d{1,4})?)*$")
        .expect("superscript citation pattern")
});

/// Words a superscript number raises as an exponent, not a citation: "m²", "kg/m²", "10⁹".
const EXPONENT_BASES: &[&str] = &["m", "cm", "mm", "km", "µm", "10", "x10", "×10"];

/// Read a `.docx` file's bytes into `article`.
pub fn read(bytes: &[u8], article: &mut Article) {
    let package = match package::open(bytes) {
        Ok(package) => package,
        Err(cause) => {
            article
                .problems
                .push(problem(InputProblemKind::Unreadable, cause));
            return;
        }
    };
    for (part, cause) in &package.damaged {
        article.problems.push(problem(
            InputProblemKind::PartlyRead,
            format!("{part} cannot be read ({cause}); the document is read without it"),
        ));
    }
    let styles = Styles::read(package.styles.as_ref());
    let superscript = |id: &str| styles.is_superscript(id);
    let paragraphs = paragraphs::collect(&package.document, &superscript);
    let notes = Notes {
        footnotes: notes_of(package.footnotes.as_ref(), &superscript),
        endnotes: notes_of(package.endnotes.as_ref(), &superscript),
    };
    article.lines = paragraphs
        .iter()
        .map(|p| p.text().trim().to_string())
        .collect();
    let mut reader = Reader {
        styles: &styles,
        numbering: Numbering::read(package.numbering.as_ref()),
        notes: &notes,
        section: None,
        in_references: false,
        footnotes_seen: 0,
        endnotes_seen: 0,
        blocks: Vec::new(),
        note_references: Vec::new(),
        fixups: HashMap::new(),
    };
    for paragraph in &paragraphs {
        reader.paragraph(paragraph, article);
    }
    reader.finish(article);
}

fn problem(kind: InputProblemKind, message: String) -> InputProblem {
    InputProblem {
        kind,
        position: Position::default(),
        message,
        reference: None,
        source: None,
    }
}

/// The footnotes or endnotes of a part, by id (separators left out).
fn notes_of(
    root: Option<&crate::input::xml_tree::Element>,
    superscript: &dyn Fn(&str) -> bool,
) -> HashMap<String, Vec<Paragraph>> {
    root.into_iter()
        .flat_map(|r| r.elements())
        .filter(|note| note.attribute("type").is_none_or(|t| t == "normal"))
        .filter_map(|note| {
            let id = note.attribute("id")?.to_string();
            Some((id, paragraphs::collect(note, superscript)))
        })
        .collect()
}

struct Notes {
    footnotes: HashMap<String, Vec<Paragraph>>,
    endnotes: HashMap<String, Vec<Paragraph>>,
}

/// How a citation the text finder made is told apart as a superscript or a note mark.
enum Fixup {
    Superscript(String),
    Note { key: String, marker: String },
}

struct Reader<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    notes: &'a Notes,
    section: Option<String>,
    in_references: bool,
    footnotes_seen: usize,
    endnotes_seen: usize,
    /// Blocks in order; note blocks carry the position of their mark.
    blocks: Vec<(Block, Option<Position>)>,
    /// Reference entries found in notes.
    note_references: Vec<Reference>,
    /// Keyed by the position of the citation and the marker the text finder sees there.
    fixups: HashMap<(Position, String), Fixup>,
}

impl Reader<'_> {
    fn paragraph(&mut self, paragraph: &Paragraph, article: &mut Article) {
        let list_number = paragraph
            .numbering
            .as_ref()
            .and_then(|(id, level)| self.numbering.next(id, *level));
        let text = paragraph.text();
        let trimmed = text.trim();
        match self
            .styles
            .role(paragraph.style.as_deref(), paragraph.outline)
        {
            Role::Title => {
                if article.title.is_none() && !trimmed.is_empty() {
                    article.title = Some(trimmed.to_string());
                }
                return;
            }
            Role::Furniture => return,
            Role::Heading(_) => {
                self.in_references = references::is_heading(trimmed);
                self.section = Some(trimmed.to_string()).filter(|t| !t.is_empty());
                return;
            }
            Role::Text => {}
        }
        if trimmed.is_empty() {
            return;
        }
        if references::is_heading(trimmed) {
            self.in_references = true;
            self.section = Some(trimmed.to_string());
            return;
        }
        if self.in_references {
            entry(paragraph, list_number, article);
            return;
        }
        self.body(paragraph);
    }

    /// A paragraph of text: one block, superscript citations and note marks in brackets.
    fn body(&mut self, paragraph: &Paragraph) {
        let line = paragraph.number;
        let at = |offset: usize| Position::new(line, offset + 1);
        let mut marks: HashMap<usize, Vec<String>> = HashMap::new();
        let mut note_blocks = Vec::new();
        for mark in &paragraph.notes {
            let (seen, prefix, label, notes) = match mark.kind {
                NoteKind::Footnote => (
                    &mut self.footnotes_seen,
                    "fn",
                    "footnote",
                    &self.notes.footnotes,
                ),
                NoteKind::Endnote => (
                    &mut self.endnotes_seen,
                    "en",
                    "endnote",
                    &self.notes.endnotes,
                ),
            };
            *seen += 1;
            let number = seen.to_string();
            let note = notes.get(&mark.id).map(Vec::as_slice).unwrap_or_default();
            let position = at(mark.offset);
            match note_reference(note, &format!("{prefix}{number}"), position) {
                Some(reference) => {
                    self.fixups.insert(
                        (position, format!("[{number}]")),
                        Fixup::Note {
                            key: reference.key.clone(),
                            marker: format!("{label} {number}"),
                        },
                    );
                    self.note_references.push(reference);
                    marks.entry(mark.offset).or_default().push(number);
                }
                None => note_blocks.extend(note.iter().filter_map(|p| {
                    let block = plain_block(p, self.section.clone());
                    (!block.fragments.is_empty()).then_some((block, Some(position)))
                })),
            }
        }
        let spans: Vec<_> = paragraph
            .superscripts
            .iter()
            .filter(|span| is_citation(&paragraph.text, span))
            .collect();
        let mut chars: Vec<(char, Position)> = Vec::with_capacity(paragraph.text.len() + 8);
        for offset in 0..=paragraph.text.len() {
            for number in marks.get(&offset).into_iter().flatten() {
                chars.extend(format!("[{number}]").chars().map(|c| (c, at(offset))));
            }
            let Some(&c) = paragraph.text.get(offset) else {
                break;
            };
            if let Some(span) = spans.iter().find(|s| s.start == offset) {
                chars.push(('[', at(offset)));
                let written: String = paragraph.text[span.start..span.end].iter().collect();
                let written = written.trim().to_string();
                let marker: String = format!("[{}]", &written);
                self.fixups
                    .insert((at(offset), marker), Fixup::Superscript(written));
            }
            chars.push((c, at(offset)));
            if spans.iter().any(|s| s.end == offset + 1) {
                chars.push((']', at(offset)));
            }
        }
        self.blocks.push((
            Block {
                section: self.section.clone(),
                fragments: fragments(&chars),
                citations: Vec::new(),
            },
            None,
        ));
        self.blocks.extend(note_blocks);
    }

    /// Add the blocks and the note references, and restore what the superscripts and note
    /// marks looked like in the document.
    fn finish(self, article: &mut Article) {
        let mut run: Vec<Block> = Vec::new();
        let mut run_anchor = None;
        for (block, anchor) in self.blocks {
            if anchor != run_anchor {
                add_run(article, std::mem::take(&mut run), run_anchor);
                run_anchor = anchor;
            }
            run.push(block);
        }
        add_run(article, run, run_anchor);
        article.references.extend(self.note_references);
        for citation in &mut article.citations {
            match self
                .fixups
                .get(&(citation.position, citation.marker.clone()))
            {
                Some(Fixup::Superscript(written)) => citation.marker.clone_from(written),
                Some(Fixup::Note { key, marker }) => {
                    citation.key.clone_from(key);
                    citation.marker.clone_from(marker);
                }
                None => {}
            }
        }
    }
}

fn add_run(article: &mut Article, blocks: Vec<Block>, anchor: Option<Position>) {
    match anchor {
        None => text::add_blocks(article, blocks, Markers::default()),
        Some(anchor) => text::add_blocks_at(article, blocks, Markers::default(), anchor),
    }
}

/// A paragraph's text as one block, as written.
fn plain_block(paragraph: &Paragraph, section: Option<String>) -> Block {
    let chars: Vec<(char, Position)> = paragraph
        .text
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, Position::new(paragraph.number, i + 1)))
        .collect();
    Block {
        section,
        fragments: fragments(&chars),
        citations: Vec::new(),
    }
}

/// Runs of characters at consecutive columns of one line.
fn fragments(chars: &[(char, Position)]) -> Vec<TextFragment> {
    let mut out: Vec<TextFragment> = Vec::new();
    for &(c, position) in chars {
        match out.last_mut() {
            Some(last)
                if last.line == position.line
                    && last.column + last.text.chars().count() == position.column =>
            {
                last.text.push(c);
            }
            _ => out.push(TextFragment {
                line: position.line,
                column: position.column,
                text: c.to_string(),
            }),
        }
    }
    out
}

/// Superscript text that cites: numbers, lists and ranges, not an exponent ("m²").
fn is_citation(text: &[char], span: &std::ops::Range<usize>) -> bool {
    let Some(raised) = text.get(span.clone()) else {
        return false;
    };
    let raised: String = raised.iter().collect();
    if !SUPERSCRIPT_CITATION.is_match(raised.trim()) {
        return false;
    }
    let before: String = text[..span.start]
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '(' | ','))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // "5x10" raises like "x10"; "symptom" is not "m".
    let base = before.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    !EXPONENT_BASES
        .iter()
        .any(|b| before == *b || base == *b || base.ends_with(&format!("/{b}")))
}

/// The reference a note holds, when its text is a reference entry (authors, a title and a
/// year, or an identifier).
fn note_reference(note: &[Paragraph], key: &str, position: Position) -> Option<Reference> {
    let text = note
        .iter()
        .map(Paragraph::text)
        .collect::<Vec<_>>()
        .join(" ");
    let body = ENTRY_NUMBER.replace(text.trim(), "");
    let mut reference = refstring::parse(key, &body);
    let is_entry =
        (reference.year.is_some() && reference.title.is_some() && !reference.authors.is_empty())
            || reference.doi.is_some()
            || reference.pmid.is_some();
    reference.position = position;
    is_entry.then_some(reference)
}

/// A paragraph of the reference list as a reference.
fn entry(paragraph: &Paragraph, list_number: Option<usize>, article: &mut Article) {
    let text = paragraph.text();
    let (key, body_start) = match ENTRY_NUMBER.captures(&text) {
        Some(caps) => (
            caps.get(1)
                .or_else(|| caps.get(2))
                .map_or("", |m| m.as_str())
                .trim_start_matches('0')
                .to_string(),
            caps.get(0).map_or(0, |m| m.end()),
        ),
        None => {
            let key = list_number.unwrap_or(article.references.len() + 1);
            (key.to_string(), text.len() - text.trim_start().len())
        }
    };
    let body = &text[body_start..];
    let column = text[..body_start].chars().count() + 1;
    let mut reference = refstring::parse(&key, body);
    reference.position = Position::new(paragraph.number, column);
    if reference.title.is_none() && reference.year.is_none() {
        article.problems.push(InputProblem {
            kind: InputProblemKind::UnparsedReference,
            position: reference.position,
            message: format!(
                "reference {key} yields neither a title nor a year: \"{}\"",
                reference.raw
            ),
            reference: Some(key),
            source: None,
        });
    }
    article.references.push(reference);
}

#[cfg(test)]
mod tests;
