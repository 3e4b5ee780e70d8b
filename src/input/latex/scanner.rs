//! The LaTeX body scanner: walks a [`Source`], decoding text into positioned paragraphs and
//! taking citations, headings, the title, `thebibliography` entries, bibliography names and
//! `\input` files from the commands.
//!
//! Braces are transparent (a group's text is text), so an unknown command simply vanishes and
//! the text it formats stays: `\emph{in vivo}` reads "in vivo". Commands that mean something to
//! the audit are in [`super::commands`]; accents and symbols are decoded by the BibTeX field
//! decoder, at the position of their backslash.

use std::path::PathBuf;

use super::commands::{self, CITE, HEADINGS, MULTICITE, SIDE_TEXT, SKIPPED_ENVIRONMENTS, TABULAR};
use super::source::Source;
use crate::input::bibtex::latex::{accent_mark, decode};
use crate::input::fields::fold as fold_whitespace;
use crate::input::text::{Block, TextFragment};
use crate::model::{Citation, InputProblem, InputProblemKind, Position};

/// A paragraph being read: decoded characters with their positions, and its citations.
#[derive(Default)]
pub struct Paragraph {
    chars: Vec<(char, Position)>,
    citations: Vec<Citation>,
}

impl Paragraph {
    fn text(&self) -> String {
        fold_whitespace(&self.chars.iter().map(|(c, _)| c).collect::<String>())
    }

    /// The paragraph as a block of fragments: a fragment is a run of characters at
    /// consecutive columns of one line. Whitespace is folded; a line break is left to the
    /// sentence splitter, which puts one space between lines.
    fn into_block(self, section: Option<String>) -> Block {
        let mut fragments: Vec<TextFragment> = Vec::new();
        let mut space: Option<Position> = None;
        for (c, position) in self.chars {
            if c.is_whitespace() {
                space = space.or(Some(position));
                continue;
            }
            let Some(last) = fragments.last_mut() else {
                space = None;
                fragments.push(fragment(c, position));
                continue;
            };
            let end = Position::new(last.line, last.column + last.text.chars().count());
            if let Some(at) = space.take().filter(|_| position.line == last.line) {
                if at == end {
                    last.text.push(' ');
                } else {
                    fragments.push(fragment(' ', at));
                }
            }
            match fragments.last_mut() {
                Some(last)
                    if last.line == position.line
                        && last.column + last.text.chars().count() == position.column =>
                {
                    last.text.push(c);
                }
                _ => fragments.push(fragment(c, position)),
            }
        }
        Block {
            section,
            fragments,
            citations: self.citations,
        }
    }

    fn is_empty(&self) -> bool {
        self.citations.is_empty() && self.chars.iter().all(|(c, _)| c.is_whitespace())
    }
}

fn fragment(c: char, position: Position) -> TextFragment {
    TextFragment {
        line: position.line,
        column: position.column,
        text: c.to_string(),
    }
}

/// What a bibliography item of `thebibliography` says, before it is parsed as a reference.
pub struct BibItem {
    pub key: String,
    pub label: Option<String>,
    pub text: String,
    pub position: Position,
    pub source: Option<PathBuf>,
}

/// Something the scanner asks its reader to do or record, in document order.
pub enum Event {
    /// A finished block; `anchor` is where it is reported when it comes from another file.
    Block(Block, Option<Position>),
    /// `\bibliography{a,b}` / `\addbibresource{a.bib}`.
    Bibliography {
        names: Vec<String>,
        position: Position,
        source: Option<PathBuf>,
    },
    BibItem(BibItem),
    /// `\nocite{keys}`: references that are listed without being cited.
    NoCite(Vec<String>),
}

/// The scanner's state across files (an `\input` file continues the document).
#[derive(Default)]
pub struct Scanner {
    pub events: Vec<Event>,
    pub title: Option<String>,
    section: Option<String>,
    open: Paragraph,
    /// Environments open, with the section to restore at their end (`abstract`).
    environments: Vec<(String, Option<Option<String>>)>,
    /// False in the preamble: commands are read but nothing is text.
    in_document: bool,
    /// `\end{document}` was seen: the rest of every file is ignored.
    ended: bool,
    /// Where blocks of an `\input` file are reported in the article.
    anchor: Option<Position>,
    /// The article's folder, where `\input` files are looked up.
    folder: PathBuf,
    /// The `\input` files being read, innermost last.
    including: Vec<PathBuf>,
    /// Every `\input` file read (`companions::portable`).
    pub read: Vec<PathBuf>,
    /// The import package's folders (relative to `folder`) that `\input` names inside an
    /// `\import`ed file resolve from, innermost last.
    import_bases: Vec<PathBuf>,
    pub problems: Vec<InputProblem>,
}

