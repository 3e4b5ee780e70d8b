//! The BibTeX grammar: `@type{key, field = value # value, ...}` blocks, `@string` macros,
//! `@comment` and `@preamble`, with text outside blocks ignored as BibTeX ignores it.
//!
//! A syntax error ends only its own block: it becomes a [`Fault`] tied to the block's `@`, and
//! scanning resumes at the next `@` that starts a line. Inside a value, a line that opens a new
//! entry means the value's braces were never closed, so the error names that cause instead of
//! running on to the end of the file.

use std::collections::HashMap;

use crate::input::fields::{self, LineIndex};
use crate::model::{InputProblem, InputProblemKind};

/// One piece of a field value: `{braced}` or `"quoted"` text (or a number), or a macro name.
#[derive(Debug)]
pub(super) enum Piece {
    Text(String),
    Macro(String),
}

/// An entry as written, before macros and cross-references are resolved.
#[derive(Debug)]
pub(super) struct RawEntry {
    /// The `@type`, lowercased.
    pub(super) kind: String,
    pub(super) key: String,
    /// Field names lowercased, in source order.
    pub(super) fields: Vec<(String, Vec<Piece>)>,
    /// Byte range of the entry from its `@` to its closing delimiter.
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A syntax error inside the entry that starts at `entry`: the entry is skipped.
#[derive(Debug)]
pub(super) struct Fault {
    entry: usize,
    key: Option<String>,
    cause: String,
}

impl Fault {
    pub(super) fn problem(&self, lines: &LineIndex<'_>) -> InputProblem {
        let position = lines.position(self.entry);
        let what = match &self.key {
            Some(key) => format!("BibTeX entry `{key}`"),
            None => format!("the BibTeX entry at line {}", position.line),
        };
        let message = format!(
            "cannot read {what}: {}; skipped to the next entry",
            self.cause
        );
        fields::problem(
            InputProblemKind::Unreadable,
            position,
            message,
            self.key.clone(),
        )
    }
}

/// A parsing step; the error is the cause of a syntax error, before it is tied to its entry.
pub(super) type Step<T> = Result<T, String>;

pub(super) struct Scan {
    pub(super) entries: Vec<RawEntry>,
    /// `@string` macros, names lowercased, values as raw TeX.
    pub(super) strings: HashMap<String, String>,
    pub(super) faults: Vec<Fault>,
}

pub(super) struct Scanner<'s> {
    text: &'s str,
    bytes: &'s [u8],
    lines: &'s LineIndex<'s>,
    pos: usize,
    scan: Scan,
}

