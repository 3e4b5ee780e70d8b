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
use crate::model::{Article, InputProblem, InputProblemKind, Position};

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
        let path = folder.join(named);
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
        let (mut references, problems) = read(&path);
        let known: HashSet<String> = article.references.iter().map(|r| r.key.clone()).collect();
        references.retain(|r| !known.contains(&r.key));
        article.references.extend(references);
        article.problems.extend(problems);
    }
}

/// Read one bibliography file: its references (with `source` set) and its problems.
pub fn read(path: &Path) -> (Vec<crate::model::Reference>, Vec<InputProblem>) {
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
            return (
                Vec::new(),
                vec![problem(format!("cannot read sidecar bibliography: {e}"))],
            )
        }
    };
    let decoded = match decode::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(not_text) => return (Vec::new(), vec![problem(not_text.cause)]),
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
        Ok(_) => return (Vec::new(), problems),
        Err(cause) => {
            problems.push(problem(cause));
            return (Vec::new(), problems);
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
    (parsed.references, problems)
}
