//! LaTeX articles: cite commands at their backslash, `thebibliography` and `\bibliography`
//! references, comments and math that are not text, and a missing `\input`.

use crate::util::{audit, finding_keys, repo, rows};

fn keys(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(c, l, r)| (c.to_string(), l.to_string(), r.to_string()))
        .collect()
}

#[test]
fn planted_defects_in_latex_articles_are_found_exactly() {
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&repo().join("tests/fixtures/latex")], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    // thebibliography: an undefined key (CG101) and a \bibitem never cited (CG103); the
    // \cite in a comment and the one in an equation cite nothing.
    let citation_findings: Vec<(String, String, String)> = finding_keys(out.path(), "thebib")
        .into_iter()
        .filter(|(code, _, _)| code.starts_with("CG1"))
        .collect();
    assert_eq!(
        citation_findings,
        keys(&[("CG101", "13", "ghost2018"), ("CG103", "26", "uncited2011")])
    );
    // \bibliography{natbib}: the uncited database entry (shepherd2002) never prints, so it
    // is not "uncited"; the missing \input is a warning at its line.
    assert_eq!(
        finding_keys(out.path(), "natbib"),
        keys(&[("CG002", "12", ""), ("CG101", "13", "joseph2020")])
    );
}

#[test]
fn every_key_of_a_cite_command_is_a_citation_at_the_command() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join("tests/fixtures/latex")], out.path(), &[]);
    let citations: Vec<(String, String, String, String)> = rows(&out.path().join("citations.csv"))
        .into_iter()
        .filter(|c| c["article"] == "thebib")
        .map(|c| {
            (
                c["line"].clone(),
                c["column"].clone(),
                c["ref"].clone(),
                c["status"].clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String)> = [
        ("7", "46", "finnerup2015", "ok"),
        ("7", "46", "moore2014", "ok"),
        ("8", "32", "moore2014", "ok"),
        ("10", "34", "nice2020", "ok"),
        ("13", "30", "ghost2018", "dangling"),
    ]
    .iter()
    .map(|(l, c, r, s)| (l.to_string(), c.to_string(), r.to_string(), s.to_string()))
    .collect();
    assert_eq!(citations, expected);
    let source = std::fs::read_to_string(repo().join("tests/fixtures/latex/thebib.tex")).unwrap();
    let line: Vec<char> = source.lines().nth(6).unwrap().chars().collect();
    assert_eq!(line[45..51].iter().collect::<String>(), "\\citep");
    let references = rows(&out.path().join("references.csv"));
    let natbib: Vec<&str> = references
        .iter()
        .filter(|r| r["article"] == "natbib")
        .map(|r| r["ref"].as_str())
        .collect();
    assert_eq!(natbib, ["armitage2019", "yourman2021"]);
}

#[test]
fn input_chapters_and_named_bibliographies_are_read_with_their_article_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("thesis/chapters")).unwrap();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(
        root.join("thesis/main.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\input{chapters/intro}\n\
         \\bibliography{../shared/library}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("thesis/chapters/intro.tex"),
        "Aspirin lowers the risk of stroke~\\cite{smith2020}.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("shared/library.bib"),
        "@article{smith2020, title={Aspirin and stroke}, journal={BMJ}, year={2020}}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("notes.md"),
        "---\nbibliography: shared/library.bib\n---\n\nAspirin helps [@smith2020].\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[root], out.path(), &["--fail-on", "never"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    // The chapter and the shared .bib are parts of the articles that name them: neither is
    // an article of its own, so the chapter's citation is no dangling CG101.
    let articles: Vec<String> = rows(&out.path().join("references.csv"))
        .into_iter()
        .map(|r| r["article"].clone())
        .collect();
    assert_eq!(articles, ["notes", "thesis/main"]);
    let findings = rows(&out.path().join("findings.csv"));
    assert!(
        findings.iter().all(|r| r["code"] != "CG101"),
        "{findings:?}"
    );
    let citations = rows(&out.path().join("citations.csv"));
    assert_eq!(citations.len(), 2);
    assert!(
        citations.iter().all(|r| r["status"] == "ok"),
        "{citations:?}"
    );
}

#[test]
fn chapters_resolve_from_the_main_file_and_nothing_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |name: &str, text: &str| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    // Nested \input, resolved from main.tex's folder as TeX does.
    write(
        "doc/main.tex",
        "\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\
         \\begin{thebibliography}{9}\n\\bibitem{a} Lee K. Aspirin. BMJ. 2020;1:2.\n\
         \\end{thebibliography}\n\\end{document}\n",
    );
    write("doc/sections/intro.tex", "\\input{sections/fig}\n");
    write("doc/sections/fig.tex", "Aspirin helps~\\cite{a}.\n");
    // A file that inputs itself, and two that input each other: still audited.
    write("self/own.tex", "\\input{own}\nAspirin~\\cite{b}.\n");
    write("cycle/a.tex", "\\input{b}\n");
    write("cycle/b.tex", "\\input{a}\n");
    // A bibliography named by an absolute path, in another root of the same run.
    let library = root.join("lib/library.bib");
    write(
        "lib/library.bib",
        "@article{c, title={Aspirin}, journal={BMJ}, year={2020}}\n",
    );
    write(
        "notes/paper.md",
        &format!(
            "---\nbibliography: {}\n---\n\nAspirin [@c].\n",
            library.display()
        ),
    );
    let out = tempfile::tempdir().unwrap();
    let roots = [
        root.join("doc"),
        root.join("self"),
        root.join("cycle"),
        root.join("notes"),
        root.join("lib"),
    ];
    let paths: Vec<&std::path::Path> = roots.iter().map(|p| p.as_path()).collect();
    audit(&paths, out.path(), &["--fail-on", "never"]);
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("· 4 articles ·"), "{summary}");
    let findings = rows(&out.path().join("findings.csv"));
    let dangling: Vec<String> = findings
        .iter()
        .filter(|r| r["code"] == "CG101")
        .map(|r| format!("{} {}", r["path"], r["reference"]))
        .collect();
    // Only own.tex's \cite{b} dangles: fig.tex's citation is read inside main.tex.
    assert_eq!(dangling.len(), 1, "{dangling:?}");
    assert!(dangling[0].ends_with("self/own.tex b"), "{dangling:?}");
    // library.bib is read with paper.md only, not graded on its own as well.
    assert!(
        findings.iter().all(|r| r["article"] != "library"),
        "{findings:?}"
    );
}

