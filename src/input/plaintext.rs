//! The plain-text article: a title, sections under short headings, paragraphs and bullet
//! lines, and a "References" section.
//!
//! Two reference layouts are read: the labelled one of web Q&A pages (a source label line such
//! as "Research", a title line, then a "Journal, Year" line) and an ordinary numbered list
//! ("1. Author A. Title. Journal. 2015;3:1-9." or "[1] ..."). Page furniture (see
//! [`super::furniture`]) is skipped wherever it stands.

use std::sync::LazyLock;

use regex::Regex;

use super::front_matter;
use super::furniture::{is_furniture_line, opens_furniture_block};
use super::references::{self, parse_reference_section};
use super::text::{self, Block, Markers, TextFragment};
use crate::model::{Article, InputProblem, InputProblemKind, Position};

/// A bullet or numbered list item: the marker and the spaces after it.
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[\u{2022}\u{00b7}\u{25aa}\u{25e6}\u{2023}\u{2013}*-]|\d{1,3}[.)])\s+")
        .expect("bullet pattern compiles")
});

/// Longest line, in characters, that can be a section heading.
const MAX_HEADING_CHARS: usize = 70;
const MAX_HEADING_WORDS: usize = 8;

/// What one source line is, once its neighbours are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// A line that held only a `# citegrade:` directive: no part of the text, and no blank
    /// line either, so a paragraph runs on across it.
    Directive,
    Blank,
    Furniture,
    Heading,
    Bullet {
        content_start: usize,
    },
    Text,
}

/// Read a plain-text article into `article` (whose `id` and `path` are already set);
/// `directive_lines` (0-based) held only a directive and are skipped.
pub fn read(text: &str, directive_lines: &[usize], article: &mut Article) {
    let front_lines = read_front_matter(text, article);
    article.lines = text.lines().map(str::to_string).collect();
    let lines: Vec<&str> = article.lines.iter().map(String::as_str).collect();
    let mut kinds = classify(&lines, directive_lines);
    for kind in kinds.iter_mut().take(front_lines) {
        *kind = LineKind::Furniture;
    }
    let mut body = Body::default();
    let mut i = 0;
    while i < lines.len() {
        match kinds[i] {
            LineKind::Directive => {}
            LineKind::Blank | LineKind::Furniture => body.end_block(),
            LineKind::Heading if references::is_heading(lines[i]) => {
                body.end_block();
                let section = reference_section(&lines, &kinds, i + 1);
                let parsed = parse_reference_section(&lines, section.clone());
                article.references.extend(parsed.references);
                article.problems.extend(parsed.problems);
                // Lines the reference parser handed back (trailing prose) are article text.
                i = parsed.resume_at.unwrap_or(section.end);
                continue;
            }
            LineKind::Heading if article.title.is_none() && !body.started => {
                article.title = Some(lines[i].trim().to_string());
                body.started = true;
            }
            LineKind::Heading => {
                body.end_block();
                body.section = Some(lines[i].trim().trim_end_matches(':').to_string());
            }
            LineKind::Bullet { content_start } => {
                body.end_block();
                body.push(i + 1, lines[i], content_start, &lines[i][content_start..]);
            }
            LineKind::Text
                if article.title.is_none() && !body.started && is_isolated(&kinds, i) =>
            {
                // A long first line standing alone (a question, say) is the title.
                article.title = Some(lines[i].trim().to_string());
                body.started = true;
            }
            LineKind::Text => {
                let start = lines[i].len() - lines[i].trim_start().len();
                body.push(i + 1, lines[i], start, lines[i][start..].trim_end());
            }
        }
        i += 1;
    }
    body.end_block();
    text::add_blocks(article, body.blocks, Markers::PLAIN_TEXT);
}

