//! Parallelism never changes the output.

use crate::util::{audit, repo, tree};

#[test]
fn jobs_1_and_jobs_2_write_byte_identical_reports() {
    let input = tempfile::tempdir().unwrap();
    // Enough articles that both workers get several, in nested folders.
    for batch in 0..12 {
        let dir = input.path().join(format!("batch-{batch:02}"));
        std::fs::create_dir(&dir).unwrap();
        for entry in std::fs::read_dir(repo().join("references")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let status_one = audit(&[input.path()], one.path(), &["--jobs", "1"]).status;
    let status_two = audit(&[input.path()], two.path(), &["--jobs", "2"]).status;
    assert_eq!(status_one.code(), Some(1));
    assert_eq!(status_two.code(), Some(1));
    let (a, b) = (tree(one.path()), tree(two.path()));
    assert!(a.contains_key("findings.csv") && a.contains_key("articles/batch-00/thalamic-pain.md"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(
            bytes == &b[name],
            "{name} differs between --jobs 1 and --jobs 2"
        );
    }
}

#[test]
fn a_rerun_replaces_stale_article_reports() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    std::fs::copy(&seed, input.path().join("a.txt")).unwrap();
    std::fs::copy(&seed, input.path().join("b.txt")).unwrap();
    audit(&[input.path()], out.path(), &[]);
    assert!(out.path().join("articles/b.md").exists());
    std::fs::remove_file(input.path().join("b.txt")).unwrap();
    audit(&[input.path()], out.path(), &[]);
    let files: Vec<String> = tree(out.path()).into_keys().collect();
    assert_eq!(
        files,
        [
            "articles/a.md",
            "citations.csv",
            "findings.csv",
            "references.csv",
            "summary.md"
        ]
    );
}