#[test]
fn the_import_package_reads_a_chapter_from_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("chapters/parts")).unwrap();
    std::fs::write(
        root.join("main.tex"),
        "\\documentclass{article}\n\\usepackage{import}\n\\begin{document}\n\
         \\import{chapters/}{one}\n\\begin{thebibliography}{9}\n\
         \\bibitem{a} Lee K. Aspirin. BMJ. 2020;1:2.\n\
         \\bibitem{b} Kim J. Statins. BMJ. 2021;1:2.\n\\end{thebibliography}\n\\end{document}\n",
    )
    .unwrap();
    // \subimport is relative to the file that holds it.
    std::fs::write(
        root.join("chapters/one.tex"),
        "Aspirin helps~\\cite{a}.\n\\subimport{parts/}{two}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("chapters/parts/two.tex"),
        "Statins too~\\cite{b}.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[root], out.path(), &["--fail-on", "never"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("1 article, 2 references, 2 citations"),
        "{stderr}"
    );
    let findings = rows(&out.path().join("findings.csv"));
    let codes: Vec<&str> = findings.iter().map(|r| r["code"].as_str()).collect();
    assert!(
        codes
            .iter()
            .all(|c| !matches!(*c, "CG002" | "CG101" | "CG103")),
        "{findings:?}"
    );
}

