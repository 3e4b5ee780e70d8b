//! Bibliographies in every format: `citegrade grade`, sidecars, and the default audit.

use std::path::Path;

use crate::util::{audit, citegrade, finding_keys, repo, rows, AS_OF};

fn grade(files: &[&str], out: &Path) -> std::process::Output {
    citegrade()
        .arg("grade")
        .args(files)
        .args(["--as-of", AS_OF, "--out"])
        .arg(out)
        .output()
        .expect("citegrade runs")
}

#[test]
fn grade_reads_every_structured_format() {
    let out = tempfile::tempdir().unwrap();
    let output = grade(
        &[
            "tests/fixtures/ris/asreview_baseline.ris",
            "tests/fixtures/medline/pubmed-balloongui-set.nbib",
            "tests/fixtures/pubmed_xml/pubmed-29768149.xml",
            "tests/fixtures/csljson/manubot_input-bibliography.json",
            "tests/fixtures/csv/pubmed_export.csv",
        ],
        out.path(),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let refs = rows(&out.path().join("references.csv"));
    let count = |article: &str| refs.iter().filter(|r| r["article"] == article).count();
    assert_eq!(count("asreview_baseline"), 100);
    assert_eq!(count("pubmed-balloongui-set"), 75);
    assert_eq!(count("pubmed-29768149"), 1);
    assert_eq!(count("manubot_input-bibliography"), 3);
    assert!(count("pubmed_export") > 0);
    // The table names every reference with its grade.
    assert!(stdout.contains("tests/fixtures/ris/asreview_baseline.ris: 100 references"));
    assert!(stdout.contains("design"));
    // Keys are the formats' own: MEDLINE records are keyed by PMID.
    let nbib: Vec<&String> = refs
        .iter()
        .filter(|r| r["article"] == "pubmed-balloongui-set")
        .map(|r| &r["ref"])
        .collect();
    assert!(nbib.iter().all(|k| k.chars().all(|c| c.is_ascii_digit())));
    // A bare bibliography has no text, so nothing is "uncited".
    let findings = rows(&out.path().join("findings.csv"));
    assert!(findings.iter().all(|f| f["code"] != "CG103"));
}

#[test]
fn grade_keeps_input_order_and_reports_broken_records() {
    let out = tempfile::tempdir().unwrap();
    let output = grade(
        &["tests/fixtures/ris/rispy_example_multiline.ris"],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0));
    let refs = rows(&out.path().join("references.csv"));
    let keys: Vec<&str> = refs.iter().map(|r| r["ref"].as_str()).collect();
    assert_eq!(keys, ["1", "2", "3"]);
    // Records with neither title nor year are reported, each at its own line.
    let keys = finding_keys(out.path(), "rispy_example_multiline");
    let cg001: Vec<&(String, String, String)> = keys.iter().filter(|k| k.0 == "CG001").collect();
    assert_eq!(cg001.len(), 3, "{keys:?}");
    assert_eq!(cg001[0].1, "1");
}

#[test]
fn grade_without_out_writes_nothing_and_unreadable_files_fail() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "[{\"id\": \"a\", \"title\": \"T\"},\n  {\"id\": ").unwrap();
    let output = citegrade()
        .current_dir(dir.path())
        .args(["grade", "broken.json", "--as-of", AS_OF])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("broken.json: 1 reference"), "{stdout}");
    assert!(stdout.contains("broken.json:2:"), "{stdout}");
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "grade without --out writes no reports");
}

