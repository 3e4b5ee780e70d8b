//! A LaTeX file as TeX sees it: comments gone, every remaining character with its line and
//! column, and the small matching helpers (braces, brackets, `\end{...}`) the scanner needs.
//!
//! A `%` (not `\%`) comments out the rest of its line *and the line break*, as in TeX, so a
//! line holding only a comment does not end a paragraph.

use std::path::PathBuf;

use crate::model::Position;

/// The characters of one file, comments removed, each with its source position.
pub struct Source {
    /// The file, when it is not the article itself (an `\input` file).
    pub path: Option<PathBuf>,
    pub chars: Vec<char>,
    pub positions: Vec<Position>,
}

impl Source {
    pub fn new(text: &str, path: Option<PathBuf>) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut positions = Vec::with_capacity(text.len());
        for (index, line) in text.split('\n').enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let kept: Vec<char> = line.chars().collect();
            let cut = comment_start(&kept);
            for (column, &c) in kept[..cut].iter().enumerate() {
                chars.push(c);
                positions.push(Position::new(index + 1, column + 1));
            }
            if cut == kept.len() {
                chars.push('\n');
                positions.push(Position::new(index + 1, kept.len() + 1));
            }
        }
        Source {
            path,
            chars,
            positions,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The position of character `i` (the last character's when `i` is past the end).
    pub fn position(&self, i: usize) -> Position {
        self.positions
            .get(i)
            .or(self.positions.last())
            .copied()
            .unwrap_or_default()
    }

    pub fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from..to.min(self.len()))
            .map_or_else(String::new, |s| s.iter().collect())
    }

    /// The first index at or after `i` that is not a space or tab (line breaks stay).
    pub fn skip_blanks(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t')) {
            i += 1;
        }
        i
    }

    /// The first index at or after `i` that is not whitespace of any kind.
    pub fn skip_whitespace(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    /// The index of the character closing the group opened at `open` (`{`/`}` or `[`/`]`),
    /// skipping escaped characters and, for brackets, braced groups; the end when unclosed.
    pub fn closing(&self, open: usize) -> usize {
        let (opener, closer) = match self.at(open) {
            Some('[') => ('[', ']'),
            _ => ('{', '}'),
        };
        let mut depth = 0usize;
        let mut braces = 0usize;
        let mut i = open;
        while let Some(c) = self.at(i) {
            match c {
                '\\' => i += 1,
                '{' if opener == '[' => braces += 1,
                '}' if opener == '[' => braces = braces.saturating_sub(1),
                c if c == opener && braces == 0 => depth += 1,
                c if c == closer && braces == 0 => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        self.len()
    }

    /// The control word starting at the backslash `i`: its name and the index after it.
    pub fn control_word(&self, i: usize) -> (String, usize) {
        let mut end = i + 1;
        while self.at(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            end += 1;
        }
        (self.text(i + 1, end), end)
    }

    /// The index of `needle` (such as `\end{verbatim}`) at or after `from`.
    pub fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let needle: Vec<char> = needle.chars().collect();
        let last = self.len().checked_sub(needle.len())?;
        (from..=last).find(|&i| self.chars[i..i + needle.len()] == needle[..])
    }

    /// The environment name of `\begin{name}` / `\end{name}` whose `{` is at `open`, and the
    /// index after its `}`.
    pub fn braced_name(&self, open: usize) -> Option<(String, usize)> {
        let open = self.skip_blanks(open);
        if self.at(open) != Some('{') {
            return None;
        }
        let close = self.closing(open);
        Some((self.text(open + 1, close).trim().to_string(), close + 1))
    }
}

/// Where a comment starts in `line` (its length when there is none): the first `%` that no
/// backslash escapes (`\\%` is a line break followed by a comment).
fn comment_start(line: &[char]) -> usize {
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            '\\' => i += 2,
            '%' => return i,
            _ => i += 1,
        }
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_with_their_line_break() {
        let s = Source::new("a 50\\% b % gone \\cite{x}\nc\\\\%x\nd\n", None);
        assert_eq!(s.text(0, s.len()), "a 50\\% b c\\\\d\n\n");
        assert_eq!(s.position(9), Position::new(2, 1));
        assert_eq!(s.position(13), Position::new(3, 2));
    }

    #[test]
    fn groups_close_past_escapes_and_nesting() {
        let s = Source::new("{a\\}{b}}[x{]}]", None);
        assert_eq!(s.closing(0), 7);
        assert_eq!(s.closing(8), 13);
        assert_eq!(Source::new("{open", None).closing(0), 6);
        assert_eq!(s.find("[x", 0), Some(8));
    }
}
