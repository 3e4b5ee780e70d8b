//! Reading: bytes from a file into an [`Article`]. One module per format; this one decodes,
//! picks the format, attaches sidecar bibliographies, and turns unreadable input into problems
//! the checks report (CG002), so one bad file never stops the batch.

pub mod bibtex;
pub mod citations;
pub mod csljson;
pub mod csv_refs;
pub mod decode;
pub mod fields;
pub mod format;
pub mod furniture;
pub mod medline;
pub mod plaintext;
pub mod pubmed_xml;
pub mod references;
pub mod refstring;
pub mod ris;
pub mod sentences;
pub mod sidecar;

use std::path::{Path, PathBuf};

pub use format::Format;

use crate::model::{Article, InputProblem, InputProblemKind, Position, Reference};

/// What a bibliography reader yields: the references in input order, and what it could not
/// read (each problem with its line), so that nothing is silently dropped.
#[derive(Debug, Default)]
pub struct Parsed {
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
}

/// How to take a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReadMode {
    /// An article (with text), or a bibliography found on its own.
    #[default]
    Article,
    /// A bare reference list (`citegrade grade`): a `.txt` holds free-text references.
    Bibliography,
}

/// The format a path's extension announces, if citegrade reads it.
pub fn format_of(path: &Path) -> Option<Format> {
    format::by_extension(path)
}

/// Read the file at `path`. Never fails: problems are recorded on the article.
pub fn read_article(path: &Path, id: String, mode: ReadMode) -> Article {
    let mut article = match std::fs::read(path) {
        Ok(bytes) => read_bytes(&bytes, path, id, mode),
        Err(e) => {
            let mut article = empty_article(path, id);
            article
                .problems
                .push(unreadable(0, format!("cannot read: {e}")));
            return article;
        }
    };
    if !article.is_bibliography && mode == ReadMode::Article {
        sidecar::attach(&mut article);
    }
    article
}

/// Read an article from bytes already loaded; `path` helps decide the format.
pub fn read_bytes(bytes: &[u8], path: &Path, id: String, mode: ReadMode) -> Article {
    let mut article = empty_article(path, id);
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(not_text) => {
            article
                .problems
                .push(unreadable(not_text.line, not_text.cause));
            return article;
        }
    };
    if let Some(guess) = decoded.guess {
        article.problems.push(fields::problem(
            InputProblemKind::Guessed,
            Position::default(),
            guess,
            None,
        ));
    }
    let format = match format::detect(path, &decoded.text) {
        Ok(format) => format,
        Err(cause) => {
            article.problems.push(unreadable(0, cause));
            return article;
        }
    };
    match (format, mode) {
        (Format::PlainText, ReadMode::Article) => plaintext::read(&decoded.text, &mut article),
        (Format::PlainText, ReadMode::Bibliography) => fill_bibliography(
            &mut article,
            refstring::parse_list(&decoded.text),
            &decoded.text,
        ),
        (format, _) => {
            let parsed = parse_bibliography(format, &decoded.text);
            fill_bibliography(&mut article, parsed, &decoded.text);
        }
    }
    article
}

/// Parse a bibliography of a known format.
pub fn parse_bibliography(format: Format, text: &str) -> Parsed {
    match format {
        Format::BibTeX => bibtex::parse(text),
        Format::Ris => ris::parse(text),
        Format::Medline => medline::parse(text),
        Format::PubmedXml => pubmed_xml::parse(text),
        Format::CslJson => csljson::parse(text),
        Format::Csv => csv_refs::parse(text),
        Format::PlainText => refstring::parse_list(text),
    }
}

fn fill_bibliography(article: &mut Article, parsed: Parsed, text: &str) {
    article.is_bibliography = true;
    article.lines = text.lines().map(str::to_string).collect();
    article.references = parsed.references;
    article.problems.extend(parsed.problems);
}

fn empty_article(path: &Path, id: String) -> Article {
    Article {
        id,
        path: PathBuf::from(path),
        ..Article::default()
    }
}

/// A file that cannot be read at all points at no column; one that fails at a line, at its start.
fn unreadable(line: usize, message: String) -> InputProblem {
    let column = usize::from(line != 0);
    fields::unreadable(Position::new(line, column), message)
}