/// How deep `\input` files may nest.
const MAX_DEPTH: usize = 16;

impl Scanner {
    /// Scan all of `source`; an `\input` file is scanned where it is named, so the document
    /// (its sections, its environments) continues across files.
    pub fn scan(&mut self, source: &Source) {
        self.scan_range(source, 0, source.len());
    }

    /// A scanner for the article at `article` in `folder`; `in_document` is false while a
    /// preamble is to come.
    pub fn new(folder: PathBuf, article: PathBuf, in_document: bool) -> Self {
        Scanner {
            folder,
            // The article is being read: it cannot `\input` itself.
            including: vec![article],
            in_document,
            ..Scanner::default()
        }
    }

    /// Close the open paragraph, if it holds anything.
    pub fn close_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.open);
        if !paragraph.is_empty() {
            let block = paragraph.into_block(self.section.clone());
            self.events.push(Event::Block(block, self.anchor));
        }
    }

    fn scan_range(&mut self, s: &Source, from: usize, to: usize) {
        let mut i = from;
        while i < to && !self.ended {
            let Some(c) = s.at(i) else { break };
            i = match c {
                '\\' => self.command(s, i),
                '{' | '}' => i + 1,
                '$' => skip_math(s, i),
                '&' if self.in_table() => {
                    self.close_paragraph();
                    i + 1
                }
                '~' => self.emit_at(s, " ", i, i + 1),
                '\n' => self.line_break(s, i),
                '-' => self.dash(s, i),
                '`' if s.at(i + 1) == Some('`') => self.emit_at(s, "\u{201c}", i, i + 2),
                '\'' if s.at(i + 1) == Some('\'') => self.emit_at(s, "\u{201d}", i, i + 2),
                c => {
                    self.emit(c, s.position(i));
                    i + 1
                }
            };
        }
    }

    fn emit(&mut self, c: char, position: Position) {
        if self.in_document {
            self.open.chars.push((c, position));
        }
    }

    /// Emit `text`, decoded from the source characters `from..to`, at their positions.
    fn emit_at(&mut self, s: &Source, text: &str, from: usize, to: usize) -> usize {
        let last = to.saturating_sub(1).max(from);
        for (offset, c) in text.chars().enumerate() {
            self.emit(c, s.position((from + offset).min(last)));
        }
        to
    }

    /// A line break is a space; an empty line (only blanks) ends the paragraph.
    fn line_break(&mut self, s: &Source, i: usize) -> usize {
        let next = s.skip_blanks(i + 1);
        if s.at(next) == Some('\n') {
            self.close_paragraph();
            return s.skip_whitespace(next);
        }
        self.emit(' ', s.position(i));
        i + 1
    }

    /// `--` is an en dash and `---` an em dash.
    fn dash(&mut self, s: &Source, i: usize) -> usize {
        match (s.at(i + 1), s.at(i + 2)) {
            (Some('-'), Some('-')) => self.emit_at(s, "\u{2014}", i, i + 3),
            (Some('-'), _) => self.emit_at(s, "\u{2013}", i, i + 2),
            _ => self.emit_at(s, "-", i, i + 1),
        }
    }

    fn in_table(&self) -> bool {
        self.environments
            .last()
            .is_some_and(|(name, _)| TABULAR.contains(&name.as_str()))
    }

    /// A control sequence at `i`; returns the index after it (and whatever it consumed).
    fn command(&mut self, s: &Source, i: usize) -> usize {
        let Some(next) = s.at(i + 1) else {
            return i + 1;
        };
        if !next.is_ascii_alphabetic() {
            return self.control_symbol(s, i, next);
        }
        let (name, after) = s.control_word(i);
        let name = name.as_str();
        if commands::is(CITE, name) || commands::is(MULTICITE, name) {
            return self.cite(s, i, after, commands::is(MULTICITE, name));
        }
        if commands::is(HEADINGS, name) {
            return self.heading(s, after);
        }
        if commands::is(SIDE_TEXT, name) {
            return self.side_text(s, after);
        }
        match name {
            "begin" => return self.begin(s, after),
            "end" => return self.end(s, after),
            "item" => self.close_paragraph(),
            "par" => {
                self.close_paragraph();
                return after;
            }
            "title" => return self.title(s, after),
            "input" | "include" | "subfile" => return self.include(s, i, after, None),
            // The import package: `\import{dir/}{file}`, and `\subimport{dir/}{file}` relative
            // to the file that holds it.
            "import" | "inputfrom" | "includefrom" => {
                return self.include(s, i, after, Some(false))
            }
            "subimport" | "subinputfrom" | "subincludefrom" => {
                return self.include(s, i, after, Some(true))
            }
            "bibliography" | "addbibresource" | "addglobalbib" => {
                return self.bibliography(s, i, after)
            }
            "nocite" => return self.nocite(s, after),
            "verb" => return skip_verb(s, after),
            _ => {}
        }
        if let Some(shape) = commands::not_text_shape(name) {
            return skip_arguments(s, after, shape);
        }
        let after = s.skip_blanks(after);
        if accent_mark(name).is_some() {
            let end = argument_end(s, after);
            let decoded = decode(&s.text(i, end));
            return self.emit_at(s, &decoded, i, end);
        }
        // A symbol (`\ldots`, `\alpha`) decodes to its text; formatting (`\emph`) to nothing,
        // and the group it formats is read as text.
        let decoded = decode(&s.text(i, after));
        self.emit_at(s, &decoded, i, after.max(i + 1))
    }

    fn control_symbol(&mut self, s: &Source, i: usize, symbol: char) -> usize {
        match symbol {
            '[' => return skip_to(s, i + 2, "\\]"),
            '(' => return skip_to(s, i + 2, "\\)"),
            '\\' if self.in_table() => {
                self.close_paragraph();
                return skip_optional(s, i + 2);
            }
            '\\' => {
                self.emit(' ', s.position(i));
                return skip_optional(s, i + 2);
            }
            ',' | ';' | ':' | ' ' | '\n' | '\t' => return self.emit_at(s, " ", i, i + 2),
            _ => {}
        }
        let end = if accent_mark(&symbol.to_string()).is_some() {
            argument_end(s, i + 2)
        } else {
            i + 2
        };
        let decoded = decode(&s.text(i, end));
        self.emit_at(s, &decoded, i, end)
    }

    /// `\cite*[pre][post]{a,b}`: one citation per key, at the backslash. The text keeps the
    /// keys in brackets, "[a,b]", so the sentence shows what it cites.
    fn cite(&mut self, s: &Source, start: usize, after: usize, multi: bool) -> usize {
        let mut i = after;
        if s.at(i) == Some('*') {
            i += 1;
        }
        let mut groups: Vec<(usize, usize)> = Vec::new();
        loop {
            let next = s.skip_whitespace(i);
            match s.at(next) {
                Some('(') if multi && groups.is_empty() => i = skip_parenthesised(s, next),
                Some('[') => i = s.closing(next) + 1,
                Some('{') => {
                    let close = s.closing(next);
                    groups.push((next, close));
                    i = close + 1;
                    if !multi {
                        break;
                    }
                }
                _ => break,
            }
        }
        let Some(&(_, last_close)) = groups.last() else {
            return i;
        };
        let position = s.position(start);
        let marker = fold_whitespace(&s.text(start, i));
        self.emit('[', position);
        for (index, &(open, close)) in groups.iter().enumerate() {
            if index > 0 {
                self.emit(',', s.position(open));
            }
            for k in open + 1..close {
                if let Some(c) = s.at(k) {
                    self.emit(c, s.position(k));
                }
            }
            for key in s.text(open + 1, close).split(',') {
                let key = key.trim();
                if !key.is_empty() && self.in_document {
                    self.open
                        .citations
                        .push(Citation::new(marker.as_str(), key, position));
                }
            }
        }
        self.emit(']', s.position(last_close));
        i
    }

    /// `\section*[short]{Heading}`: ends the paragraph and names the section.
    fn heading(&mut self, s: &Source, after: usize) -> usize {
        self.close_paragraph();
        let (text, end) = self.argument_text(s, after);
        if self.in_document {
            self.section = Some(text).filter(|t| !t.is_empty());
        }
        end
    }

    fn title(&mut self, s: &Source, after: usize) -> usize {
        let (text, end) = self.argument_text(s, after);
        if !text.is_empty() {
            self.title.get_or_insert(text);
        }
        end
    }

    /// The decoded text of the command's mandatory argument (after a star and options), read
    /// aside from the open paragraph; citations in it are dropped.
    fn argument_text(&mut self, s: &Source, after: usize) -> (String, usize) {
        let Some((open, close)) = mandatory(s, after) else {
            return (String::new(), after);
        };
        let saved = std::mem::take(&mut self.open);
        let in_document = std::mem::replace(&mut self.in_document, true);
        self.scan_range(s, open + 1, close);
        self.in_document = in_document;
        let text = std::mem::replace(&mut self.open, saved).text();
        (text, close + 1)
    }

    /// `\footnote{...}`, `\caption{...}`: a block of its own, read aside from the paragraph
    /// around it.
    fn side_text(&mut self, s: &Source, after: usize) -> usize {
        let Some((open, close)) = mandatory(s, after) else {
            return after;
        };
        let saved = std::mem::take(&mut self.open);
        self.scan_range(s, open + 1, close);
        self.close_paragraph();
        self.open = saved;
        close + 1
    }

    fn begin(&mut self, s: &Source, after: usize) -> usize {
        let Some((name, mut i)) = s.braced_name(after) else {
            return after;
        };
        if name == "document" {
            self.in_document = true;
            return i;
        }
        if SKIPPED_ENVIRONMENTS.contains(&name.as_str()) {
            return skip_to(s, i, &format!("\\end{{{name}}}"));
        }
        if name == "thebibliography" {
            return self.bibliography_items(s, i);
        }
        self.close_paragraph();
        i = skip_optional(s, i);
        for _ in 0..commands::environment_arguments(&name) {
            i = argument_end(s, s.skip_whitespace(i));
        }
        let restore = (name == "abstract").then(|| self.section.replace("Abstract".into()));
        self.environments.push((name, restore));
        i
    }

    fn end(&mut self, s: &Source, after: usize) -> usize {
        let Some((name, i)) = s.braced_name(after) else {
            return after;
        };
        if name == "document" {
            self.close_paragraph();
            self.ended = true;
            return s.len();
        }
        self.close_paragraph();
        if let Some(at) = self.environments.iter().rposition(|(n, _)| *n == name) {
            for (_, restore) in self.environments.drain(at..).rev() {
                if let Some(section) = restore {
                    self.section = section;
                }
            }
        }
        i
    }

    /// The entries of `thebibliography`, from `i` to its `\end`.
    fn bibliography_items(&mut self, s: &Source, i: usize) -> usize {
        self.close_paragraph();
        let end = s.find("\\end{thebibliography}", i).unwrap_or(s.len());
        let mut at = s.find("\\bibitem", i).filter(|&b| b < end);
        while let Some(start) = at {
            let mut k = start + "\\bibitem".len();
            let label = match s.at(s.skip_whitespace(k)) {
                Some('[') => {
                    let open = s.skip_whitespace(k);
                    let close = s.closing(open);
                    k = close + 1;
                    Some(decode(&s.text(open + 1, close)))
                }
                _ => None,
            };
            let (key, body) = match mandatory(s, k) {
                Some((open, close)) => (s.text(open + 1, close).trim().to_string(), close + 1),
                None => (String::new(), k),
            };
            let next = s.find("\\bibitem", body).filter(|&b| b < end);
            let text = s.text(body, next.unwrap_or(end)).replace("\\newblock", " ");
            self.events.push(Event::BibItem(BibItem {
                key,
                label,
                text: decode(&text),
                position: s.position(start),
                source: s.path.clone(),
            }));
            at = next;
        }
        skip_to(s, end, "\\end{thebibliography}")
    }

    /// `\input{name}`: the named file is read here, in document order; its blocks are
    /// reported at the `\input` (the outermost one, for nested files). A file that is not
    /// there, or that includes itself, is a problem, and reading goes on.
    ///
    /// `folder_first` is set for the import package's commands, whose first argument is a
    /// folder (`Some(true)`: relative to the current import folder, as `\subimport` is).
    fn include(
        &mut self,
        s: &Source,
        start: usize,
        after: usize,
        folder_first: Option<bool>,
    ) -> usize {
        let Some((mut open, mut close)) = mandatory(s, after) else {
            return after;
        };
        // `\input` names resolve from the innermost `\import` folder; `\import{dir/}` names
        // a folder from the article's, `\subimport{dir/}` one from the current folder.
        let current = self.import_bases.last().cloned().unwrap_or_default();
        let base = match folder_first {
            None => current,
            Some(relative) => {
                let dir = PathBuf::from(s.text(open + 1, close).trim());
                let Some(file) = mandatory(s, close + 1) else {
                    return close + 1;
                };
                (open, close) = file;
                if relative {
                    current.join(dir)
                } else {
                    dir
                }
            }
        };
        self.close_paragraph();
        let file = s.text(open + 1, close).trim().to_string();
        let name = base.join(&file).to_string_lossy().into_owned();
        let position = s.position(start);
        let problem = |message: String| InputProblem {
            kind: InputProblemKind::PartlyRead,
            position,
            message,
            reference: None,
            source: s.path.clone(),
        };
        match super::load_included(&self.folder, &name) {
            Err(message) => self.problems.push(problem(message)),
            Ok((path, _)) if self.including.contains(&path) || self.including.len() > MAX_DEPTH => {
                self.problems.push(problem(format!(
                    "`{name}` includes itself (or nests too deep); it is read once"
                )));
            }
            Ok((path, text)) => {
                self.read.push(crate::input::companions::portable(&path));
                let included = Source::new(&text, Some(path.clone()));
                let outer = self.anchor;
                self.anchor = outer.or(Some(position));
                self.including.push(path);
                self.import_bases.push(base);
                self.scan(&included);
                self.close_paragraph();
                self.import_bases.pop();
                self.including.pop();
                self.anchor = outer;
            }
        }
        close + 1
    }

    fn bibliography(&mut self, s: &Source, start: usize, after: usize) -> usize {
        let Some((open, close)) = mandatory(s, after) else {
            return after;
        };
        let names = s
            .text(open + 1, close)
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        self.events.push(Event::Bibliography {
            names,
            position: s.position(start),
            source: s.path.clone(),
        });
        close + 1
    }

    fn nocite(&mut self, s: &Source, after: usize) -> usize {
        let Some((open, close)) = mandatory(s, after) else {
            return after;
        };
        let keys = s
            .text(open + 1, close)
            .split(',')
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        self.events.push(Event::NoCite(keys));
        close + 1
    }
}

