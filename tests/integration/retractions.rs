//! CG206 retracted-reference: a reference's own metadata, or a Retraction Watch list given
//! with `--retractions`, in several input formats.

use std::path::Path;

use crate::util::{audit, citegrade, finding_keys, AS_OF};

const LIST: &str = "tests/fixtures/retractions/retraction_watch.csv";

fn audit_with_list(path: &str, out: &Path) -> std::process::Output {
    audit(
        &[Path::new(path)],
        out,
        &["--retractions", LIST, "--format", "concise"],
    )
}

/// (code, line, reference) of the CG206 findings of `article`.
fn retracted(out: &Path, article: &str) -> Vec<(String, String, String)> {
    finding_keys(out, article)
        .into_iter()
        .filter(|k| k.0 == "CG206")
        .collect()
}

fn key(line: &str, reference: &str) -> (String, String, String) {
    ("CG206".into(), line.into(), reference.into())
}

#[test]
fn a_listed_doi_matches_whatever_its_case_and_fails_the_run() {
    let out = tempfile::tempdir().unwrap();
    let output = audit_with_list("tests/fixtures/retractions/retracted-doi.md", out.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    // The article writes doi:10.5555/CG.2014.001, the list 10.5555/cg.2014.001. Reference 2
    // only mentions "retracted" in its title.
    assert_eq!(retracted(out.path(), "retracted-doi"), [key("8", "1")]);
    assert!(stdout.contains(
        "CG206 [error] reference 1 (doi 10.5555/cg.2014.001) was retracted on 2020-03-15: \
         Retraction Watch lists a Retraction (record 90001)"
    ));
    // The article report lists it before every other finding.
    let report = std::fs::read_to_string(out.path().join("articles/retracted-doi.md")).unwrap();
    let section = report.find("## Retracted references").unwrap();
    let cg206 = report.find("CG206").unwrap();
    assert!(section < report.find("## Findings").unwrap());
    assert!(cg206 < report.find("CG201").unwrap());
}

#[test]
fn medline_publication_types_and_listed_pmids() {
    let out = tempfile::tempdir().unwrap();
    let output = audit_with_list("tests/fixtures/retractions/retracted.nbib", out.path());
    assert_eq!(output.status.code(), Some(1));
    // 27000004 is listed by PMID (its DOI there is "unavailable"); 26000005 carries the
    // publication type; 29000002 is under an expression of concern (a warning); 28000003 was
    // only corrected.
    assert_eq!(
        retracted(out.path(), "retracted"),
        [
            key("1", "27000004"),
            key("15", "26000005"),
            key("31", "29000002")
        ]
    );
    let findings = crate::util::rows(&out.path().join("findings.csv"));
    let severity = |reference: &str| {
        findings
            .iter()
            .find(|f| f["code"] == "CG206" && f["reference"] == reference)
            .map(|f| f["severity"].clone())
    };
    assert_eq!(severity("27000004").as_deref(), Some("error"));
    assert_eq!(severity("26000005").as_deref(), Some("error"));
    assert_eq!(severity("29000002").as_deref(), Some("warning"));
    assert_eq!(severity("28000003"), None);
}

#[test]
fn the_metadata_fires_without_a_list() {
    let out = tempfile::tempdir().unwrap();
    let output = audit(
        &[Path::new("tests/fixtures/retractions/sidecar")],
        out.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(1));
    // The BibTeX sidecar's "{RETRACTED}: Melatonin ..." fires; "Sleep after retracted: ..."
    // does not.
    assert_eq!(retracted(out.path(), "review"), [key("1", "ortiz2019")]);
    let findings = crate::util::rows(&out.path().join("findings.csv"));
    let cg206: Vec<_> = findings.iter().filter(|f| f["code"] == "CG206").collect();
    assert!(cg206[0]["path"].ends_with("sidecar/review.bib"));
}

#[test]
fn without_a_list_a_listed_doi_passes() {
    let out = tempfile::tempdir().unwrap();
    let output = audit(
        &[Path::new("tests/fixtures/retractions/retracted-doi.md")],
        out.path(),
        &[],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(retracted(out.path(), "retracted-doi"), []);
}

#[test]
fn grade_takes_the_list_too() {
    let out = tempfile::tempdir().unwrap();
    let output = citegrade()
        .args(["grade", "tests/fixtures/retractions/retracted.nbib"])
        .args(["--as-of", AS_OF, "--retractions", LIST, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(retracted(out.path(), "retracted").len(), 3);
}

#[test]
fn a_broken_list_stops_the_run_naming_file_line_and_cause() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("rw.csv");
    std::fs::write(
        &list,
        "Record ID,RetractionDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature\n\
         1,3/15/2020 0:00,10.5555/x,0,Retraction\n\
         2,3/15/2020 0:00,10.5555/y,PMID 12,Retraction\n",
    )
    .unwrap();
    let output = citegrade()
        .current_dir(dir.path())
        .args([
            "audit",
            "--as-of",
            AS_OF,
            "--retractions",
            "rw.csv",
            "--out",
            "o",
        ])
        .arg(crate::util::repo().join("tests/fixtures/retractions/retracted-doi.md"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "citegrade: error: rw.csv:3: retraction list: `PMID 12` in OriginalPaperPubMedID is not a PubMed ID\n"
    );
    // Nothing was written: the list is read before any article.
    assert!(!dir.path().join("o").exists());

    let missing = citegrade()
        .current_dir(dir.path())
        .args(["grade", "x.bib", "--retractions", "none.csv"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.starts_with("citegrade: error: none.csv: cannot read the retraction list: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}
