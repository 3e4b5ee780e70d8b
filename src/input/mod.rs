//! Reading: bytes from a file into an [`Article`]. One module per format; this one picks the
//! format and turns unreadable input into problems the checks report (CG002), so one bad file
//! never stops the batch.

pub mod bibtex;
pub mod citations;
pub mod decode;
pub mod furniture;
pub mod plaintext;
pub mod references;
pub mod refstring;
pub mod sentences;

use std::path::{Path, PathBuf};

use crate::model::{Article, InputProblem, InputProblemKind, Position, Reference};

/// What a bibliography reader yields: the references in input order, and what it could not
/// read (each problem with its line), so that nothing is silently dropped.
#[derive(Debug, Default)]
pub struct Parsed {
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
}

/// Article formats citegrade reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    PlainText,
}

/// File extensions audited when a directory is walked, with their format.
pub const ARTICLE_EXTENSIONS: &[(&str, Format)] =
    &[("txt", Format::PlainText), ("text", Format::PlainText)];

/// The format a path's extension announces, if citegrade reads it.
pub fn format_of(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    ARTICLE_EXTENSIONS
        .iter()
        .find(|(ext, _)| *ext == extension)
        .map(|(_, format)| *format)
}

/// Read the article at `path`. Never fails: problems are recorded on the article.
pub fn read_article(path: &Path, id: String) -> Article {
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&bytes, path, id),
        Err(e) => {
            let mut article = Article {
                id,
                path: PathBuf::from(path),
                ..Article::default()
            };
            article
                .problems
                .push(unreadable(0, format!("cannot read: {e}")));
            article
        }
    }
}

/// Read an article from bytes already loaded; `path` decides the format.
pub fn read_bytes(bytes: &[u8], path: &Path, id: String) -> Article {
    let mut article = Article {
        id,
        path: PathBuf::from(path),
        ..Article::default()
    };
    match decode::decode(bytes) {
        Err(not_text) => article
            .problems
            .push(unreadable(not_text.line, not_text.cause)),
        Ok(decoded) => {
            if let Some(guess) = decoded.guess {
                article.problems.push(InputProblem {
                    kind: InputProblemKind::Guessed,
                    position: Position::default(),
                    message: guess,
                    reference: None,
                    source: None,
                });
            }
            // Only plain text so far; other formats plug in here.
            match format_of(path).unwrap_or(Format::PlainText) {
                Format::PlainText => plaintext::read(&decoded.text, &mut article),
            }
        }
    }
    article
}

fn unreadable(line: usize, message: String) -> InputProblem {
    InputProblem {
        kind: InputProblemKind::Unreadable,
        position: Position::new(line, if line == 0 { 0 } else { 1 }),
        message,
        reference: None,
        source: None,
    }
}