/// The braces of the mandatory argument after a star and options, if there is one.
fn mandatory(s: &Source, after: usize) -> Option<(usize, usize)> {
    let mut i = s.skip_whitespace(after);
    if s.at(i) == Some('*') {
        i = s.skip_whitespace(i + 1);
    }
    while s.at(i) == Some('[') {
        i = s.skip_whitespace(s.closing(i) + 1);
    }
    (s.at(i) == Some('{')).then(|| (i, s.closing(i)))
}

/// The index after one argument at `i`: a group, a control sequence or one character.
fn argument_end(s: &Source, i: usize) -> usize {
    match s.at(i) {
        Some('{') => s.closing(i) + 1,
        Some('\\') => {
            let (name, after) = s.control_word(i);
            if name.is_empty() {
                i + 2
            } else {
                after
            }
        }
        Some(_) => i + 1,
        None => i,
    }
}

/// Skip `[...]` when it follows at `i` (blanks allowed, not a line break).
fn skip_optional(s: &Source, i: usize) -> usize {
    let next = s.skip_blanks(i);
    if s.at(next) == Some('[') {
        s.closing(next) + 1
    } else {
        i
    }
}

/// Skip arguments of `shape` (see [`commands::NOT_TEXT`]).
pub(crate) fn skip_arguments(s: &Source, after: usize, shape: &str) -> usize {
    let mut i = after;
    for kind in shape.chars() {
        let next = s.skip_whitespace(i);
        i = match (kind, s.at(next)) {
            ('*', Some('*')) => next + 1,
            ('o', Some('[')) => s.closing(next) + 1,
            ('m', Some(_)) => argument_end(s, next),
            _ => i,
        };
    }
    i
}

