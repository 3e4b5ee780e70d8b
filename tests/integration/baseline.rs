//! Baselines: `--write-baseline` records the findings of a backlog; `--baseline` then fails
//! only on new ones, matches old ones wherever they moved, and reports the ones fixed.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use crate::util::{citegrade, rows, AS_OF, STIMULATION as ARTICLE};

/// `citegrade audit articles --out out EXTRA...` run inside `dir`, so paths are relative.
fn audit_in(dir: &Path, extra: &[&str]) -> Output {
    citegrade()
        .current_dir(dir)
        .args(["audit", "articles", "--out", "out", "--as-of", AS_OF])
        .args(["--format", "concise"])
        .args(extra)
        .output()
        .expect("citegrade runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A folder with `articles/a.txt` and a baseline of its findings.
fn backlog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), ARTICLE).unwrap();
    let output = audit_in(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "");
    dir
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("articles/a.txt");
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.contains(from));
    std::fs::write(&path, before.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_baseline_records_paths_codes_references_and_counts() {
    let dir = backlog();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(
        written,
        serde_json::json!({
            "version": 1,
            "entries": [
                {"path": "articles/a.txt", "code": "CG101", "reference": "3", "count": 1},
                {"path": "articles/a.txt", "code": "CG201", "reference": "1", "count": 1},
                {"path": "articles/a.txt", "code": "CG201", "reference": "2", "count": 1},
            ]
        })
    );
}

#[test]
fn a_finding_moved_ten_lines_down_still_matches() {
    let dir = backlog();
    edit(
        dir.path(),
        "Motor cortex",
        &format!("{}Motor cortex", "New line.\n".repeat(10)),
    );
    let output = audit_in(dir.path(), &["--baseline", "baseline.json"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(text(&output.stdout), "");
    assert!(
        stderr.contains("0 errors, 0 warnings, 0 info; 3 baselined;"),
        "{stderr}"
    );
    // Baselined findings stay in the reports, at their new lines.
    let lines: Vec<String> = rows(&dir.path().join("out/findings.csv"))
        .into_iter()
        .map(|r| format!("{} {}", r["code"], r["line"]))
        .collect();
    assert_eq!(lines, ["CG101 14", "CG201 18", "CG201 19"]);
}

#[test]
fn a_new_finding_fails_and_is_the_only_one_printed() {
    let dir = backlog();
    edit(
        dir.path(),
        "and others [3].",
        "and others [3]. Later work agrees [7].",
    );
    let output = audit_in(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    let printed: Vec<&str> = stdout.lines().collect();
    assert_eq!(printed.len(), 1, "{stdout}");
    assert!(printed[0].starts_with("articles/a.txt:4:"), "{stdout}");
    assert!(
        printed[0].contains("CG101") && printed[0].contains("\"[7]\""),
        "{stdout}"
    );
    assert!(text(&output.stderr).contains("1 error, 0 warnings, 0 info; 3 baselined;"));
    assert_eq!(rows(&dir.path().join("out/findings.csv")).len(), 4);
    // The article's report says which findings the baseline accepts.
    let report = std::fs::read_to_string(dir.path().join("out/articles/a.md")).unwrap();
    let accepted: Vec<&str> = report
        .lines()
        .filter(|l| l.ends_with("*(accepted by the baseline)*"))
        .collect();
    assert_eq!(accepted.len(), 3, "{report}");
    assert!(report
        .lines()
        .any(|l| l.starts_with("- **CG101") && l.contains("[7]") && !l.contains("accepted")));
}

#[test]
fn a_fixed_finding_is_reported_as_stale() {
    let dir = backlog();
    edit(dir.path(), "1991;52", "2024;52");
    let output = audit_in(dir.path(), &["--baseline", "baseline.json"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "citegrade: baseline baseline.json: 1 entry no longer occurs (write a new baseline to drop them):\n  articles/a.txt CG201 1 (1)\n"
        ),
        "{stderr}"
    );
    let summary = std::fs::read_to_string(dir.path().join("out/summary.md")).unwrap();
    assert!(summary.contains("## Stale baseline entries"), "{summary}");
    assert!(
        summary.contains("| articles/a.txt | CG201 | 1 | 1 |"),
        "{summary}"
    );
}

#[test]
fn a_missing_or_malformed_baseline_stops_the_run() {
    let dir = backlog();
    let output = audit_in(dir.path(), &["--baseline", "nope.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).starts_with("citegrade: error: nope.json: baseline: cannot read"));
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"version\": 1,\n\"entries\": [\n",
    )
    .unwrap();
    let output = audit_in(dir.path(), &["--baseline", "bad.json"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("citegrade: error: bad.json:3: baseline: EOF"),
        "{stderr}"
    );
}

#[test]
fn sarif_and_junit_mark_baselined_findings_as_accepted() {
    let dir = backlog();
    edit(
        dir.path(),
        "and others [3].",
        "and others [3]. Later work agrees [7].",
    );
    let output = audit_in(
        dir.path(),
        &[
            "--baseline",
            "baseline.json",
            "--format",
            "sarif",
            "--format",
            "junit",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/citegrade.sarif")).unwrap(),
    )
    .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<bool> = results
        .iter()
        .map(|r| r.get("suppressions").is_some())
        .collect();
    // The three baselined findings are suppressed outside the source; the new CG101 is not.
    assert_eq!(suppressed.iter().filter(|s| **s).count(), 3, "{results:?}");
    let new: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_none())
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0]["ruleId"], "CG101");
    assert!(new[0]["message"]["text"].as_str().unwrap().contains("[7]"));
    let junit = std::fs::read_to_string(dir.path().join("out/junit.xml")).unwrap();
    assert_eq!(junit.matches("<failure").count(), 1, "{junit}");
    assert_eq!(
        junit.matches("accepted by the baseline").count(),
        3,
        "{junit}"
    );
}

#[test]
fn paths_match_however_the_folder_is_written() {
    let dir = backlog();
    let output = citegrade()
        .current_dir(dir.path())
        .args(["audit", "./articles/", "--out", "out", "--as-of", AS_OF])
        .args(["--baseline", "baseline.json", "--format", "concise"])
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("3 baselined"), "{stderr}");
}

#[test]
fn a_baseline_that_names_no_audited_file_says_so() {
    let dir = backlog();
    std::fs::rename(dir.path().join("articles"), dir.path().join("moved")).unwrap();
    let output = citegrade()
        .current_dir(dir.path())
        .args(["audit", "moved", "--out", "out", "--as-of", AS_OF])
        .args(["--baseline", "baseline.json", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "citegrade: warning: baseline baseline.json: none of the files it names was audited"
        ),
        "{stderr}"
    );
}

#[test]
fn a_baseline_inside_the_audited_folder_is_not_audited() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), ARTICLE).unwrap();
    let baseline = ["--write-baseline", "articles/baseline.json"];
    let first = audit_in(dir.path(), &baseline);
    assert_eq!(first.status.code(), Some(0));
    // Written again (it exists now), then used: never read as a CSL-JSON bibliography.
    let again = audit_in(dir.path(), &baseline);
    assert_eq!(again.status.code(), Some(0));
    let output = audit_in(dir.path(), &["--baseline", "articles/baseline.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let articles: BTreeSet<String> = rows(&dir.path().join("out/findings.csv"))
        .into_iter()
        .map(|r| r["article"].clone())
        .collect();
    assert_eq!(articles, BTreeSet::from(["a".to_string()]));
}

#[test]
fn entries_written_with_dot_slash_paths_still_match() {
    let dir = backlog();
    let path = dir.path().join("baseline.json");
    let written = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, written.replace("\"articles/", "\"./articles/")).unwrap();
    let output = audit_in(dir.path(), &["--baseline", "baseline.json"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("3 baselined"), "{stderr}");
}

#[test]
fn a_shard_that_audits_none_of_the_baselines_files_does_not_warn() {
    let dir = backlog();
    // With one article, one of two shards audits nothing the baseline names.
    for k in 1..=2 {
        let shard = format!("{k}/2");
        let output = audit_in(
            dir.path(),
            &["--baseline", "baseline.json", "--shard", &shard],
        );
        assert!(
            !text(&output.stderr).contains("none of the files it names"),
            "shard {shard}"
        );
    }
}