/// Take title and bibliography from YAML front matter; the number of lines it spans.
pub(super) fn read_front_matter(text: &str, article: &mut Article) -> usize {
    match front_matter::parse(text) {
        Ok(Some(fm)) => {
            article.title = fm.title;
            article.bibliography_files = fm.bibliography;
            article.published_year = fm.date.as_deref().and_then(leading_year);
            fm.lines
        }
        Ok(None) => 0,
        Err(bad) => {
            article.problems.push(InputProblem {
                kind: InputProblemKind::PartlyRead,
                position: Position::new(bad.line, 1),
                message: bad.cause,
                reference: None,
                source: None,
            });
            0
        }
    }
}

/// The year a front-matter date starts with ("2024-05-01", "2024").
fn leading_year(date: &str) -> Option<i32> {
    let digits: String = date
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// True when the lines before and after line `i` (directive lines passed over) are blank
/// (or absent).
fn is_isolated(kinds: &[LineKind], i: usize) -> bool {
    let text = |k: &&LineKind| **k != LineKind::Directive;
    let before = kinds[..i].iter().rev().find(text);
    let after = kinds.iter().skip(i + 1).find(text);
    [before, after]
        .into_iter()
        .all(|k| k.is_none_or(|k| *k == LineKind::Blank))
}

/// The range of line indices holding the reference section that starts at `from`: up to a
/// furniture block or the end of the file.
fn reference_section(lines: &[&str], kinds: &[LineKind], from: usize) -> std::ops::Range<usize> {
    let end = (from..lines.len())
        .find(|&j| kinds[j] == LineKind::Furniture && opens_furniture_block(lines[j]))
        .unwrap_or(lines.len());
    from..end
}

fn classify(lines: &[&str], directive_lines: &[usize]) -> Vec<LineKind> {
    let is_directive = |j: &usize| directive_lines.binary_search(j).is_ok();
    // The neighbours of a line are the nearest lines that are not directives.
    let blank = |j: Option<usize>| j.is_none_or(|j| lines[j].trim().is_empty());
    let before = |i: usize| (0..i).rev().find(|j| !is_directive(j));
    let after = |i: usize| (i + 1..lines.len()).find(|j| !is_directive(j));
    let mut kinds = Vec::with_capacity(lines.len());
    let mut in_furniture_block = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let isolated = blank(before(i)) && blank(after(i));
        let kind = if is_directive(&i) {
            LineKind::Directive
        } else if trimmed.is_empty() {
            LineKind::Blank
        } else if opens_furniture_block(trimmed) {
            in_furniture_block = true;
            LineKind::Furniture
        } else if is_furniture_line(trimmed) {
            LineKind::Furniture
        } else if references::is_heading(trimmed) || (isolated && looks_like_heading(line)) {
            in_furniture_block = false;
            LineKind::Heading
        } else if in_furniture_block {
            LineKind::Furniture
        } else if let Some(m) = BULLET.find(line) {
            LineKind::Bullet {
                content_start: m.end(),
            }
        } else {
            LineKind::Text
        };
        kinds.push(kind);
    }
    kinds
}

/// A short line without closing punctuation that starts with a capital: "Treatment Options".
fn looks_like_heading(line: &str) -> bool {
    let trimmed = line.trim();
    let ends_open = !trimmed.ends_with(['.', ',', ';']);
    let starts_capital = trimmed.chars().next().is_some_and(char::is_uppercase);
    ends_open
        && starts_capital
        && !BULLET.is_match(line)
        && trimmed.chars().count() <= MAX_HEADING_CHARS
        && trimmed.split_whitespace().count() <= MAX_HEADING_WORDS
        && !trimmed.contains('[')
}

/// Article text gathered into blocks (paragraphs and list items) under their headings.
#[derive(Default)]
struct Body {
    blocks: Vec<Block>,
    current: Vec<TextFragment>,
    section: Option<String>,
    started: bool,
}

impl Body {
    /// Add `text`, which starts at byte `byte_start` of `source` (line `line`).
    fn push(&mut self, line: usize, source: &str, byte_start: usize, text: &str) {
        self.started = true;
        self.current.push(TextFragment {
            line,
            // Columns count characters: the prefix may hold a multi-byte bullet.
            column: char_column(source, byte_start),
            text: text.to_string(),
        });
    }