#[test]
fn an_imported_file_reads_its_inputs_from_its_import_folder_whatever_the_path_given() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("paper");
    let write = |name: &str, text: &str| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "main.tex",
        "\\documentclass{article}\n\\begin{document}\n\\import{chapters}{one}\n\
         \\begin{thebibliography}{9}\n\\bibitem{a} Lee K. Aspirin. BMJ. 2020;1:2.\n\
         \\bibitem{b} Kim J. Statins. BMJ. 2021;1:2.\n\\end{thebibliography}\n\\end{document}\n",
    );
    write("chapters/one.tex", "\\input{fig}\n\\subimport{ch/}{two}\n");
    write("chapters/fig.tex", "Aspirin helps~\\cite{a}.\n");
    write("chapters/ch/two.tex", "\\subimport{parts/}{three}\n");
    write("chapters/ch/parts/three.tex", "Statins too~\\cite{b}.\n");
    for path in ["paper", "./paper", "paper/../paper"] {
        let out = tempfile::tempdir().unwrap();
        let output = crate::util::citegrade()
            .current_dir(dir.path())
            .args(["audit", path, "--out"])
            .arg(out.path())
            .args(["--as-of", crate::util::AS_OF, "--fail-on", "never"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("1 article, 2 references, 2 citations"),
            "{path}: {stderr}"
        );
        let codes: Vec<String> = rows(&out.path().join("findings.csv"))
            .into_iter()
            .map(|r| r["code"].clone())
            .collect();
        assert!(
            codes
                .iter()
                .all(|c| !matches!(c.as_str(), "CG002" | "CG101" | "CG103")),
            "{path}: {codes:?}"
        );
    }
}

#[test]
fn discovery_is_the_same_whether_files_are_named_or_found() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("ch")).unwrap();
    std::fs::write(
        root.join("main.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\input{ch/one}\n\
         \\begin{thebibliography}{9}\n\\bibitem{a} Lee K. Aspirin. BMJ. 2020;1:2.\n\
         \\end{thebibliography}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(root.join("ch/one.tex"), "Aspirin helps~\\cite{a}.\n").unwrap();
    let summary = |paths: &[&std::path::Path]| {
        let out = tempfile::tempdir().unwrap();
        let output = audit(paths, out.path(), &["--fail-on", "never"]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        stderr
            .lines()
            .last()
            .unwrap_or_default()
            .split("; reports")
            .next()
            .unwrap()
            .to_string()
    };
    let found = summary(&[root]);
    assert!(
        found.contains("1 article, 1 reference, 1 citation:"),
        "{found}"
    );
    assert_eq!(summary(&[&root.join("main.tex"), &root.join("ch")]), found);
}

#[test]
fn an_excluded_document_leaves_its_chapters_to_be_audited_or_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    std::fs::create_dir_all(root.join("chapters")).unwrap();
    std::fs::write(root.join("citegrade.toml"), "exclude = [\"drafts/**\"]\n").unwrap();
    std::fs::write(
        root.join("drafts/main.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\input{../chapters/one}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(root.join("chapters/one.tex"), "Aspirin helps.\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[root], out.path(), &["--fail-on", "never"]);
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    // The draft is listed as not audited; its chapter, claimed by nothing audited, is audited.
    assert!(summary.contains("drafts/main.tex"), "{summary}");
    assert!(
        out.path().join("articles/chapters/one.md").is_file(),
        "{summary}"
    );
}

#[test]
fn a_chapter_discovery_expected_but_no_article_read_is_listed_as_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    // Inside math the reader reads no `\input`; discovery's light scan cannot tell.
    std::fs::write(
        dir.path().join("main.tex"),
        "\\documentclass{article}\n\\begin{document}\nMath $\\input{ch}$ here.\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ch.tex"), "Chapter text.\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[dir.path()], out.path(), &["--fail-on", "never"]);
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    let not_audited = summary.split("## Not audited").nth(1).unwrap_or_default();
    assert!(not_audited.contains("ch.tex"), "{summary}");
}

#[test]
fn discovery_reads_definitions_as_the_reader_does() {
    for main in [
        "\\newcommand{\\x}{y}\n\n{\\input{ch}}\n",
        "\\newcommand{\\x}{y}\n[\\input{ch}]\n",
        "\\gdef\\chap{\\input{ch}}\n",
        "\\def\\chap{\\input{ch}}\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("main.tex"),
            format!(
                "\\documentclass{{article}}\n\\begin{{document}}\n{main}\
                 \\begin{{thebibliography}}{{9}}\n\\bibitem{{a}} Lee K. Aspirin. BMJ. 2020;1:2.\n\
                 \\end{{thebibliography}}\n\\end{{document}}\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.path().join("ch.tex"), "Aspirin helps~\\cite{a}.\n").unwrap();
        let out = tempfile::tempdir().unwrap();
        let output = audit(&[dir.path()], out.path(), &["--fail-on", "never"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        // The chapter is read once, inside its document, and not audited alone as well.
        assert!(
            stderr.contains("1 article, 1 reference, 1 citation"),
            "{main}: {stderr}"
        );
    }
}
