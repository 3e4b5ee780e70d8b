//! The seed article, audited as DESIGN.md says it must be.

use crate::util::{audit, finding_keys, repo, rows};

fn key(code: &str, line: u32, reference: &str) -> (String, String, String) {
    (code.to_string(), line.to_string(), reference.to_string())
}

#[test]
fn seed_findings_are_exactly_the_known_defects() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    let output = audit(&[&seed], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "errors mean exit status 1");
    let expected = vec![
        key("CG204", 25, ""),  // opioids recommended, no citation
        key("CG204", 26, ""),  // physical therapy "can help", no citation
        key("CG102", 27, "4"), // "the 2016 study 4": reference 4 is from 2009
        key("CG101", 28, "5"), // "the 2009 study 5": no reference 5
        key("CG202", 39, "2"), // "Recent Evidence" on a 2015 study
        key("CG102", 40, "4"),
        key("CG202", 40, "4"), // "Recent Evidence" on a 2009 study
        key("CG101", 40, "5"),
        key("CG203", 40, "4"), // "confirm" resting on a case series
        key("CG205", 46, "1"),
        key("CG201", 52, "2"),
        key("CG205", 52, "2"),
        key("CG201", 58, "3"),
        key("CG205", 58, "3"),
        key("CG201", 64, "4"),
    ];
    assert_eq!(finding_keys(out.path(), "thalamic-pain"), expected);
}

#[test]
fn seed_hints_name_the_shifted_numbering() {
    let out = tempfile::tempdir().unwrap();
    audit(
        &[&repo().join("references/thalamic-pain.txt")],
        out.path(),
        &[],
    );
    let findings = rows(&out.path().join("findings.csv"));
    let dangling = findings.iter().find(|r| r["code"] == "CG101").unwrap();
    assert!(
        dangling["message"].contains("the year 2009 matches reference 4"),
        "{}",
        dangling["message"]
    );
    assert!(dangling["message"].contains("after reference 3"));
    let mismatch = findings.iter().find(|r| r["code"] == "CG102").unwrap();
    assert!(mismatch["message"].contains("reference 4 is from 2009"));
    assert!(mismatch["message"].contains("no reference in the list is from 2016"));
}

#[test]
fn seed_references_are_graded() {
    let out = tempfile::tempdir().unwrap();
    audit(
        &[&repo().join("references/thalamic-pain.txt")],
        out.path(),
        &[],
    );
    let refs = rows(&out.path().join("references.csv"));
    assert_eq!(refs.len(), 4);
    let years: Vec<&str> = refs.iter().map(|r| r["year"].as_str()).collect();
    assert_eq!(years, ["2024", "2015", "1991", "2009"]);
    let ages: Vec<&str> = refs.iter().map(|r| r["age_years"].as_str()).collect();
    assert_eq!(ages, ["2", "11", "35", "17"]);
    let four = &refs[3];
    assert_eq!(four["ref"], "4");
    assert_eq!(four["design"], "case-series");
    assert_eq!(four["design_source"], "title");
    assert_eq!(four["design_cue"], "Eight Cases");
    assert_eq!(four["level"], "4");
    assert_eq!(four["recency"], "outdated");
    assert_eq!(four["times_cited"], "2");
    for unknown in &refs[..3] {
        assert_eq!(unknown["design"], "unknown");
        assert_eq!(unknown["level"], "unknown");
        assert_eq!(unknown["design_cue"], "");
    }
    assert_eq!(
        refs[0]["journal"],
        "Pain practice : the official journal of World Institute of Pain"
    );
}

#[test]
fn seed_citations_keep_stated_years_and_positions() {
    let out = tempfile::tempdir().unwrap();
    audit(
        &[&repo().join("references/thalamic-pain.txt")],
        out.path(),
        &[],
    );
    let cites = rows(&out.path().join("citations.csv"));
    let summary: Vec<(String, String, String, String, String)> = cites
        .iter()
        .map(|r| {
            (
                r["line"].clone(),
                r["marker"].clone(),
                r["stated_year"].clone(),
                r["ref_year"].clone(),
                r["status"].clone(),
            )
        })
        .collect();
    let row = |line: &str, marker: &str, stated: &str, actual: &str, status: &str| {
        (
            line.into(),
            marker.into(),
            stated.into(),
            actual.into(),
            status.into(),
        )
    };
    assert_eq!(
        summary,
        vec![
            row("20", "2024 study 1", "2024", "2024", "ok"),
            row("24", "2015 study 2", "2015", "2015", "ok"),
            row("27", "1991 study 3", "1991", "1991", "ok"),
            row("27", "2016 study 4", "2016", "2009", "year-mismatch"),
            row("28", "2009 study 5", "2009", "", "dangling"),
            row("38", "2024 study 1", "2024", "2024", "ok"),
            row("39", "2015 study 2", "2015", "2015", "ok"),
            row("40", "2016 study 4", "2016", "2009", "year-mismatch"),
            row("40", "2009 study 5", "2009", "", "dangling"),
        ]
    );
    // Columns are characters from 1: "  • The 2024 study 1" puts the year at column 9.
    assert_eq!(cites[5]["column"], "9");
}
