//! Reading: bytes from a file into an [`Article`]. One module per format; this one decodes,
//! picks the format, attaches sidecar bibliographies, and turns unreadable input into problems
//! the checks report (CG002), so one bad file never stops the batch.

pub mod author_year;
pub mod bibtex;
pub mod citations;
pub mod companions;
pub mod csljson;
pub mod csv_refs;
pub mod decode;
pub mod docx;
pub mod fields;
pub mod format;
pub mod front_matter;
pub mod furniture;
pub mod html;
pub mod jats;
pub mod latex;
pub mod markdown;
pub mod medline;
pub mod plaintext;
pub mod pubmed_xml;
pub mod references;
pub mod refstring;
pub mod ris;
pub mod sentences;
pub mod sidecar;
pub mod text;
pub mod xml_tree;

use std::path::{Path, PathBuf};

pub use format::Format;

use crate::model::{Article, InputProblem, InputProblemKind, Position, Reference};
use crate::suppress;

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
    // A LaTeX article uses only the bibliographies it names, which its reader attaches.
    if !article.is_bibliography
        && mode == ReadMode::Article
        && format_of(path) != Some(Format::Latex)
    {
        sidecar::attach(&mut article);
    }
    article
}

/// Read an article from bytes already loaded; `path` helps decide the format.
pub fn read_bytes(bytes: &[u8], path: &Path, id: String, mode: ReadMode) -> Article {
    let mut article = empty_article(path, id);
    if format::by_extension(path) == Some(Format::Docx) {
        // A zip archive: binary, so it is never decoded as text.
        docx::read(bytes, &mut article);
        article.is_bibliography = mode == ReadMode::Bibliography;
        return article;
    }
    let (text, format) = match open(bytes, path, &mut article.problems) {
        Some(opened) => opened,
        None => return article,
    };
    article.suppressions = suppress::parse(format, &text, None);
    // The reader never sees a plain-text directive; the source lines keep it, for quoting.
    if let Some(masked) = suppress::mask(format, &text) {
        read_text(
            &masked.text,
            format,
            mode,
            &masked.directive_lines,
            &mut article,
        );
        article.lines = text.lines().map(str::to_string).collect();
    } else {
        read_text(&text, format, mode, &[], &mut article);
    }
    article
}

/// Decode a file's bytes and detect its format: the first steps of reading an article or a
/// sidecar bibliography. A guessed encoding is a warning added to `problems`; bytes that are
/// not text, or text that is not the format the name says, are an error added there, and
/// nothing is returned.
pub(crate) fn open(
    bytes: &[u8],
    path: &Path,
    problems: &mut Vec<InputProblem>,
) -> Option<(String, Format)> {
    let decoded = match decode::decode(bytes) {
        Ok(decoded) => decoded,
        Err(not_text) => {
            problems.push(unreadable(not_text.line, not_text.cause));
            return None;
        }
    };
    if let Some(guess) = decoded.guess {
        problems.push(fields::problem(
            InputProblemKind::Guessed,
            Position::default(),
            guess,
            None,
        ));
    }
    match format::detect(path, &decoded.text) {
        Ok(format) => Some((decoded.text, format)),
        Err(cause) => {
            problems.push(unreadable(0, cause));
            None
        }
    }
}

