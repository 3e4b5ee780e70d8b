//! The files an article reads as part of itself, besides a same-stem sidecar: a LaTeX
//! article's `\input`, `\include` and `\subfile` files and the `.bib` files its (or its
//! chapters') `\bibliography{}` / `\addbibresource{}` name; a Markdown article's front-matter
//! `bibliography:`. Discovery reads them with their article and does not audit them alone: an
//! `\input` chapter on its own cites references it does not hold, and a shared `.bib` graded on
//! its own repeats every finding about its entries. `--changed-since` keeps an article when one
//! of them changed.
//!
//! This is a light scan made before any article is read, so it only looks for the names. As TeX
//! does, every name in a document is resolved from the folder of its main file (the one with
//! `\documentclass`), however deep the `\input` that holds it; the readers (`latex.rs`,
//! `sidecar.rs`) resolve them the same way and report the ones missing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::format::Format;
use super::{decode, front_matter};

/// `\input{a}`, `\include{a}`, `\subfile{a}`, `\bibliography{a,b}`, `\addbibresource[opts]{a.bib}`.
static LATEX_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\\(input|include|subfile|bibliography|addbibresource|addglobalbib|documentclass)\s*\*?\s*(?:\[[^\]]*\]\s*)*\{([^}]*)\}",
    )
    .expect("latex names pattern compiles")
});

/// The import package's `\import{dir/}{file}` and `\subimport{dir/}{file}` (and the
/// `inputfrom` / `includefrom` forms).
static IMPORT_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\\(sub)?(?:import|inputfrom|includefrom)\s*\*?\s*\{([^}]*)\}\s*\{([^}]*)\}")
        .expect("import names pattern compiles")
});

/// What a LaTeX file names, as written (with the extension TeX or BibTeX would add).
#[derive(Debug, Default, PartialEq)]
struct LatexNames {
    /// It has `\documentclass`: a main file, from whose folder its document's names resolve.
    main: bool,
    includes: Vec<Include>,
    bibliographies: Vec<String>,
}

/// One file a LaTeX file reads, and from which folder.
#[derive(Debug, PartialEq)]
struct Include {
    /// `\input`: from the current import folder (the main file's, outside `\import`s);
    /// `\import{dir/}`: from `dir` in the main file's folder; `\subimport{dir/}`: from `dir`
    /// in the current import folder. Inside the file, the folder it was read from is current.
    from: From,
    file: String,
}

#[derive(Debug, PartialEq)]
enum From {
    Current,
    Import(String),
    SubImport(String),
}

/// For each LaTeX and Markdown article among `files`, the files it reads as part of itself,
/// as absolute, lexically normalised paths (inside the audited folders or not). An article
/// reached from another one (an `\input` chapter) is not an article of its own: it appears in
/// the map only as the other's companion.
pub fn of(files: &[(PathBuf, Format)]) -> BTreeMap<PathBuf, Vec<PathBuf>> {
    let mut latex = LatexScans::default();
    let tex: Vec<&PathBuf> = files
        .iter()
        .filter(|(_, f)| *f == Format::Latex)
        .map(|(p, _)| p)
        .collect();
    let mut map = BTreeMap::new();
    let mut reached: HashSet<PathBuf> = HashSet::new();
    // Main files first, so that a chapter is claimed by its document, then any other `.tex`
    // nobody includes, which is read as an article of its own.
    let (mains, others): (Vec<&PathBuf>, Vec<&PathBuf>) =
        tex.into_iter().partition(|p| latex.names(p).main);
    for article in mains.into_iter().chain(others) {
        if reached.contains(&absolute(article)) {
            continue;
        }
        let named = latex.document(article);
        reached.extend(named.iter().cloned());
        map.insert(article.clone(), named);
    }
    for (path, _) in files.iter().filter(|(_, f)| *f == Format::Markdown) {
        let folder = path.parent().unwrap_or(Path::new(""));
        let named: Vec<PathBuf> = markdown_bibliographies(path)
            .iter()
            .map(|name| absolute(&folder.join(name)))
            .collect();
        if !named.is_empty() {
            map.insert(path.clone(), named);
        }
    }
    map.retain(|article, _| !reached.contains(&absolute(article)));
    map
}

