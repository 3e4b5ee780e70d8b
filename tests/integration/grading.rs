//! Study-design grading through `citegrade grade`: in every bibliography format a design stated
//! in the metadata decides, before any cue in the title; the `certainty` column follows.

use std::collections::BTreeMap;

use crate::util::{citegrade, rows, AS_OF};

/// Grade one bibliography file `name` holding `content`; its references.csv rows.
fn graded(name: &str, content: &str) -> Vec<BTreeMap<String, String>> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    let out = dir.path().join("out");
    let output = citegrade()
        .arg("grade")
        .arg(&path)
        .args(["--as-of", AS_OF, "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    rows(&out.join("references.csv"))
}

/// (design, design_source, design_cue, level, certainty) of a row.
fn grade(row: &BTreeMap<String, String>) -> (&str, &str, &str, &str, &str) {
    (
        row["design"].as_str(),
        row["design_source"].as_str(),
        row["design_cue"].as_str(),
        row["level"].as_str(),
        row["certainty"].as_str(),
    )
}

#[test]
fn medline_publication_type_decides() {
    // The title says "review"; the publication type says case report, and wins.
    let refs = graded(
        "refs.nbib",
        "PMID- 1\nSTAT- MEDLINE\nTI  - Thalamic pain: a review prompted by one patient.\nDP  - 2015\nPT  - Journal Article\nPT  - Case Reports\n",
    );
    assert_eq!(
        grade(&refs[0]),
        (
            "case-report",
            "metadata",
            "publication type: Case Reports",
            "4",
            "very-low"
        )
    );
}

#[test]
fn pubmed_xml_publication_type_decides() {
    let xml = r#"<?xml version="1.0"?>
<PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">
<PMID Version="1">2</PMID><Article><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue><Title>Pain</Title></Journal>
<ArticleTitle>Duloxetine for central pain.</ArticleTitle>
<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType><PublicationType UI="D016449">Randomized Controlled Trial</PublicationType></PublicationTypeList>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"#;
    let refs = graded("refs.xml", xml);
    assert_eq!(
        grade(&refs[0]),
        (
            "randomised-trial",
            "metadata",
            "publication type: Randomized Controlled Trial",
            "2",
            "high"
        )
    );
}

#[test]
fn ris_keyword_decides() {
    let refs = graded(
        "refs.ris",
        "TY  - JOUR\nTI  - Vitamin D and falls\nPY  - 2019\nKW  - falls\nKW  - Cohort Studies\nER  - \n",
    );
    assert_eq!(
        grade(&refs[0]),
        ("cohort", "metadata", "keyword: Cohort Studies", "3", "low")
    );
}

#[test]
fn bibtex_type_field_decides() {
    let refs = graded(
        "refs.bib",
        "@article{a, title = {Exercise and back pain}, year = {2018}, type = {Systematic Review}}\n\
         @article{b, title = {Opioids after surgery}, year = {2017}, keywords = {pain; Meta-Analysis}}\n",
    );
    assert_eq!(
        grade(&refs[0]),
        (
            "systematic-review",
            "metadata",
            "publication type: Systematic Review",
            "1",
            "high"
        )
    );
    assert_eq!(grade(&refs[1]).0, "meta-analysis");
    assert_eq!(grade(&refs[1]).1, "metadata");
}

#[test]
fn csl_json_type_and_keyword_decide() {
    let refs = graded(
        "refs.json",
        r#"[{"id": "a", "type": "article-journal", "title": "Statins in the elderly", "issued": {"date-parts": [[2016]]}, "keyword": "statins, cross-sectional study"},
            {"id": "b", "type": "review-book", "title": "A book on pain", "issued": {"date-parts": [[2012]]}}]"#,
    );
    assert_eq!(
        grade(&refs[0]),
        (
            "cross-sectional",
            "metadata",
            "keyword: cross-sectional study",
            "4",
            "low"
        )
    );
    assert_eq!(
        grade(&refs[1]),
        (
            "expert-opinion",
            "metadata",
            "entry type: review-book",
            "5",
            "not-rated"
        )
    );
}

#[test]
fn csv_publication_type_column_decides() {
    let refs = graded(
        "refs.csv",
        "title,year,publication type\nManaging neuropathic pain,2021,Practice Guideline\n",
    );
    assert_eq!(
        grade(&refs[0]),
        (
            "guideline",
            "metadata",
            "publication type: Practice Guideline",
            "guideline",
            "not-rated"
        )
    );
}

#[test]
fn without_metadata_the_title_then_the_abstract_decide() {
    let refs = graded(
        "refs.ris",
        "TY  - JOUR\nTI  - Protocol for a randomised trial of duloxetine\nPY  - 2024\nER  - \n\
         TY  - JOUR\nTI  - Duloxetine in central pain\nPY  - 2022\nAB  - Patients were randomly assigned to duloxetine or placebo.\nER  - \n\
         TY  - JOUR\nTI  - Duloxetine in central pain\nPY  - 2022\nER  - \n",
    );
    assert_eq!(
        grade(&refs[0]),
        (
            "protocol",
            "title",
            "Protocol for a randomised",
            "not-ranked",
            "not-rated"
        )
    );
    assert_eq!(
        grade(&refs[1]),
        (
            "randomised-trial",
            "abstract",
            "randomly assigned",
            "2",
            "high"
        )
    );
    assert_eq!(
        grade(&refs[2]),
        ("unknown", "unknown", "", "unknown", "unknown")
    );
}