/// Read decoded text of a known format into `article`; `directive_lines` (0-based) held only a
/// plain-text directive, now cut out, and are no part of the text flow.
fn read_text(
    text: &str,
    format: Format,
    mode: ReadMode,
    directive_lines: &[usize],
    article: &mut Article,
) {
    match (format, mode) {
        (Format::PlainText, ReadMode::Article) => plaintext::read(text, directive_lines, article),
        (Format::Jats, mode) => {
            jats::read(text, article);
            // `citegrade grade review.xml` grades the list: there is no text to cross-check.
            article.is_bibliography = mode == ReadMode::Bibliography;
        }
        (Format::Latex, mode) => {
            latex::read(text, article);
            article.is_bibliography = mode == ReadMode::Bibliography;
        }
        (Format::Html, mode) => {
            html::read(text, article);
            article.is_bibliography = mode == ReadMode::Bibliography;
        }
        (Format::Markdown, mode) => {
            markdown::read(text, article);
            // `citegrade grade review.md` grades the list: there is no text to cross-check.
            article.is_bibliography = mode == ReadMode::Bibliography;
        }
        (Format::PlainText, ReadMode::Bibliography) => {
            fill_bibliography(article, refstring::parse_list(text), text)
        }
        (format, _) => {
            let parsed = parse_bibliography(format, text);
            fill_bibliography(article, parsed, text);
        }
    }
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
        Format::Jats | Format::Html | Format::Latex => {
            let mut article = Article::default();
            read_article_format(format, text, &mut article);
            Parsed {
                references: article.references,
                problems: article.problems,
            }
        }
        Format::Docx => Parsed {
            references: Vec::new(),
            problems: vec![unreadable(
                0,
                "a Word document is a zip archive, not text: it is read from its bytes".into(),
            )],
        },
        Format::Markdown => markdown::parse_references(text),
    }
}

/// Read an article format (one that holds its own reference list) into `article`.
fn read_article_format(format: Format, text: &str, article: &mut Article) {
    match format {
        Format::Html => html::read(text, article),
        Format::Latex => latex::read(text, article),
        _ => jats::read(text, article),
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
pub(crate) fn unreadable(line: usize, message: String) -> InputProblem {
    let column = usize::from(line != 0);
    fields::unreadable(Position::new(line, column), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of every bibliography syntax, so random inputs reach deep into each reader.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("@article{k,\n".to_string()),
            Just("title = {A {B} \\\"u},\n".to_string()),
            Just("}\n".to_string()),
            Just("@string{j = \"J\"}\n".to_string()),
            Just("TY  - JOUR\n".to_string()),
            Just("ER  - \n".to_string()),
            Just("PMID- 123\n".to_string()),
            Just("      continued\n".to_string()),
            Just("AU  - Smith, J\n".to_string()),
            Just("DP  - 2014 Dec-2015 Jan\n".to_string()),
            Just("<PubmedArticle><MedlineCitation><PMID>1</PMID>".to_string()),
            Just("</PubmedArticle>".to_string()),
            Just("[{\"id\": \"a\", \"issued\": {\"date-parts\": [[".to_string()),
            Just("]]}}]".to_string()),
            Just("title,year,authors\n".to_string()),
            Just("\"T, t\",20x5,\"A; B\"\n".to_string()),
            Just("1. Smith AB, Jones C. Title. J. 2015;3(2):1-9. doi:10.1/x\n".to_string()),
            Just("\r\n".to_string()),
            Just("# References\n\n1. ".to_string()),
            Just("pain^1^ <sup>2,4-6</sup> [1\u{2013}3] [-@k; @l, p. 4] ".to_string()),
            Just("(M\u{fc}ller et al., 2019a; Lee 2015) Smith and colleagues (2015) ".to_string()),
            Just("```\n".to_string()),
            Just("---\ntitle: [\n".to_string()),
            "\\PC{0,16}",
            any::<String>(),
        ]
    }

    const FORMATS: [Format; 8] = [
        Format::BibTeX,
        Format::Ris,
        Format::Medline,
        Format::PubmedXml,
        Format::CslJson,
        Format::Csv,
        Format::PlainText,
        Format::Markdown,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn no_input_makes_a_reference_parser_panic(
            pieces in proptest::collection::vec(fragment(), 0..30)
        ) {
            let text = pieces.concat();
            for format in FORMATS {
                let parsed = parse_bibliography(format, &text);
                for problem in &parsed.problems {
                    prop_assert!(!problem.message.is_empty());
                }
            }
            let _ = refstring::parse("1", &text);
        }
    }
}