impl<'s> Scanner<'s> {
    pub(super) fn new(text: &'s str, lines: &'s LineIndex<'s>) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            lines,
            pos: 0,
            scan: Scan {
                entries: Vec::new(),
                strings: HashMap::new(),
                faults: Vec::new(),
            },
        }
    }

    pub(super) fn scan(mut self) -> Scan {
        while let Some(at) = self.text.get(self.pos..).and_then(|rest| rest.find('@')) {
            let start = self.pos + at;
            self.pos = start;
            let mut key = None;
            if let Err(cause) = self.block(start, &mut key) {
                self.scan.faults.push(Fault {
                    entry: start,
                    key: key.filter(|k: &String| !k.is_empty()),
                    cause,
                });
                self.pos = next_line_at(self.bytes, start + 1).unwrap_or(self.bytes.len());
            }
        }
        self.scan
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at the cursor, for messages. A new entry there means this one was never
    /// closed, which is what the message should say.
    fn found(&self) -> String {
        let line = self.lines.position(self.pos).line;
        let starts_line = self.text[..self.pos]
            .trim_end_matches([' ', '\t', '\r'])
            .ends_with('\n');
        match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            Some('@') if starts_line && self.pos > 0 && entry_follows(self.bytes, self.pos - 1) => {
                format!(
                    "the next entry at line {line} (unbalanced braces: this entry is not closed)"
                )
            }
            Some(c) => format!("`{c}` at line {line}"),
            None => "the end of the file".to_string(),
        }
    }

    fn error<T>(&self, cause: String) -> Step<T> {
        Err(cause)
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    /// Skip blanks and `%` comments, each to the end of its line, where a field name, `,` or
    /// the closing delimiter is expected: biber and JabRef accept a comment there, and a
    /// `% citegrade: ignore` directive stands there. In a value, `%` is text.
    fn skip_blanks_and_comments(&mut self) {
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'%') {
                return;
            }
            self.pos = self.text[self.pos..]
                .find('\n')
                .map_or(self.bytes.len(), |newline| self.pos + newline);
        }
    }

    /// A type, field or macro name (empty when there is none at the cursor).
    fn name(&mut self) -> &'s str {
        let start = self.pos;
        while self.peek().is_some_and(is_name_byte) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    /// One `@...` block. Text that only looks like one (an e-mail address) is left as comment.
    fn block(&mut self, start: usize, key: &mut Option<String>) -> Step<()> {
        self.pos += 1;
        self.skip_whitespace();
        let kind = self.name().to_ascii_lowercase();
        self.skip_whitespace();
        let close = match self.peek() {
            Some(b'{') if !kind.is_empty() => b'}',
            Some(b'(') if !kind.is_empty() => b')',
            _ => return Ok(()),
        };
        self.pos += 1;
        match kind.as_str() {
            // A comment ends at its closing brace, or else where the next entry starts.
            "comment" => {
                let _ = self.skip_group(close);
                Ok(())
            }
            "preamble" => self.skip_group(close),
            "string" => self.string_definitions(close),
            _ => self.entry(kind, close, start, key),
        }
    }

    /// Skip to the `close` that ends the block, braces balanced.
    fn skip_group(&mut self, close: u8) -> Step<()> {
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            if b == close && depth == 0 {
                self.pos += 1;
                return Ok(());
            }
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'\n' if entry_follows(self.bytes, self.pos) => {
                    return self.error(format!(
                        "unbalanced braces: not closed before the entry at line {}",
                        self.lines.position(self.pos + 1).line
                    ))
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.error("unbalanced braces: not closed at the end of the file".to_string())
    }

    fn string_definitions(&mut self, close: u8) -> Step<()> {
        loop {
            self.skip_blanks_and_comments();
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(());
            }
            let name = self.name().to_ascii_lowercase();
            if name.is_empty() {
                return self.error(format!("expected a @string name, found {}", self.found()));
            }
            let value = self.field_value(&name)?;
            let text = resolve_pieces(&value, &self.scan.strings);
            self.scan.strings.insert(name, text);
            if self.after_field(close)? {
                return Ok(());
            }
        }
    }

    fn entry(
        &mut self,
        kind: String,
        close: u8,
        start: usize,
        key: &mut Option<String>,
    ) -> Step<()> {
        self.skip_whitespace();
        let key_start = self.pos;
        while self
            .peek()
            .is_some_and(|b| !b.is_ascii_whitespace() && !b",{}=%".contains(&b) && b != close)
        {
            self.pos += 1;
        }
        *key = Some(self.text[key_start..self.pos].to_string());
        self.skip_blanks_and_comments();
        let fields = match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.fields(close)?
            }
            Some(b) if b == close => {
                self.pos += 1;
                Vec::new()
            }
            // No key at all: what was read is the first field's name.
            Some(b'=') => {
                self.pos = key_start;
                *key = Some(String::new());
                self.fields(close)?
            }
            _ => {
                return self.error(format!(
                    "expected `,` after the key, found {}",
                    self.found()
                ))
            }
        };
        self.scan.entries.push(RawEntry {
            kind,
            key: key.clone().unwrap_or_default(),
            fields,
            start,
            end: self.pos,
        });
        Ok(())
    }

    fn fields(&mut self, close: u8) -> Step<Vec<(String, Vec<Piece>)>> {
        let mut fields = Vec::new();
        loop {
            self.skip_blanks_and_comments();
            if self.peek() == Some(close) {
                self.pos += 1;
                return Ok(fields);
            }
            let name = self.name().to_ascii_lowercase();
            if name.is_empty() {
                return self.error(format!(
                    "expected a field name or `{}`, found {}",
                    close as char,
                    self.found()
                ));
            }
            let value = self.field_value(&name)?;
            fields.push((name, value));
            if self.after_field(close)? {
                return Ok(fields);
            }
        }
    }

    /// `= value`, the field name already read.
    fn field_value(&mut self, name: &str) -> Step<Vec<Piece>> {
        self.skip_whitespace();
        if self.peek() != Some(b'=') {
            return self.error(format!(
                "expected `=` after `{name}`, found {}",
                self.found()
            ));
        }
        self.pos += 1;
        self.skip_whitespace();
        self.value(name)
    }

    /// The separator after a value: `,` (true: more may follow) or the closing delimiter.
    fn after_field(&mut self, close: u8) -> Step<bool> {
        self.skip_blanks_and_comments();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => self.error(format!(
                "expected `,` or `{}` after a field, found {}",
                close as char,
                self.found()
            )),
        }
    }

    /// Pieces joined by `#`.
    fn value(&mut self, field: &str) -> Step<Vec<Piece>> {
        let mut pieces = Vec::new();
        loop {
            let piece = match self.peek() {
                Some(b'{') => Piece::Text(self.delimited(b'}', field)?),
                Some(b'"') => Piece::Text(self.delimited(b'"', field)?),
                _ => match self.name() {
                    "" => {
                        return self.error(format!(
                            "expected a value for `{field}`, found {}",
                            self.found()
                        ))
                    }
                    number if number.bytes().all(|b| b.is_ascii_digit()) => {
                        Piece::Text(number.to_string())
                    }
                    name => Piece::Macro(name.to_ascii_lowercase()),
                },
            };
            pieces.push(piece);
            self.skip_whitespace();
            if self.peek() != Some(b'#') {
                return Ok(pieces);
            }
            self.pos += 1;
            self.skip_whitespace();
        }
    }

    /// The text of a `{...}` or `"..."` value, the cursor on its opening delimiter.
    fn delimited(&mut self, end: u8, field: &str) -> Step<String> {
        let open = self.pos;
        let fault = if end == b'"' {
            "unclosed quotes"
        } else {
            "unbalanced braces"
        };
        self.pos += 1;
        let mut depth = 0usize;
        while let Some(b) = self.peek() {
            match b {
                // `\"` inside a quoted value is an umlaut, not the end of the value.
                b'\\' if self.bytes.get(self.pos + 1) == Some(&b'"') => self.pos += 1,
                b'{' => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                b'}' if end == b'}' => {
                    self.pos += 1;
                    return Ok(self.text[open + 1..self.pos - 1].to_string());
                }
                b'}' => {
                    return self.error(format!(
                        "unbalanced braces: a `}}` at line {} closes nothing in `{field}`",
                        self.lines.position(self.pos).line
                    ))
                }
                b'"' if end == b'"' && depth == 0 => {
                    self.pos += 1;
                    return Ok(self.text[open + 1..self.pos - 1].to_string());
                }
                b'\n' if entry_follows(self.bytes, self.pos) => {
                    return self.error(format!(
                        "{fault}: `{field}` (opened at line {}) is not closed before the entry at line {}",
                        self.lines.position(open).line,
                        self.lines.position(self.pos + 1).line
                    ))
                }
                _ => {}
            }
            self.pos += 1;
        }
        self.error(format!(
            "{fault}: `{field}` (opened at line {}) is not closed at the end of the file",
            self.lines.position(open).line
        ))
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || b"_-:.+/'!?*&;<>[]|^$~".contains(&b)
}

