use super::*;
use crate::model::Citation;

fn read_tex(text: &str) -> Article {
    let mut article = Article::default();
    read(text, &mut article);
    article
}

fn cited(article: &Article) -> Vec<(&str, usize, usize)> {
    article
        .citations
        .iter()
        .map(|c: &Citation| (c.key.as_str(), c.position.line, c.position.column))
        .collect()
}

const ARTICLE: &str = r#"\documentclass{article}
\usepackage[numbers]{natbib} % \cite{preamble}
\title{Statins for Primary Prevention}
\begin{document}
\maketitle
\begin{abstract}
Statins lower LDL \citep{a}.
\end{abstract}
\section{Introduction}\label{sec:intro}
Heart disease kills many \citep[p.~4]{a, b}. Caf\'e na\"ive
users\footnote{A note citing \cite{c}.} agree -- see Fig.~\ref{f1}.
% Nobody cites \cite{commented} here.
Cost is 50\% lower $x \cite{math}$ and
\[ y = \cite{display} \]
\begin{equation} z \cite{equation} \end{equation}
\begin{figure}[htbp]\includegraphics[width=2in]{f.png}\caption{Risk \citet{d}.}\label{f1}\end{figure}

\subsection*{Methods}
We \citetext{x} followed \textcite[see][chap.~2]{e} and \cites[a]{f}[b]{g}.
\nocite{h}
\begin{thebibliography}{9}
\bibitem{a} Smith AB. Statins in practice. \emph{Lancet}. 2015;3:1--9.
\bibitem[Lee(2001)]{b} Lee C. Aspirin.
\newblock BMJ. 2001;2:4.
\bibitem{z} .
\end{thebibliography}
\end{document}
\cite{after}
"#;

#[test]
fn cite_commands_each_key_at_its_backslash() {
    let a = read_tex(ARTICLE);
    assert_eq!(
        cited(&a),
        [
            ("a", 7, 19),
            // The footnote is a block of its own, closed before the paragraph around it.
            ("c", 11, 30),
            ("a", 10, 26),
            ("b", 10, 26),
            ("d", 16, 69),
            ("e", 19, 26),
            ("f", 19, 57),
            ("g", 19, 57),
        ]
    );
    assert_eq!(a.citations[2].marker, r"\citep[p.~4]{a, b}");
}

#[test]
fn comments_math_labels_and_the_preamble_are_not_text() {
    let a = read_tex(ARTICLE);
    let text: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(a.title.as_deref(), Some("Statins for Primary Prevention"));
    assert!(text
        .iter()
        .all(|t| !t.contains("commented") && !t.contains("sec:")));
    assert!(text.contains(&"Statins lower LDL [a]."), "{text:?}");
    assert!(
        text.contains(&"Heart disease kills many [a, b]."),
        "{text:?}"
    );
    assert!(
        text.contains(&"Café naïve users agree – see Fig. ."),
        "{text:?}"
    );
    assert!(text.contains(&"Cost is 50% lower and"), "{text:?}");
    assert!(text.contains(&"A note citing [c]."), "{text:?}");
    assert!(text.contains(&"Risk [d]."), "{text:?}");
}

#[test]
fn headings_and_abstract_are_sections() {
    let a = read_tex(ARTICLE);
    let section = |needle: &str| {
        a.sentences
            .iter()
            .find(|s| s.text.contains(needle))
            .and_then(|s| s.section.as_deref())
    };
    assert_eq!(section("LDL"), Some("Abstract"));
    assert_eq!(section("Heart"), Some("Introduction"));
    assert_eq!(section("followed"), Some("Methods"));
    // A sentence starts where its text starts in the source.
    let heart = a
        .sentences
        .iter()
        .find(|s| s.text.starts_with("Heart"))
        .unwrap();
    assert_eq!(heart.position, Position::new(10, 1));
    let cafe = a
        .sentences
        .iter()
        .find(|s| s.text.starts_with("Caf"))
        .unwrap();
    assert_eq!(cafe.position_of(3), Position::new(10, 49));
}

#[test]
fn bibitems_are_references() {
    let a = read_tex(ARTICLE);
    let keys: Vec<&str> = a.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["a", "b", "z"]);
    let first = &a.references[0];
    assert_eq!(first.title.as_deref(), Some("Statins in practice"));
    assert_eq!(first.year, Some(2015));
    assert_eq!(first.position, Position::new(22, 1));
    let second = &a.references[1];
    assert_eq!(second.source_label.as_deref(), Some("Lee(2001)"));
    assert_eq!(second.container.as_deref(), Some("BMJ"));
    assert_eq!(a.problems.len(), 1, "{:?}", a.problems);
    assert_eq!(a.problems[0].kind, InputProblemKind::UnparsedReference);
    assert_eq!(a.problems[0].position, Position::new(25, 1));
}

#[test]
fn a_body_fragment_without_document_is_all_text() {
    let a = read_tex("Pain fell~\\cite{x}.\n\nIt \\emph{rose}\\footnote{Or not.} again.\n");
    let text: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(text, ["Pain fell [x].", "Or not.", "It rose again."]);
    assert_eq!(cited(&a), [("x", 1, 11)]);
}