/// Each LaTeX file's names, read once however many documents include it.
#[derive(Default)]
struct LatexScans(HashMap<PathBuf, LatexNames>);

impl LatexScans {
    fn names(&mut self, path: &Path) -> &LatexNames {
        self.0.entry(absolute(path)).or_insert_with(|| {
            read_text(path).map_or_else(LatexNames::default, |t| latex_names(&t))
        })
    }

    /// Every file the document whose main file is `main` reads: the files it `\input`s, and
    /// theirs, and the bibliographies any of them names, resolved as TeX (and the import
    /// package) resolve them: from `main`'s folder, or the import folder they sit in.
    fn document(&mut self, main: &Path) -> Vec<PathBuf> {
        let folder = main.parent().unwrap_or(Path::new(""));
        let start = absolute(main);
        let mut seen: HashSet<PathBuf> = HashSet::from([start.clone()]);
        // Each file to scan, with its import folder relative to `folder`.
        let mut queue = vec![(start, PathBuf::new())];
        let mut named = Vec::new();
        while let Some((file, base)) = queue.pop() {
            let names = self.names(&file);
            let includes: Vec<(PathBuf, PathBuf)> = names
                .includes
                .iter()
                .map(|include| {
                    let base = match &include.from {
                        From::Current => base.clone(),
                        From::Import(dir) => PathBuf::from(dir),
                        From::SubImport(dir) => base.join(dir),
                    };
                    (absolute(&folder.join(&base).join(&include.file)), base)
                })
                .collect();
            let bibliographies: Vec<PathBuf> = names
                .bibliographies
                .iter()
                .map(|n| absolute(&folder.join(n)))
                .collect();
            for (include, base) in includes {
                if seen.insert(include.clone()) {
                    named.push(include.clone());
                    if include.is_file() {
                        queue.push((include, base));
                    }
                }
            }
            for bibliography in bibliographies {
                if seen.insert(bibliography.clone()) {
                    named.push(bibliography);
                }
            }
        }
        named
    }
}

fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    decode::decode(&bytes).ok().map(|decoded| decoded.text)
}

fn markdown_bibliographies(path: &Path) -> Vec<String> {
    read_text(path)
        .and_then(|text| front_matter::parse(&text).ok().flatten())
        .map(|front| front.bibliography)
        .unwrap_or_default()
}

/// The names a LaTeX source gives, with the extension TeX and BibTeX add when none is given.
/// What the reader does not read as the document is skipped here too: comments, the
/// environments it skips (`comment`, `verbatim`, ...), and macro definitions, whose `\input`
/// happens, if ever, where the macro is used.
fn latex_names(text: &str) -> LatexNames {
    let mut names = LatexNames::default();
    for line in [document_text(text)] {
        for found in IMPORT_NAMES.captures_iter(&line) {
            let file = with_extension(found[3].trim(), "tex");
            let dir = found[2].trim().to_string();
            let from = match found.get(1) {
                Some(_) => From::SubImport(dir),
                None => From::Import(dir),
            };
            names.includes.push(Include { from, file });
        }
        for found in LATEX_NAMES.captures_iter(&line) {
            let (list, extension) = match &found[1] {
                "documentclass" => {
                    names.main = true;
                    continue;
                }
                "input" | "include" | "subfile" => {
                    names.includes.push(Include {
                        from: From::Current,
                        file: with_extension(found[2].trim(), "tex"),
                    });
                    continue;
                }
                "bibliography" => (&mut names.bibliographies, "bib"),
                // biblatex names its resources with their extension.
                _ => (&mut names.bibliographies, ""),
            };
            for name in found[2].split(',').map(str::trim).filter(|n| !n.is_empty()) {
                list.push(with_extension(name, extension));
            }
        }
    }
    names
}

