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
