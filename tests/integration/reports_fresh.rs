//! The committed `reports/` is the output of the default audit: regenerate it and compare.

use crate::util::{citegrade, repo, tree};

/// The as-of date `reports/summary.md` records ("As of 2026-11-24 · ...").
fn recorded_as_of() -> String {
    let summary = std::fs::read_to_string(repo().join("reports/summary.md"))
        .expect("reports/summary.md is committed");
    summary
        .lines()
        .find_map(|l| l.strip_prefix("As of "))
        .and_then(|rest| rest.split_whitespace().next())
        .expect("summary.md records its as-of date")
        .to_string()
}

#[test]
fn committed_reports_match_the_code() {
    let as_of = recorded_as_of();
    let out = tempfile::tempdir().unwrap();
    let output = citegrade()
        .args(["audit", "references", "--quiet", "--as-of", &as_of, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the sample articles have errors"
    );
    let fresh = tree(out.path());
    let committed = tree(&repo().join("reports"));
    let hint = format!(
        "reports/ is stale: run `cargo run --release -- audit --as-of {as_of}` and commit reports/"
    );
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "{hint}"
    );
    for (name, bytes) in &fresh {
        assert!(bytes == &committed[name], "{name} differs. {hint}");
    }
}