    fn end_block(&mut self) {
        if !self.current.is_empty() {
            self.blocks.push(Block {
                section: self.section.clone(),
                fragments: std::mem::take(&mut self.current),
                citations: Vec::new(),
            });
        }
    }
}

/// The 1-based character column of byte offset `byte` in `line`.
fn char_column(line: &str, byte: usize) -> usize {
    line.get(..byte)
        .map_or(byte, |prefix| prefix.chars().count())
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn article(text: &str) -> Article {
        let mut article = Article::default();
        read(text, &[], &mut article);
        article
    }

    #[test]
    fn a_long_question_standing_first_is_the_title() {
        let question = format!("What {} helps?", "really ".repeat(20));
        let a = article(&format!("{question}\n\nSome text [1].\n"));
        assert_eq!(a.title.as_deref(), Some(question.as_str()));
        assert_eq!(a.sentences.len(), 1);
    }

    const LABELLED: &str = "What helps central pain?\n\nPersonalize\n\nTreatment Options\n\n  \u{2022} Gabapentin helps, as shown in the 2015 study 1.\n  \u{2022} Opioids should be avoided.\n\nReferences\n\nResearch\n\nGabapentin in central pain: a randomized controlled trial.\n\nPain, 2015\n\nDisclaimer\n\nNot medical advice [7].\n";

    #[test]
    fn title_sections_and_bullets() {
        let a = article(LABELLED);
        assert_eq!(a.title.as_deref(), Some("What helps central pain?"));
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.sentences[0].section.as_deref(), Some("Treatment Options"));
        assert_eq!(a.sentences[0].position, Position::new(7, 5));
        assert_eq!(a.sentences[1].text, "Opioids should be avoided.");
    }

    #[test]
    fn labelled_references_and_furniture_after_them() {
        let a = article(LABELLED);
        assert_eq!(a.references.len(), 1);
        let r = &a.references[0];
        assert_eq!(r.key, "1");
        assert_eq!(r.source_label.as_deref(), Some("Research"));
        assert_eq!(r.year, Some(2015));
        assert_eq!(r.container.as_deref(), Some("Pain"));
        assert_eq!(r.position, Position::new(14, 1));
        // The disclaimer's "[7]" is not a citation.
        assert_eq!(a.citations.len(), 1);
        assert_eq!(a.citations[0].position, Position::new(7, 39));
    }

    #[test]
    fn a_directive_line_is_passed_over_not_taken_for_a_blank_line() {
        // Lines 4 and 7 held `# citegrade: ignore`, cut out before reading.
        let text = "Title\n\nPain fell as shown\n\nin a trial [1].\n\nShort Line\n\nMore [2].\n";
        let texts =
            |a: &Article| -> Vec<String> { a.sentences.iter().map(|s| s.text.clone()).collect() };
        let mut a = Article::default();
        read(text, &[3, 7], &mut a);
        // "Short Line" has text on both sides once line 8 is passed over: no heading.
        assert_eq!(
            texts(&a),
            ["Pain fell as shown in a trial [1].", "Short Line More [2]."]
        );
        assert_eq!(a.sentences[1].position, Position::new(7, 1));
        assert_eq!(a.sentences[1].section, None);
        // Without the lines marked, the blank lines make both short lines headings.
        let b = article(text);
        assert_eq!(texts(&b), ["in a trial [1].", "More [2]."]);
        assert_eq!(b.sentences[1].section.as_deref(), Some("Short Line"));
    }

    #[test]
    fn numbered_references_with_wrapped_lines() {
        let a = article(
            "Title\n\nStatins reduce events [1, 2].\n\nReferences:\n1. Smith AB. Statins for\n   prevention. Lancet. 2019;1:2-3.\n2. Lee C. Aspirin. BMJ. 2001;2:4.\n",
        );
        assert_eq!(a.references.len(), 2);
        assert_eq!(
            a.references[0].title.as_deref(),
            Some("Statins for prevention")
        );
        assert_eq!(a.references[1].year, Some(2001));
        assert_eq!(a.citations.len(), 2);
    }
}
