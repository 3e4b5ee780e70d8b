//! The files an article reads as part of itself, besides a same-stem sidecar: a LaTeX
//! article's `\input`, `\include` and `\subfile` files and the `.bib` files its
//! `\bibliography{}` / `\addbibresource{}` name; a Markdown article's front-matter
//! `bibliography:`. Discovery reads them with their article and does not audit them alone: an
//! `\input` chapter on its own cites references it does not hold, and a shared `.bib` graded on
//! its own repeats every finding about its entries.
//!
//! This is a light scan made before any article is read, so it only looks for the names; the
//! readers (`latex.rs`, `sidecar.rs`) resolve them the same way and report the ones missing.

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::format::Format;
use super::{decode, front_matter};

/// `\input{a}`, `\include{a}`, `\subfile{a}`, `\bibliography{a,b}`, `\addbibresource[opts]{a.bib}`.
static LATEX_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\(input|include|subfile|bibliography|addbibresource|addglobalbib)\s*\*?\s*(?:\[[^\]]*\]\s*)*\{([^}]*)\}",
    )
    .expect("latex names pattern compiles")
});

/// The companion files `path` (an article in `format`) names, normalised lexically so that
/// they compare equal to the paths a directory walk finds. Unreadable files name none.
pub fn named_by(path: &Path, format: Format) -> Vec<PathBuf> {
    let folder = path.parent().unwrap_or(Path::new(""));
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let Ok(decoded) = decode::decode(&bytes) else {
        return Vec::new();
    };
    let names = match format {
        Format::Latex => latex_names(&decoded.text),
        Format::Markdown => front_matter::parse(&decoded.text)
            .ok()
            .flatten()
            .map(|front| front.bibliography)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    names
        .iter()
        .map(|name| normalise(&folder.join(name)))
        .collect()
}

/// The files a LaTeX source names, with the extension TeX and BibTeX add when none is given.
fn latex_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in text.lines() {
        let line = &line[..comment_start(line)];
        for found in LATEX_NAMES.captures_iter(line) {
            let extension = match &found[1] {
                "input" | "include" | "subfile" => "tex",
                "bibliography" => "bib",
                // biblatex names its resources with their extension.
                _ => "",
            };
            for name in found[2].split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let has_extension = Path::new(name).extension().is_some();
                names.push(if has_extension || extension.is_empty() {
                    name.to_string()
                } else {
                    format!("{name}.{extension}")
                });
            }
        }
    }
    names
}

/// Where a `%` that is not `\%` starts a comment, else the line's length.
fn comment_start(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .find(|&i| {
            bytes[i] == b'%'
                && bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0
        })
        .unwrap_or(bytes.len())
}

/// `a/./b/../c` as `a/c`, without asking the file system.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latex_names_take_the_extension_tex_and_bibtex_add() {
        let text = "\\input{sections/intro}\n\\include{ch2.tex} % \\input{commented}\n\
                    50\\% \\subfile{appendix}\n\\bibliography{refs, more}\n\
                    \\addbibresource[datatype=bibtex]{library.bib}\n";
        assert_eq!(
            latex_names(text),
            [
                "sections/intro.tex",
                "ch2.tex",
                "appendix.tex",
                "refs.bib",
                "more.bib",
                "library.bib"
            ]
        );
    }

    #[test]
    fn paths_are_normalised_lexically() {
        assert_eq!(
            normalise(Path::new("a/./b/../c.bib")),
            PathBuf::from("a/c.bib")
        );
        assert_eq!(normalise(Path::new("../x.bib")), PathBuf::from("../x.bib"));
    }

    #[test]
    fn companions_of_a_latex_and_a_markdown_article() {
        let dir = tempfile::tempdir().unwrap();
        let tex = dir.path().join("main.tex");
        std::fs::write(&tex, "\\input{intro}\n\\bibliography{../shared/refs}\n").unwrap();
        let md = dir.path().join("paper.md");
        std::fs::write(&md, "---\nbibliography: [a.bib, lib/b.json]\n---\nText.\n").unwrap();
        assert_eq!(
            named_by(&tex, Format::Latex),
            [
                dir.path().join("intro.tex"),
                normalise(&dir.path().join("../shared/refs.bib"))
            ]
        );
        assert_eq!(
            named_by(&md, Format::Markdown),
            [dir.path().join("a.bib"), dir.path().join("lib/b.json")]
        );
        assert!(named_by(&dir.path().join("missing.tex"), Format::Latex).is_empty());
    }
}
