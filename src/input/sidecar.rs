//! Sidecar bibliographies: `review.txt` beside `review.bib` (or `.ris`, `.nbib`, `.json`,
//! `.csv`, `.xml`), as pandoc pairs a manuscript with its bibliography.
//!
//! The sidecar's references join the article's: all of them when the article has no list of
//! its own, otherwise those whose keys the article's list lacks. Findings about them point
//! into the sidecar file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::format::{self, SIDECAR_EXTENSIONS};
use super::{decode, parse_bibliography};
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

/// Read one bibliography file.
pub fn read(path: &Path) -> Sidecar {
    let problem = |message: String| InputProblem {
        kind: InputProblemKind::Unreadable,
        position: Position::default(),
        message,
        reference: None,
        source: Some(path.to_path_buf()),
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Sidecar {
                problems: vec![problem(format!("cannot read sidecar bibliography: {e}"))],
                ..Sidecar::default()
            }
        }
    };
    let decoded = match decode::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(not_text) => {
            return Sidecar {
                problems: vec![problem(not_text.cause)],
                ..Sidecar::default()
            }
        }
    };
    let mut problems = Vec::new();
    if let Some(guess) = decoded.guess {
        problems.push(InputProblem {
            kind: InputProblemKind::Guessed,
            ..problem(guess)
        });
    }
    let format = match format::detect(path, &decoded.text) {
        Ok(format) if format.is_bibliography() => format,
        Ok(_) => {
            return Sidecar {
                problems,
                ..Sidecar::default()
            }
        }
        Err(cause) => {
            problems.push(problem(cause));
            return Sidecar {
                problems,
                ..Sidecar::default()
            };
        }
    };
    let mut parsed = parse_bibliography(format, &decoded.text);
    for reference in &mut parsed.references {
        reference.source = Some(path.to_path_buf());
    }
    for p in &mut parsed.problems {
        p.source = Some(path.to_path_buf());
    }
    problems.extend(parsed.problems);
    Sidecar {
        references: parsed.references,
        problems,
        suppressions: suppress::parse(format, &decoded.text, Some(&path.to_path_buf())),
    }
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
