//! Which format a file is in: by extension first, by content where the extension says little
//! (`.txt`) or may mislead (an `.xml` that is not PubMed XML).

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

/// The formats citegrade reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A plain-text article (`.txt`).
    PlainText,
    /// A Markdown article (`.md`): CommonMark with pandoc's front matter and citations.
    Markdown,
    BibTeX,
    Ris,
    /// MEDLINE / PubMed `.nbib` text.
    Medline,
    /// PubMed efetch XML.
    PubmedXml,
    /// A JATS/NLM XML article.
    Jats,
    /// An HTML article (a CMS export, a saved web page).
    Html,
    CslJson,
    Csv,
    /// A LaTeX article (`.tex`).
    Latex,
    /// A Word document (`.docx`): a zip archive, read from its bytes, never decoded as text.
    Docx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::PlainText => "plain text",
            Format::Markdown => "Markdown",
            Format::BibTeX => "BibTeX",
            Format::Ris => "RIS",
            Format::Medline => "MEDLINE",
            Format::PubmedXml => "PubMed XML",
            Format::Jats => "JATS XML",
            Format::Html => "HTML",
            Format::CslJson => "CSL-JSON",
            Format::Csv => "CSV",
            Format::Latex => "LaTeX",
            Format::Docx => "Word (.docx)",
        }
    }

    /// True for reference-list formats (as opposed to articles with text).
    pub fn is_bibliography(self) -> bool {
        !matches!(
            self,
            Format::PlainText
                | Format::Jats
                | Format::Markdown
                | Format::Html
                | Format::Latex
                | Format::Docx
        )
    }
}

/// File extensions citegrade reads, with their format.
pub const EXTENSIONS: &[(&str, Format)] = &[
    ("txt", Format::PlainText),
    ("text", Format::PlainText),
    ("md", Format::Markdown),
    ("markdown", Format::Markdown),
    ("bib", Format::BibTeX),
    ("bibtex", Format::BibTeX),
    ("ris", Format::Ris),
    ("nbib", Format::Medline),
    ("medline", Format::Medline),
    ("xml", Format::PubmedXml),
    ("nxml", Format::Jats),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("json", Format::CslJson),
    ("csv", Format::Csv),
    ("tex", Format::Latex),
    ("latex", Format::Latex),
    ("docx", Format::Docx),
];

/// Extensions of bibliographies that can sit beside an article as its sidecar.
pub const SIDECAR_EXTENSIONS: &[&str] = &["bib", "bibtex", "ris", "nbib", "json", "csv", "xml"];

/// The format a path's extension announces, if citegrade reads it.
pub fn by_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(ext, _)| *ext == extension)
        .map(|(_, format)| *format)
}