fn skip_parenthesised(s: &Source, open: usize) -> usize {
    let mut i = open;
    while let Some(c) = s.at(i) {
        i += 1;
        if c == ')' {
            break;
        }
    }
    i
}

/// The index after `needle` at or after `from`; the end when it never comes.
pub(crate) fn skip_to(s: &Source, from: usize, needle: &str) -> usize {
    s.find(needle, from)
        .map_or(s.len(), |at| at + needle.chars().count())
}

/// Inline `$...$` or display `$$...$$` math: not sentence text.
fn skip_math(s: &Source, i: usize) -> usize {
    let display = s.at(i + 1) == Some('$');
    let delimiter = if display { "$$" } else { "$" };
    let mut k = i + delimiter.len();
    while let Some(c) = s.at(k) {
        match c {
            '\\' => k += 2,
            '$' if !display || s.at(k + 1) == Some('$') => return k + delimiter.len(),
            _ => k += 1,
        }
    }
    s.len()
}

/// `\verb|text|` (or `\verb*`): skip to the closing delimiter.
pub(crate) fn skip_verb(s: &Source, after: usize) -> usize {
    let mut i = after;
    if s.at(i) == Some('*') {
        i += 1;
    }
    let Some(delimiter) = s.at(i) else {
        return i;
    };
    let mut k = i + 1;
    while let Some(c) = s.at(k) {
        k += 1;
        if c == delimiter || c == '\n' {
            break;
        }
    }
    k
}