#[test]
fn bom_and_crlf_files_read_the_same_as_clean_ones() {
    let dir = tempfile::tempdir().unwrap();
    let clean = "TY  - JOUR\nAU  - Smith, Anna\nTI  - Gabapentin for pain: a randomised controlled trial\nJO  - Pain\nPY  - 2015\nER  - \n\nTY  - JOUR\nTI  - Second\nPY  - 2020\nER  - \n";
    std::fs::write(dir.path().join("clean.ris"), clean).unwrap();
    let crlf = format!("\u{feff}{}", clean.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("crlf.ris"), crlf).unwrap();
    let out = tempfile::tempdir().unwrap();
    let clean_path = dir.path().join("clean.ris");
    let crlf_path = dir.path().join("crlf.ris");
    let output = citegrade()
        .arg("grade")
        .arg(&clean_path)
        .arg(&crlf_path)
        .args(["--as-of", AS_OF, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let refs = rows(&out.path().join("references.csv"));
    let strip = |article: &str| -> Vec<Vec<(String, String)>> {
        refs.iter()
            .filter(|r| r["article"] == article)
            .map(|r| {
                r.iter()
                    .filter(|(k, _)| k.as_str() != "article")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .collect()
    };
    assert_eq!(strip("clean").len(), 2);
    assert_eq!(strip("clean"), strip("crlf"));
}

#[test]
fn a_sidecar_bibliography_supplies_the_reference_list() {
    let out = tempfile::tempdir().unwrap();
    let article = repo().join("references/exercise-low-back-pain.txt");
    let output = audit(&[&article], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let refs = rows(&out.path().join("references.csv"));
    assert_eq!(refs.len(), 5);
    assert_eq!(refs[1]["design"], "randomised-trial");
    let findings = rows(&out.path().join("findings.csv"));
    // Citation [6] has no reference; findings about references point into the sidecar.
    let dangling = findings.iter().find(|f| f["code"] == "CG101").unwrap();
    assert_eq!(dangling["reference"], "6");
    assert!(dangling["path"].ends_with("exercise-low-back-pain.txt"));
    let outdated = findings.iter().find(|f| f["code"] == "CG201").unwrap();
    assert!(outdated["path"].ends_with("exercise-low-back-pain.ris"));
    assert_eq!(outdated["line"], "12");
}

#[test]
fn the_audit_skips_sidecars_and_its_own_reports() {
    let dir = tempfile::tempdir().unwrap();
    let seed = repo().join("references/exercise-low-back-pain");
    std::fs::copy(seed.with_extension("txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(seed.with_extension("ris"), dir.path().join("a.ris")).unwrap();
    std::fs::copy(
        seed.with_extension("ris"),
        dir.path().join("standalone.ris"),
    )
    .unwrap();
    let out = dir.path().join("reports");
    // Twice: the second run must not read the first run's CSV reports as bibliographies.
    audit(&[dir.path()], &out, &[]);
    let output = audit(&[dir.path()], &out, &[]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("2 articles"));
    let articles: std::collections::BTreeSet<String> = rows(&out.join("references.csv"))
        .into_iter()
        .map(|r| r["article"].clone())
        .collect();
    assert_eq!(
        articles.into_iter().collect::<Vec<_>>(),
        ["a", "standalone"]
    );
}

#[test]
fn front_matter_names_the_bibliography() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("lib")).unwrap();
    std::fs::write(
        dir.path().join("notes.txt"),
        "---\ntitle: Gabapentin notes\nbibliography:\n  - lib/refs.ris\n  - lib/missing.bib\n---\n\nGabapentin reduces pain [1]. Pregabalin too [2].\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("lib/refs.ris"),
        "TY  - JOUR\nTI  - Gabapentin for central pain: a randomised controlled trial\nPY  - 2022\nER  - \n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&dir.path().join("notes.txt")], out.path(), &[]);
    let refs = rows(&out.path().join("references.csv"));
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0]["design"], "randomised-trial");
    let findings = rows(&out.path().join("findings.csv"));
    let codes: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["code"].as_str(),
                f["line"].as_str(),
                f["severity"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("CG002", "1", "warning"), ("CG101", "8", "error")],
        "{findings:?}"
    );
    assert!(findings[0]["message"].contains("lib/missing.bib"));
    let summary = std::fs::read_to_string(out.path().join("articles/notes.md")).unwrap();
    assert!(summary.starts_with("# Gabapentin notes"));
}

#[test]
fn legacy_encodings_in_bibliographies_are_decoded() {
    let out = tempfile::tempdir().unwrap();
    let output = grade(
        &[
            "tests/fixtures/bibtex/encoding-windows-1252-with-header.bib",
            "tests/fixtures/bibtex/gbk_test.bib",
        ],
        out.path(),
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Declared as windows-1252 in the file: read with its degree sign, and no guess reported.
    assert!(stdout.contains("25\u{b0} C"), "{stdout}");
    let findings = rows(&out.path().join("findings.csv"));
    let cg002: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["code"] == "CG002")
        .map(|f| (f["article"].as_str(), f["message"].as_str()))
        .collect();
    assert_eq!(cg002.len(), 1, "{cg002:?}");
    assert_eq!(cg002[0].0, "gbk_test");
    assert!(cg002[0].1.contains("GBK"));
    let refs = rows(&out.path().join("references.csv"));
    let gbk = refs.iter().find(|r| r["article"] == "gbk_test").unwrap();
    assert_eq!(gbk["ref"], "\u{51ef}\u{6492}2013");
    assert_eq!(gbk["year"], "2013");
}

#[test]
fn pubmed_book_articles_are_recognised_as_pubmed_xml() {
    let out = tempfile::tempdir().unwrap();
    let output = grade(
        &["tests/fixtures/pubmed_xml/MedlineImporterTestBookArticleSet.xml"],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let refs = rows(&out.path().join("references.csv"));
    // Two <PubmedBookArticle> records, the second a bare stub of the same PMID.
    assert_eq!(refs.len(), 2);
    assert_eq!(refs[0]["ref"], "21413195");
    assert_eq!(refs[0]["design"], "guideline");
    assert_eq!(refs[0]["design_source"], "metadata");
}

#[test]
fn spreadsheet_formulas_in_titles_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("hostile.ris");
    std::fs::write(
        &list,
        "TY  - JOUR\nTI  - =HYPERLINK(\"http://x\",\"y\")\nPY  - 2020\nER  - \n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    citegrade()
        .arg("grade")
        .arg(&list)
        .args(["--as-of", AS_OF, "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    let refs = rows(&out.path().join("references.csv"));
    assert_eq!(refs[0]["title"], "'=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(refs[0]["year"], "2020");
}