#[test]
fn tables_cut_cells_into_blocks() {
    let a = read_tex(
        "\\begin{tabular}{lc}\nDrug & Effect \\cite{t} \\\\\n\\hline A & B\n\\end{tabular}\n",
    );
    let text: Vec<&str> = a.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(text, ["Drug", "Effect [t]", "A", "B"]);
}

#[test]
fn missing_inputs_and_bibliographies_are_reported_where_named() {
    let mut article = Article {
        path: PathBuf::from("/nonexistent/folder/paper.tex"),
        ..Article::default()
    };
    read(
        "Text.\n\\input{methods}\n\\bibliography{refs,more}\n",
        &mut article,
    );
    let problems: Vec<(Position, bool)> = article
        .problems
        .iter()
        .map(|p| (p.position, p.message.contains("methods.tex")))
        .collect();
    assert_eq!(
        problems,
        [
            (Position::new(2, 1), true),
            (Position::new(3, 1), false),
            (Position::new(3, 1), false),
        ]
    );
    assert!(article.problems[1].message.contains("refs.bib"));
    assert!(article
        .problems
        .iter()
        .all(|p| p.kind == InputProblemKind::PartlyRead));
}

#[test]
fn included_files_are_read_in_place_and_reported_at_the_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("intro.tex"),
        "\\section{Background}\nOne \\cite{b}. Two.\n\\input{intro}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("refs.bib"),
        "@article{a, title={A}, year={2001}}\n@article{b, title={B}, year={2002}}\n@article{c, title={C}, year={2003}}\n@article{n, title={N}, year={2004}}\n",
    )
    .unwrap();
    let mut article = Article {
        path: dir.path().join("paper.tex"),
        ..Article::default()
    };
    read(
        "First \\cite{a}.\n  \\input{intro}\nAfter.\n\\nocite{n}\\bibliography{refs}\n",
        &mut article,
    );
    let text: Vec<(&str, Option<&str>, Position)> = article
        .sentences
        .iter()
        .map(|s| (s.text.as_str(), s.section.as_deref(), s.position))
        .collect();
    let at_input = Position::new(2, 3);
    assert_eq!(
        text,
        [
            ("First [a].", None, Position::new(1, 1)),
            ("One [b].", Some("Background"), at_input),
            ("Two.", Some("Background"), at_input),
            ("After.", Some("Background"), Position::new(3, 1)),
        ]
    );
    assert_eq!(cited(&article), [("a", 1, 7), ("b", 2, 3)]);
    assert_eq!(article.citations[1].sentence, 1);
    // Only the entries the article cites or \nocites: the rest of the database never prints.
    let keys: Vec<&str> = article.references.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["a", "b", "n"]);
    // intro.tex includes itself: reported, read once.
    assert_eq!(article.problems.len(), 1, "{:?}", article.problems);
    assert!(article.problems[0].message.contains("itself"));
    assert_eq!(
        article.problems[0].source,
        Some(dir.path().join("intro.tex"))
    );
}

#[test]
fn broken_markup_never_panics() {
    for text in [
        "\\",
        "\\cite",
        "\\cite{",
        "$",
        "$$x",
        "\\begin{",
        "\\begin{equation}",
        "{{{",
        "}}}",
        "\\'",
        "\\section",
        "\\bibitem",
        "\\begin{thebibliography}\\bibitem{a",
        "\\verb",
        "\\footnote{",
        "--",
        "\\input{",
        "\\end{document}",
        "\\[",
        "\\c",
    ] {
        let _ = read_tex(text);
    }
}

mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\\cite{".to_string()),
            Just("\\citep[p.~4][x]{a,b}".to_string()),
            Just("}".to_string()),
            Just("{".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("$".to_string()),
            Just("%".to_string()),
            Just("\\\\".to_string()),
            Just("\\begin{thebibliography}".to_string()),
            Just("\\bibitem[L]{k} Smith A. T. J. 2001.".to_string()),
            Just("\\end{".to_string()),
            Just("\\begin{tabular}{l}a&b".to_string()),
            Just("\\section*{".to_string()),
            Just("\\footnote{".to_string()),
            Just("\\'".to_string()),
            Just("\\c".to_string()),
            Just("\\verb|".to_string()),
            Just("\n\n".to_string()),
            Just("--".to_string()),
            "\\PC{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn no_input_makes_the_latex_reader_panic(pieces in proptest::collection::vec(piece(), 0..40)) {
            let a = read_tex(&pieces.concat());
            for c in &a.citations {
                prop_assert!(c.sentence < a.sentences.len());
            }
        }
    }
}

#[test]
fn a_cite_after_the_full_stop_closes_its_sentence() {
    let a = read_tex(
        "\\begin{document}\nPain fell.\\cite{a} Sleep improved~\\cite{b}.\n\\end{document}\n",
    );
    let sentence_of = |key: &str| {
        let citation = a.citations.iter().find(|c| c.key == key).unwrap();
        a.sentences[citation.sentence].text.as_str()
    };
    assert_eq!(sentence_of("a"), "Pain fell.[a]");
    assert_eq!(sentence_of("b"), "Sleep improved [b].");
}