static RIS_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^TY {1,2}- ?").expect("RIS sniff pattern"));
static MEDLINE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^(?:PMID|PMC )- ?\S").expect("MEDLINE sniff pattern"));
/// The root of a JATS/NLM article: `<article ...>` or its DOCTYPE.
static JATS_ROOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(?:!DOCTYPE\s+)?article[\s>]").expect("JATS sniff pattern"));
/// An HTML page: its DOCTYPE or its root element.
static HTML_ROOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<!DOCTYPE\s+html\b|<html[\s>]").expect("HTML sniff pattern"));
static BIBTEX_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*@[A-Za-z]+\s*[{(]").expect("BibTeX sniff pattern"));

/// The format the text looks like, judged from its first few kilobytes.
pub fn sniff(text: &str) -> Option<Format> {
    let head = head(text.trim_start_matches('\u{feff}').trim_start(), 8 * 1024);
    if head.starts_with('<') {
        if head.contains("<PubmedArticle") || head.contains("<PubmedBookArticle") {
            return Some(Format::PubmedXml);
        }
        // Before JATS: a web page may well hold an `<article>` element.
        if HTML_ROOT.is_match(head) {
            return Some(Format::Html);
        }
        return JATS_ROOT.is_match(head).then_some(Format::Jats);
    }
    if (head.starts_with('[') || head.starts_with('{'))
        && head[1..].trim_start().starts_with(['{', '"', ']'])
    {
        return Some(Format::CslJson);
    }
    if RIS_TAG.is_match(head) {
        return Some(Format::Ris);
    }
    if MEDLINE_TAG.is_match(head) {
        return Some(Format::Medline);
    }
    BIBTEX_ENTRY.is_match(head).then_some(Format::BibTeX)
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Decide the format of a file from its path and text. `Err` says why the file is not the
/// format its extension claims.
pub fn detect(path: &Path, text: &str) -> Result<Format, String> {
    match by_extension(path) {
        None | Some(Format::PlainText) => Ok(sniff(text).unwrap_or(Format::PlainText)),
        Some(Format::PubmedXml | Format::Jats) => match sniff(text) {
            Some(format @ (Format::PubmedXml | Format::Jats)) => Ok(format),
            _ => Err("an XML file that is neither a JATS article (<article>) nor PubMed XML (<PubmedArticleSet>)".into()),
        },
        Some(Format::CslJson) => match sniff(text) {
            Some(Format::CslJson) => Ok(Format::CslJson),
            _ => Err("a .json file that is not CSL-JSON (an array of items or one item)".into()),
        },
        Some(format) => Ok(format),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_tells_formats_apart() {
        assert_eq!(
            sniff("\u{feff}TY  - JOUR\nTI  - A\nER  - \n"),
            Some(Format::Ris)
        );
        assert_eq!(sniff("\nPMID- 123\nTI  - A\n"), Some(Format::Medline));
        assert_eq!(sniff("PMC - PMC1\nPMID- 1\n"), Some(Format::Medline));
        assert_eq!(
            sniff("% Encoding: x\n@article{a, title={T}}\n"),
            Some(Format::BibTeX)
        );
        assert_eq!(sniff("[\n  {\"id\": \"a\"}]"), Some(Format::CslJson));
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<PubmedArticleSet>"),
            Some(Format::PubmedXml)
        );
        assert_eq!(sniff("<html><body>"), Some(Format::Html));
        assert_eq!(
            sniff("<!doctype html>\n<body><article><p>x"),
            Some(Format::Html)
        );
        assert_eq!(
            sniff("<!-- saved page -->\n<HTML lang=en>"),
            Some(Format::Html)
        );
        assert_eq!(sniff("<article><body><p>x"), Some(Format::Jats));
        assert_eq!(sniff("What helps pain?\n\nText [1].\n"), None);
        assert_eq!(sniff("[1] Smith A. Title. J. 2001."), None);
    }

    #[test]
    fn extension_first_content_where_it_says_little() {
        let ris = "TY  - JOUR\nER  - \n";
        assert_eq!(detect(Path::new("export.txt"), ris), Ok(Format::Ris));
        assert_eq!(detect(Path::new("a.bib"), "@book{a,}"), Ok(Format::BibTeX));
        assert_eq!(
            detect(Path::new("a.xml"), "<!DOCTYPE article>\n<article>"),
            Ok(Format::Jats)
        );
        assert_eq!(
            detect(Path::new("a.txt"), "<article xmlns:x=\"y\">"),
            Ok(Format::Jats)
        );
        // Markdown is taken at its word: "@smith2015" in the text is a citation, not BibTeX.
        assert_eq!(
            detect(Path::new("Review.MD"), "@article{a,\n"),
            Ok(Format::Markdown)
        );
        assert_eq!(
            detect(Path::new("a.markdown"), "# T\n"),
            Ok(Format::Markdown)
        );
        assert!(!Format::Markdown.is_bibliography());
        assert!(detect(Path::new("a.xml"), "<html>")
            .unwrap_err()
            .contains("neither"));
        assert!(detect(Path::new("package.json"), "not json").is_err());
        assert_eq!(detect(Path::new("page.HTM"), "Text"), Ok(Format::Html));
        assert_eq!(
            detect(Path::new("export.txt"), "<!DOCTYPE html><p>x"),
            Ok(Format::Html)
        );
        assert_eq!(by_extension(Path::new("paper.TEX")), Some(Format::Latex));
        assert_eq!(by_extension(Path::new("paper.docx")), Some(Format::Docx));
        assert!(!Format::Docx.is_bibliography() && !Format::Latex.is_bibliography());
    }
}
