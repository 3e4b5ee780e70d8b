//! Text of an HTML page as it stands in the source: positions that move forward through the
//! file cheaply (a page is often one long line), and text runs cut into fragments at every
//! character reference, so that each decoded character keeps the line and column it was
//! written at ("Caf&eacute; [2]": the "[" is still at its own column).

use std::collections::HashMap;
use std::sync::LazyLock;

use html5gum::{Token, Tokenizer};
use regex::Regex;

use crate::input::fields::LineIndex;
use crate::input::text::TextFragment;
use crate::model::Position;

/// A character reference: numeric, hexadecimal or named (the `;` is optional in HTML).
static CHARACTER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
        .expect("character reference pattern compiles")
});

/// Positions of byte offsets, for offsets asked in (mostly) rising order.
pub struct Cursor<'a> {
    source: &'a str,
    lines: LineIndex<'a>,
    offset: usize,
    position: Position,
}

impl<'a> Cursor<'a> {
    pub fn new(source: &'a str) -> Self {
        Cursor {
            source,
            lines: LineIndex::new(source),
            offset: 0,
            position: Position::new(1, 1),
        }
    }

    /// The line and (character) column of byte `offset`.
    pub fn position(&mut self, offset: usize) -> Position {
        // Walking forward from the last answer keeps a one-line page linear, not quadratic.
        match self.source.get(self.offset..offset) {
            Some(stretch) if offset >= self.offset => {
                for c in stretch.chars() {
                    if c == '\n' {
                        self.position = Position::new(self.position.line + 1, 1);
                    } else {
                        self.position.column += 1;
                    }
                }
                self.offset = offset;
                self.position
            }
            _ => self.lines.position(offset),
        }
    }
}

/// Decodes character references the way the tokenizer does, remembering each one it met.
#[derive(Default)]
pub struct Decoder {
    known: HashMap<String, String>,
}

impl Decoder {
    /// The text `reference` ("&eacute;", "&#8211;", "&amp") stands for, or itself when it
    /// stands for nothing.
    pub fn decode(&mut self, reference: &str) -> String {
        if let Some(text) = self.known.get(reference) {
            return text.clone();
        }
        // The tokenizer holds the WHATWG table (legacy names without ";" included): let it
        // decode the reference alone, so text and markup are read by one set of rules.
        let mut text = String::new();
        for Ok(token) in Tokenizer::new(reference) {
            if let Token::String(s) = token {
                text.push_str(&String::from_utf8_lossy(&s.value));
            }
        }
        let text = text.replace('\u{a0}', " ");
        self.known.insert(reference.to_string(), text.clone());
        text
    }

    /// The source text `source[start..end]` as positioned fragments, one per source line and
    /// per character reference. Indentation after a line break and blank runs are dropped;
    /// a blank run between two inline elements on one line stays a single space.
    pub fn fragments(
        &mut self,
        source: &str,
        start: usize,
        end: usize,
        cursor: &mut Cursor<'_>,
    ) -> Vec<TextFragment> {
        let mut out = Vec::new();
        let Some(raw) = source.get(start..end) else {
            return out;
        };
        let pieces: Vec<&str> = raw.split('\n').collect();
        let last = pieces.len().saturating_sub(1);
        let mut offset = start;
        for (i, piece) in pieces.iter().enumerate() {
            let line_start = offset;
            offset += piece.len() + 1;
            let piece = piece.trim_end_matches('\r');
            let mut text = piece;
            let mut at = line_start;
            if i > 0 {
                let trimmed = text.trim_start();
                at += text.len() - trimmed.len();
                text = trimmed;
            }
            if i < last {
                text = text.trim_end();
            }
            if text.trim().is_empty() {
                if pieces.len() == 1 && !text.is_empty() {
                    out.push(TextFragment {
                        line: cursor.position(at).line,
                        column: cursor.position(at).column,
                        text: " ".into(),
                    });
                }
                continue;
            }
            self.push_line(text, at, cursor, &mut out);
        }
        out
    }

    /// One line of text starting at byte `at`: literal runs and decoded references.
    fn push_line(
        &mut self,
        text: &str,
        at: usize,
        cursor: &mut Cursor<'_>,
        out: &mut Vec<TextFragment>,
    ) {
        let mut literal_start = 0;
        let mut push = |cursor: &mut Cursor<'_>, offset: usize, text: String| {
            if !text.is_empty() {
                let position = cursor.position(at + offset);
                out.push(TextFragment {
                    line: position.line,
                    column: position.column,
                    text,
                });
            }
        };
        for reference in CHARACTER_REFERENCE.find_iter(text) {
            let decoded = self.decode(reference.as_str());
            if decoded == reference.as_str() {
                continue;
            }
            push(
                cursor,
                literal_start,
                text[literal_start..reference.start()].replace('\u{a0}', " "),
            );
            push(cursor, reference.start(), decoded);
            literal_start = reference.end();
        }
        push(
            cursor,
            literal_start,
            text[literal_start..].replace('\u{a0}', " "),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(source: &str) -> Vec<(usize, usize, String)> {
        let mut cursor = Cursor::new(source);
        Decoder::default()
            .fragments(source, 0, source.len(), &mut cursor)
            .into_iter()
            .map(|f| (f.line, f.column, f.text))
            .collect()
    }

    #[test]
    fn references_are_decoded_at_their_own_columns() {
        assert_eq!(
            cut("Caf&eacute;&nbsp;[2] &ndash; &#x41;&amp x"),
            [
                (1, 1, "Caf".into()),
                (1, 4, "\u{e9}".into()),
                (1, 12, " ".into()),
                (1, 18, "[2] ".into()),
                (1, 22, "\u{2013}".into()),
                (1, 29, " ".into()),
                (1, 30, "A".into()),
                (1, 36, "&".into()),
                (1, 40, " x".into()),
            ]
        );
        assert_eq!(cut("&bogus; &"), [(1, 1, "&bogus; &".into())]);
    }

    #[test]
    fn indentation_goes_and_lines_keep_their_positions() {
        assert_eq!(
            cut("Pain is\r\n    common \u{e9}.\n  "),
            [(1, 1, "Pain is".into()), (2, 5, "common \u{e9}.".into())]
        );
        assert_eq!(cut("  "), [(1, 1, " ".into())]);
    }

    #[test]
    fn the_cursor_agrees_with_the_line_index() {
        let source = "ab\n\u{e7}d<p>\nx";
        let mut cursor = Cursor::new(source);
        let index = LineIndex::new(source);
        for offset in [0, 3, 5, 6, 9, 2] {
            assert_eq!(cursor.position(offset), index.position(offset), "{offset}");
        }
    }
}