/// Offset of the next `@` that starts a line (after spaces), at or after `from`.
fn next_line_at(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let at = skip_blanks(bytes, i + 1);
            if bytes.get(at) == Some(&b'@') {
                return Some(at);
            }
        }
        i += 1;
    }
    None
}

/// True when the line after the newline at `newline` opens an entry (`@type{`): inside a
/// value that means the value's braces were never closed.
fn entry_follows(bytes: &[u8], newline: usize) -> bool {
    let mut i = skip_blanks(bytes, newline + 1);
    if bytes.get(i) != Some(&b'@') {
        return false;
    }
    i += 1;
    let name_start = i;
    while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
    }
    if i == name_start {
        return false;
    }
    i = skip_blanks(bytes, i);
    matches!(bytes.get(i), Some(b'{') | Some(b'('))
}

fn skip_blanks(bytes: &[u8], mut i: usize) -> usize {
    while bytes
        .get(i)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        i += 1;
    }
    i
}

/// Join a value's pieces, expanding macros. An undefined macro stays as its name, so the
/// value is kept rather than dropped.
pub(super) fn resolve_pieces(pieces: &[Piece], strings: &HashMap<String, String>) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Macro(name) => strings
                .get(name)
                .cloned()
                .or_else(|| month_macro(name).map(str::to_string))
                .unwrap_or_else(|| name.clone()),
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// BibTeX's predefined `jan`..`dec`.
fn month_macro(name: &str) -> Option<&'static str> {
    MONTHS
        .iter()
        .find(|month| month[..3].eq_ignore_ascii_case(name))
        .copied()
}