/// `text` as the LaTeX reader takes it, with the reader's own rules (`latex::scanner`):
/// without comments, `\verb` arguments, the content of the environments it skips, and the
/// arguments of the commands whose arguments are not text (`\newcommand{\x}{...}` and the
/// like), so that a name the reader never reads names no companion here either.
fn document_text(text: &str) -> String {
    use crate::input::latex::commands::{not_text_shape, SKIPPED_ENVIRONMENTS};
    use crate::input::latex::scanner::{skip_arguments, skip_to, skip_verb};
    use crate::input::latex::source::Source;

    let s = Source::new(text, None);
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(c) = s.at(i) {
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let (name, after) = s.control_word(i);
        i = match name.as_str() {
            "verb" => skip_verb(&s, after),
            "begin" => match s.braced_name(after) {
                Some((environment, end))
                    if SKIPPED_ENVIRONMENTS.contains(&environment.as_str()) =>
                {
                    skip_to(&s, end, &format!("\\end{{{environment}}}"))
                }
                _ => {
                    out.push_str("\\begin");
                    after
                }
            },
            // A main file is known by it, though its arguments are not text.
            "documentclass" => {
                out.push_str("\\documentclass{}");
                after
            }
            _ => match not_text_shape(&name) {
                Some(shape) => skip_arguments(&s, after, shape),
                None => {
                    out.push_str(&s.text(i, after.max(i + 1)));
                    after.max(i + 1)
                }
            },
        };
    }
    out
}

/// `name` with `.extension` added when it has none (and `extension` is not empty).
fn with_extension(name: &str, extension: &str) -> String {
    if extension.is_empty() || Path::new(name).extension().is_some() {
        name.to_string()
    } else {
        format!("{name}.{extension}")
    }
}

/// `path` made absolute (against the current folder, without asking the file system about
/// links) and normalised, so that two spellings of one file compare equal.
pub fn absolute(path: &Path) -> PathBuf {
    // The current folder, asked once: discovery makes every path it meets absolute.
    static HERE: LazyLock<Option<PathBuf>> = LazyLock::new(|| std::env::current_dir().ok());
    let joined = match HERE.as_deref() {
        Some(here) if path.is_relative() => here.join(path),
        _ => path.to_path_buf(),
    };
    normalise(&joined)
}

