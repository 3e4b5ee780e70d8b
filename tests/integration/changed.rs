//! `--changed-since`: only the articles a change touches, with their sidecars.

use std::process::Command;

use crate::util::{audit, rows};

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .output()
        .expect("git runs")
        .status;
    assert!(status.success(), "git {args:?}");
}

#[test]
fn only_changed_articles_and_articles_whose_sidecar_changed_are_audited() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let article =
        "Title\n\nAspirin helps [1].\n\nReferences\n\n1. Lee K. Aspirin. BMJ. 2020;1:2.\n";
    for name in ["a.txt", "b.txt", "d.txt"] {
        std::fs::write(dir.join(name), article).unwrap();
    }
    std::fs::write(
        dir.join("b.ris"),
        "TY  - JOUR\nTI  - Aspirin\nPY  - 2020\nER  - \n",
    )
    .unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    std::fs::write(dir.join("a.txt"), article.replace("helps", "works")).unwrap();
    std::fs::write(
        dir.join("b.ris"),
        "TY  - JOUR\nTI  - Aspirin\nPY  - 2021\nER  - \n",
    )
    .unwrap();
    std::fs::write(dir.join("c.txt"), article).unwrap();

    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir], out.path(), &["--changed-since", "HEAD"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("3 articles"));
    let audited: std::collections::BTreeSet<String> = rows(&out.path().join("references.csv"))
        .into_iter()
        .map(|r| r["article"].clone())
        .collect();
    assert_eq!(audited.into_iter().collect::<Vec<_>>(), ["a", "b", "c"]);

    let bad = audit(&[dir], out.path(), &["--changed-since", "no-such-ref"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--changed-since no-such-ref"));
}

#[test]
fn an_article_whose_chapter_or_named_bibliography_changed_is_audited() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "thesis/main.tex",
        "\\documentclass{article}\n\\begin{document}\n\\input{chapters/one}\n\
         \\bibliography{../shared/library}\n\\end{document}\n",
    );
    write("thesis/chapters/one.tex", "Aspirin helps~\\cite{a}.\n");
    write(
        "notes.md",
        "---\nbibliography: shared/library.bib\n---\n\nAspirin [@a].\n",
    );
    write("other.txt", "Title\n\nNothing cited.\n");
    write(
        "shared/library.bib",
        "@article{a, title={Aspirin}, journal={BMJ}, year={2020}}\n",
    );
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    let audited = |out: &std::path::Path| -> Vec<String> {
        let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
        let mut ids: Vec<String> = std::fs::read_dir(out.join("articles"))
            .unwrap()
            .flat_map(|e| {
                let path = e.unwrap().path();
                if path.is_dir() {
                    std::fs::read_dir(&path)
                        .unwrap()
                        .map(|f| {
                            format!(
                                "{}/{}",
                                path.file_name().unwrap().to_string_lossy(),
                                f.unwrap().file_name().to_string_lossy()
                            )
                        })
                        .collect::<Vec<_>>()
                } else {
                    vec![path.file_name().unwrap().to_string_lossy().into_owned()]
                }
            })
            .collect();
        ids.sort();
        assert!(!summary.is_empty());
        ids
    };

    // A chapter changed: its document is audited, and nothing else.
    write(
        "thesis/chapters/one.tex",
        "Aspirin helps a lot~\\cite{a}.\n",
    );
    let out = tempfile::tempdir().unwrap();
    audit(&[dir], out.path(), &["--changed-since", "HEAD"]);
    assert_eq!(audited(out.path()), ["thesis/main.md"]);

    // The shared bibliography changed: both articles that name it are audited.
    git(dir, &["commit", "-q", "-am", "chapter"]);
    write(
        "shared/library.bib",
        "@article{a, title={Aspirin}, journal={BMJ}, year={1980}}\n",
    );
    let out = tempfile::tempdir().unwrap();
    audit(&[dir], out.path(), &["--changed-since", "HEAD"]);
    assert_eq!(audited(out.path()), ["notes.md", "thesis/main.md"]);
}

#[test]
fn a_bibliography_outside_the_audited_folder_that_changed_is_seen() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
        dir.join("notes/paper.md"),
        "---\nbibliography: ../shared/library.bib\n---\n\nAspirin [@a].\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes/other.md"), "# Other\n\nNothing cited.\n").unwrap();
    let library = dir.join("shared/library.bib");
    std::fs::write(&library, "@article{a, title={Aspirin}, year={2020}}\n").unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    std::fs::write(&library, "@article{a, title={Aspirin}, year={1980}}\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(
        &[&dir.join("notes")],
        out.path(),
        &["--changed-since", "HEAD"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 article,"), "{stderr}");
    assert!(out.path().join("articles/paper.md").is_file());
}

#[test]
fn an_article_whose_named_bibliography_was_deleted_is_audited() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::write(
        dir.join("main.tex"),
        "\\documentclass{article}\n\\begin{document}\nAspirin~\\cite{a}.\n\
         \\bibliography{shared/lib}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("shared/lib.bib"),
        "@article{a, title={A}, year={2020}}\n",
    )
    .unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    git(dir, &["rm", "-q", "shared/lib.bib"]);
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir], out.path(), &["--changed-since", "HEAD"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 article,"), "{stderr}");
    assert_eq!(
        output.status.code(),
        Some(1),
        "its citation now dangles: {stderr}"
    );
}

#[test]
fn an_article_whose_sidecar_was_deleted_is_audited() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    std::fs::write(dir.join("a.md"), "# A\n\nAspirin [@k].\n").unwrap();
    std::fs::write(dir.join("a.bib"), "@article{k, title={A}, year={2020}}\n").unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    std::fs::remove_file(dir.join("a.bib")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir], out.path(), &["--changed-since", "HEAD"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 article,"), "{stderr}");
}
