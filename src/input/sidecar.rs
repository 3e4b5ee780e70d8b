//! Sidecar bibliographies: `review.txt` beside `review.bib` (or `.ris`, `.nbib`, `.json`,
//! `.csv`, `.xml`), as pandoc pairs a manuscript with its bibliography.
//!
//! The sidecar's references join the article's: all of them when the article has no list of
//! its own, otherwise those whose keys the article's list lacks. Findings about them point
//! into the sidecar file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::format::SIDECAR_EXTENSIONS;
use super::parse_bibliography;
use crate::model::{Article, InputProblem, InputProblemKind, Position, Reference};
use crate::suppress::{self, Directive};

/// The sidecar bibliographies of the article at `path`, in extension order.
pub fn find(path: &Path) -> Vec<PathBuf> {
    SIDECAR_EXTENSIONS
        .iter()
        .map(|ext| path.with_extension(ext))
        .filter(|candidate| candidate != path && candidate.is_file())
        .collect()
}

/// Read the article's sidecars and the bibliographies its front matter names, and add their
/// references to it.
pub fn attach(article: &mut Article) {
    let folder = article.path.parent().unwrap_or(Path::new(""));
    let mut paths: Vec<PathBuf> = Vec::new();
    for named in &article.bibliography_files {
        let path = super::companions::normalise(&folder.join(named));
        if path.is_file() {
            paths.push(path);
        } else {
            article.problems.push(InputProblem {
                kind: InputProblemKind::PartlyRead,
                position: Position::new(1, 1),
                message: format!(
                    "the bibliography `{named}` named in the front matter does not exist"
                ),
                reference: None,
                source: None,
            });
        }
    }
    for path in find(&article.path) {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    for path in paths {
        let mut sidecar = read(&path);
        article.read_files.push(super::companions::portable(&path));
        let known: HashSet<String> = article.references.iter().map(|r| r.key.clone()).collect();
        sidecar.retain_references(|r| !known.contains(&r.key));
        article.references.extend(sidecar.references);
        article.problems.extend(sidecar.problems);
        article.suppressions.extend(sidecar.suppressions);
    }
}

/// What one bibliography file yields: its references (with `source` set), its problems, and
/// its `citegrade: ignore` comments, which silence findings that point into it.
#[derive(Debug, Default)]
pub struct Sidecar {
    pub references: Vec<Reference>,
    pub problems: Vec<InputProblem>,
    pub suppressions: Vec<Directive>,
}

impl Sidecar {
    /// Keep the references the article takes. When some are left out, the file's directives
    /// are `partly_read`: one that silences nothing here may be meant for an entry that
    /// another article reads.
    pub fn retain_references(&mut self, keep: impl Fn(&Reference) -> bool) {
        let before = self.references.len();
        self.references.retain(keep);
        if self.references.len() < before {
            for directive in &mut self.suppressions {
                directive.partly_read = true;
            }
        }
    }
}

/// Read one bibliography file. Its problems, and the references it yields, name it as their
/// source, since findings about them point into it.
pub fn read(path: &Path) -> Sidecar {
    let mut sidecar = Sidecar::default();
    let opened = match std::fs::read(path) {
        Ok(bytes) => super::open(&bytes, path, &mut sidecar.problems),
        Err(e) => {
            sidecar.problems.push(super::unreadable(
                0,
                format!("cannot read sidecar bibliography: {e}"),
            ));
            None
        }
    };
    // A file that is no bibliography (a stray `.xml`) adds nothing to the article.
    if let Some((text, format)) = opened.filter(|(_, format)| format.is_bibliography()) {
        let parsed = parse_bibliography(format, &text);
        sidecar.references = parsed.references;
        sidecar.problems.extend(parsed.problems);
        sidecar.suppressions = suppress::parse(format, &text, Some(&path.to_path_buf()));
    }
    for reference in &mut sidecar.references {
        reference.source = Some(path.to_path_buf());
    }
    for problem in &mut sidecar.problems {
        problem.source = Some(path.to_path_buf());
    }
    sidecar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Format;

    fn sidecar() -> Sidecar {
        let path = PathBuf::from("library.bib");
        Sidecar {
            references: ["a", "b"]
                .map(|key| Reference {
                    key: key.into(),
                    ..Reference::default()
                })
                .into(),
            problems: Vec::new(),
            suppressions: suppress::parse(Format::BibTeX, "% citegrade: ignore", Some(&path)),
        }
    }

    #[test]
    fn leaving_entries_out_marks_the_directives_partly_read() {
        let mut all = sidecar();
        all.retain_references(|_| true);
        assert!(!all.suppressions[0].partly_read);
        let mut some = sidecar();
        some.retain_references(|r| r.key == "a");
        assert_eq!(some.references.len(), 1);
        assert!(some.suppressions[0].partly_read);
    }
}