/// `path` as a run can compare it with another run's, on another machine: relative to the
/// current folder when it lies inside it (shards of one batch run from the same place in
/// their checkouts), else absolute.
pub fn portable(path: &Path) -> PathBuf {
    let path = absolute(path);
    let here = absolute(Path::new("."));
    path.strip_prefix(&here)
        .map_or_else(|_| path.clone(), Path::to_path_buf)
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
        let text = "\\documentclass{article}\n\\input{sections/intro}\n\
                    \\include{ch2.tex} % \\input{commented}\n\
                    50\\% \\subfile{appendix}\n\\bibliography{refs, more}\n\
                    \\addbibresource[datatype=bibtex]{library.bib}\n";
        let names = latex_names(text);
        assert!(names.main);
        assert_eq!(
            files(&names),
            ["sections/intro.tex", "ch2.tex", "appendix.tex"]
        );
        assert_eq!(
            names.bibliographies,
            ["refs.bib", "more.bib", "library.bib"]
        );
    }

    fn files(names: &LatexNames) -> Vec<&str> {
        names.includes.iter().map(|i| i.file.as_str()).collect()
    }

    #[test]
    fn definitions_verb_and_spaced_environments_are_skipped_exactly() {
        let text = "\\newcommand{\\x}{y}\\input{a}\n\
                    \\renewcommand{\\refname}{Sources}\\bibliography{refs}\n\
                    \\def\\chap#1{\\input{defined}}\\input{b}\n\
                    \\newcommand{\\later}{%\n\\input{macro}}\n\
                    \\definecolor{x}{rgb}{1,0,0}\\input{c}\n\
                    Use \\verb|\\begin{comment}| and \\verb+\\input{shown}+ \\input{d}\n\
                    \\begin {comment}\\input{old}\\end {comment}\\input{e}\n";
        // As the reader reads it: `\def` skips only the name (its body is read where it
        // stands), and `\end {comment}` with a blank never ends the comment.
        let names = latex_names(text);
        assert_eq!(
            files(&names),
            ["a.tex", "defined.tex", "b.tex", "c.tex", "d.tex"]
        );
        assert_eq!(names.bibliographies, ["refs.bib"]);
    }

    #[test]
    fn what_the_reader_skips_names_nothing() {
        let text = "\\begin{comment}\n\\input{old}\n\\end{comment}\n\
                    \\begin{verbatim}\\input{code}\\end{verbatim} \\input{kept}\n\
                    \\newcommand{\\later}{\\input{macro}}\n";
        assert_eq!(files(&latex_names(text)), ["kept.tex"]);
    }

    #[test]
    fn the_import_package_names_a_folder_then_a_file() {
        let names = latex_names("\\import{chapters}{one}\n\\subimport{parts/}{two.tex}\n");
        assert_eq!(
            names.includes,
            [
                Include {
                    from: From::Import("chapters".into()),
                    file: "one.tex".into()
                },
                Include {
                    from: From::SubImport("parts/".into()),
                    file: "two.tex".into()
                }
            ]
        );
    }

    #[test]
    fn inside_an_imported_file_names_resolve_from_its_import_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let main = root.join("main.tex");
        write(&main, "\\documentclass{article}\n\\import{chapters}{one}\n");
        write(
            &root.join("chapters/one.tex"),
            "\\input{fig}\n\\subimport{parts/}{two}\n",
        );
        write(&root.join("chapters/fig.tex"), "A figure.\n");
        write(
            &root.join("chapters/parts/two.tex"),
            "\\subimport{deeper/}{three}\n",
        );
        write(&root.join("chapters/parts/deeper/three.tex"), "Deep.\n");
        let map = of(&[(main.clone(), Format::Latex)]);
        let mut named: Vec<PathBuf> = map[&main].clone();
        named.sort();
        assert_eq!(
            named,
            [
                absolute(&root.join("chapters/fig.tex")),
                absolute(&root.join("chapters/one.tex")),
                absolute(&root.join("chapters/parts/deeper/three.tex")),
                absolute(&root.join("chapters/parts/two.tex")),
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

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_document_names_resolve_from_its_main_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let main = root.join("main.tex");
        let intro = root.join("sections/intro.tex");
        let figure = root.join("sections/fig.tex");
        write(&main, "\\documentclass{article}\n\\input{sections/intro}\n");
        // TeX resolves this from main.tex's folder, not from sections/.
        write(
            &intro,
            "\\input{sections/fig}\n\\bibliography{../shared/refs}\n",
        );
        write(&figure, "A figure \\cite{a}.\n");
        let md = root.join("paper.md");
        write(&md, "---\nbibliography: [a.bib, /abs/b.json]\n---\nText.\n");
        let files = [
            (main.clone(), Format::Latex),
            (intro.clone(), Format::Latex),
            (figure.clone(), Format::Latex),
            (md.clone(), Format::Markdown),
        ];
        let map = of(&files);
        assert_eq!(map.keys().collect::<Vec<_>>(), [&main, &md]);
        assert_eq!(
            map[&main],
            [
                absolute(&intro),
                absolute(&figure),
                absolute(&root.join("../shared/refs.bib"))
            ]
        );
        assert_eq!(
            map[&md],
            [absolute(&root.join("a.bib")), PathBuf::from("/abs/b.json")]
        );
    }

    #[test]
    fn a_file_that_includes_itself_or_a_cycle_stays_an_article() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("own.tex");
        let a = dir.path().join("a.tex");
        let b = dir.path().join("b.tex");
        write(&own, "\\input{own}\nText \\cite{x}.\n");
        write(&a, "\\input{b}\n");
        write(&b, "\\input{a}\n");
        let files = [
            (a.clone(), Format::Latex),
            (b.clone(), Format::Latex),
            (own.clone(), Format::Latex),
        ];
        let map = of(&files);
        // `own` names nothing but itself; of the cycle, the first is read with the second.
        assert_eq!(map.keys().collect::<Vec<_>>(), [&a, &own]);
        assert_eq!(map[&a], [absolute(&b)]);
        assert!(map[&own].is_empty());
    }
}
