//! The command-line contract: exit statuses, `--fail-on`, `rules`.

use crate::util::{audit, citegrade, repo, AS_OF};

#[test]
fn a_missing_path_is_a_run_failure_naming_it() {
    let out = tempfile::tempdir().unwrap();
    let missing = repo().join("no-such-folder");
    let output = audit(&[&missing], out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no-such-folder: no such file or directory"),
        "{stderr}"
    );
}

#[test]
fn an_unwritable_out_is_a_run_failure() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let output = audit(&[&repo().join("references")], &file, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a-file"));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = tempfile::tempdir().unwrap();
    // Warnings only: an outdated, uncited reference and nothing else.
    let article = dir.path().join("warnings.txt");
    std::fs::write(
        &article,
        "Title\n\nGabapentin was studied [1].\n\nReferences\n\n1. Lee K. Gabapentin: a randomised controlled trial. Pain. 2001;1:1-2.\n2. Lee K. Pregabalin: a randomised controlled trial. Pain. 2024;1:1-2.\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let status = |fail_on: &str| {
        audit(&[&article], &out, &["--fail-on", fail_on])
            .status
            .code()
    };
    assert_eq!(status("error"), Some(0));
    assert_eq!(status("warning"), Some(1));
    assert_eq!(status("info"), Some(1));
    assert_eq!(status("never"), Some(0));
    let seed = repo().join("references/thalamic-pain.txt");
    assert_eq!(
        audit(&[&seed], &out, &["--fail-on", "never"]).status.code(),
        Some(0)
    );
}

#[test]
fn bad_flags_exit_2() {
    let output = citegrade()
        .args(["audit", "--as-of", "24/11/2026"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
    let output = citegrade()
        .args(["audit", "--jobs", "0", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule_with_its_severity() {
    let output = citegrade().arg("rules").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for (code, name, severity) in [
        ("CG001", "unparsed-reference", "warning"),
        ("CG002", "input-error", "error"),
        ("CG101", "dangling-citation", "error"),
        ("CG102", "year-mismatch", "error"),
        ("CG103", "uncited-reference", "warning"),
        ("CG104", "duplicate-reference", "warning"),
        ("CG105", "citation-order", "info"),
        ("CG201", "outdated-citation", "warning"),
        ("CG202", "stale-recent-claim", "warning"),
        ("CG203", "overstated-claim", "warning"),
        ("CG204", "unsupported-claim", "warning"),
        ("CG205", "ungraded-reference", "info"),
    ] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} listed"));
        assert!(line.contains(name) && line.contains(severity), "{line}");
    }
}

#[test]
fn rules_code_prints_the_doc_comment() {
    let output = citegrade().args(["rules", "cg203"]).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.starts_with("# CG203 overstated-claim"), "{stdout}");
    assert!(stdout.contains("## What it does"));
    assert!(stdout.contains("## Why is this bad?"));
    assert!(stdout.contains("Eight Cases"));
    let output = citegrade().args(["rules", "CG999"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn findings_are_printed_as_path_line_column() {
    let out = tempfile::tempdir().unwrap();
    let output = audit(
        &[std::path::Path::new("references/thalamic-pain.txt")],
        out.path(),
        &["--format", "concise"],
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("references/thalamic-pain.txt:28:135: CG101 [error]")),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("1 article, 4 references, 9 citations: 4 errors"),
        "{stderr}"
    );
}

#[test]
fn github_format_prints_only_escaped_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("pain, part 2: review.txt");
    std::fs::copy(repo().join("references/thalamic-pain.txt"), &article).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&article], out.path(), &["--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.lines().all(|l| l.starts_with("::")), "{stdout}");
    let dangling = stdout
        .lines()
        .find(|l| l.contains("title=CG101 dangling-citation"))
        .expect("CG101 annotated");
    assert!(dangling.starts_with("::error file="), "{dangling}");
    // The path's comma and colon are escaped in the property; line and column follow.
    assert!(
        dangling.contains("pain%2C part 2%3A review.txt,line=28,col=135,"),
        "{dangling}"
    );
    assert!(
        dangling.contains("::citation \"2009 study 5\" points to reference 5"),
        "{dangling}"
    );
    assert!(
        stdout.lines().any(|l| l.starts_with("::notice ")),
        "info findings are notices"
    );
}

#[test]
fn jsonl_format_is_one_json_finding_per_line() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    let output = audit(&[&seed], out.path(), &["--format", "jsonl"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let findings: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(findings.len(), 15);
    let dangling = findings.iter().find(|f| f["code"] == "CG101").unwrap();
    assert_eq!(dangling["line"], 28);
    assert_eq!(dangling["column"], 135);
    assert_eq!(dangling["reference"], "5");
    assert_eq!(dangling["severity"], "error");
}

#[test]
fn statistics_count_findings_per_rule() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    let output = audit(&[&seed], out.path(), &["--statistics"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<Vec<&str>> = stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(lines[0], ["3", "CG201", "outdated-citation"]);
    assert!(
        lines.contains(&vec!["2", "CG101", "dangling-citation"]),
        "{stdout}"
    );
    assert_eq!(lines.len(), 7, "{stdout}");
}

#[test]
fn github_annotations_escape_percent_newline_colon_and_comma() {
    let dir = tempfile::tempdir().unwrap();
    // A pandoc key may hold `%` and `:`; a file name may hold all four.
    let article = dir.path().join("pain 50%\nv2, part: 1.md");
    std::fs::write(
        &article,
        "---\ntitle: T\n---\n\nAspirin helps [@smith%2015; @lee:2019, p. 4].\n\n# References\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&article], out.path(), &["--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one line per finding: {stdout}");
    for line in &lines {
        assert!(
            line.contains("pain 50%25%0Av2%2C part%3A 1.md,line=5,col="),
            "{line}"
        );
    }
    // In the message only `%`, CR and LF are escaped; `:` and `,` stay as written.
    assert!(
        lines[0].ends_with(
            "::citation \"[@smith%252015; @lee:2019, p. 4]\" points to reference smith%252015, \
             which is not in the reference list; the list has 0 references"
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn symbolic_links_are_listed_as_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("references/thalamic-pain.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("seed.txt"), dir.path().join("link.txt")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir.path()], out.path(), &["--fail-on", "never"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 article,"));
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("link.txt"), "{summary}");
}

#[test]
fn one_file_spelled_two_ways_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("k")).unwrap();
    std::fs::write(dir.path().join("k/a.md"), "# A\n\nAspirin [@k].\n").unwrap();
    std::fs::write(
        dir.path().join("k/a.bib"),
        "@article{k, title={A}, year={2020}}\n",
    )
    .unwrap();
    let output = citegrade()
        .current_dir(dir.path())
        .args(["audit", "k", "./k/a.md", "--out", "out", "--as-of", AS_OF])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("1 article, 1 reference"), "{stderr}");
}
