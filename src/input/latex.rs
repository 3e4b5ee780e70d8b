//! LaTeX articles (`.tex`), as authors write them for journals and preprint servers.
//!
//! Text is what LaTeX would typeset as prose: the document body, section headings as
//! headings, `\title{}` as the title, captions and footnotes as blocks of their own; math,
//! labels, cross-references, figure options, code and comments (`%`, not `\%`) are not text.
//! Accents and symbols are decoded (`\'e` reads "é", `--` "–", `~` a space).
//!
//! Citations are the cite commands of plain LaTeX, natbib and biblatex ([`commands::CITE`]),
//! one per key, each at the line and column of its backslash; in the sentence text a command
//! reads as its keys in brackets, "[smith2015,lee2019]". The references are the entries of
//! `thebibliography` (`\bibitem[label]{key}`, the entry text parsed as a free-text reference)
//! and those of the `.bib` files that `\bibliography{}` / `\addbibresource{}` name, relative to
//! the article. From a `.bib` file only the entries the article cites (or `\nocite`s) are kept:
//! BibTeX prints no others, so the rest of a shared database is not "uncited".
//!
//! `\input{}` / `\include{}` files beside the article are read where they are named; their
//! sentences and citations are reported at the line of the `\input` in the article (findings
//! point into the article), their `\bibitem`s at their own place in the included file. A
//! named file that is not there is a CG002 warning at the `\input`.

pub(crate) mod commands;
pub(crate) mod scanner;
pub(crate) mod source;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::text::{self, Block, Markers};
use super::{decode, refstring, sidecar};
use crate::model::{Article, InputProblem, InputProblemKind, Position};
use scanner::{BibItem, Event, Scanner};
use source::Source;

/// Read a LaTeX article into `article` (whose `path` says where its `\input` files are).
pub fn read(text: &str, article: &mut Article) {
    article.lines = text.lines().map(str::to_string).collect();
    let source = Source::new(text, None);
    // Without `\begin{document}` the file is a body fragment: all of it is text.
    let fragment = source.find("\\begin{document}", 0).is_none();
    let mut scanner = Scanner::new(folder_of(article), article.path.clone(), fragment);
    scanner.scan(&source);
    scanner.close_paragraph();
    article.title = scanner.title.take();
    article.problems.append(&mut scanner.problems);
    article.read_files.append(&mut scanner.read);

    let mut bibliographies: Vec<(String, Position, Option<PathBuf>)> = Vec::new();
    let mut nocite: HashSet<String> = HashSet::new();
    let mut run: Vec<Block> = Vec::new();
    let mut run_anchor: Option<Position> = None;
    for event in scanner.events {
        match event {
            Event::Block(block, anchor) => {
                if anchor != run_anchor {
                    add_run(article, std::mem::take(&mut run), run_anchor);
                    run_anchor = anchor;
                }
                run.push(block);
            }
            Event::BibItem(item) => push_item(article, item),
            Event::Bibliography {
                names,
                position,
                source,
            } => bibliographies.extend(
                names
                    .into_iter()
                    .map(|name| (name, position, source.clone())),
            ),
            Event::NoCite(keys) => nocite.extend(keys),
        }
    }
    add_run(article, run, run_anchor);
    attach_bibliographies(article, &bibliographies, &nocite);
}

fn folder_of(article: &Article) -> PathBuf {
    article
        .path
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf)
}

/// Add consecutive blocks of one file: the article's own, or an `\input` file's at `anchor`.
fn add_run(article: &mut Article, blocks: Vec<Block>, anchor: Option<Position>) {
    let markers = Markers::NONE;
    match anchor {
        None => text::add_blocks(article, blocks, markers),
        Some(anchor) => text::add_blocks_at(article, blocks, markers, anchor),
    }
}

/// A `\bibitem` as a reference; an entry with neither a title nor a year is reported.
fn push_item(article: &mut Article, item: BibItem) {
    let mut reference = refstring::parse(&item.key, &item.text);
    reference.source_label = item.label;
    reference.position = item.position;
    reference.source = item.source.clone();
    if reference.title.is_none() && reference.year.is_none() {
        article.problems.push(InputProblem {
            kind: InputProblemKind::UnparsedReference,
            position: item.position,
            message: format!(
                "\\bibitem {} yields neither a title nor a year: \"{}\"",
                item.key, reference.raw
            ),
            reference: Some(item.key),
            source: item.source,
        });
    }
    article.references.push(reference);
}

/// Read an `\input` file named `name` (`.tex` added when it has no extension), relative to
/// the article's folder.
pub(crate) fn load_included(folder: &Path, name: &str) -> Result<(PathBuf, String), String> {
    let named = super::companions::normalise(&folder.join(name));
    let candidates = [named.with_extension("tex"), named.clone()];
    let tex = if Path::new(name).extension().is_some() {
        &candidates[1..]
    } else {
        &candidates[..1]
    };
    let Some(path) = tex.iter().find(|p| p.is_file()) else {
        return Err(format!(
            "`{}` (named by \\input or \\include) is not beside the article: its text is not audited",
            tex.first().unwrap_or(&named).display()
        ));
    };
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let decoded =
        decode::decode(&bytes).map_err(|e| format!("`{}`: {}", path.display(), e.cause))?;
    Ok((path.clone(), decoded.text))
}

/// Add the entries of the named `.bib` files that the article cites or `\nocite`s (all of
/// them after `\nocite{*}`), keys first come first kept.
fn attach_bibliographies(
    article: &mut Article,
    named: &[(String, Position, Option<PathBuf>)],
    nocite: &HashSet<String>,
) {
    let folder = folder_of(article);
    let printed: HashSet<String> = article
        .citations
        .iter()
        .map(|c| c.key.clone())
        .chain(nocite.iter().cloned())
        .collect();
    let everything = nocite.contains("*");
    for (name, position, source) in named {
        let file = if Path::new(name).extension().is_some() {
            name.clone()
        } else {
            format!("{name}.bib")
        };
        let path = super::companions::normalise(&folder.join(&file));
        if !path.is_file() {
            article.problems.push(InputProblem {
                kind: InputProblemKind::PartlyRead,
                position: *position,
                message: format!(
                    "the bibliography `{file}` named by \\bibliography or \\addbibresource is not beside the article"
                ),
                reference: None,
                source: source.clone(),
            });
            continue;
        }
        let mut sidecar = sidecar::read(&path);
        article.read_files.push(super::companions::portable(&path));
        let known: HashSet<String> = article.references.iter().map(|r| r.key.clone()).collect();
        sidecar.retain_references(|r| {
            !known.contains(&r.key) && (everything || printed.contains(&r.key))
        });
        article.suppressions.extend(sidecar.suppressions);
        let kept = sidecar.references;
        let kept_keys: HashSet<&str> = kept.iter().map(|r| r.key.as_str()).collect();
        // Problems of entries left out are not the article's.
        article.problems.extend(
            sidecar
                .problems
                .into_iter()
                .filter(|p| p.reference.as_deref().is_none_or(|k| kept_keys.contains(k))),
        );
        article.references.extend(kept);
    }
}

#[cfg(test)]
mod tests;
