//! CG104 (duplicate reference) and CG105 (citation order) in several formats, and the planted
//! defects of the example JATS article.

use crate::util::{audit, finding_keys, repo};

fn keys(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(c, l, r)| (c.to_string(), l.to_string(), r.to_string()))
        .collect()
}

fn list_findings(dir: &std::path::Path, article: &str) -> Vec<(String, String, String)> {
    finding_keys(dir, article)
        .into_iter()
        .filter(|(code, _, _)| matches!(code.as_str(), "CG101" | "CG103" | "CG104" | "CG105"))
        .collect()
}

#[test]
fn duplicates_and_order_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("numbered.txt");
    std::fs::write(
        &article,
        "Statins\n\nStatins lower LDL [1]. They prevent strokes [3] and heart attacks [2].\nRecent work agrees [2, 5].\n\nReferences\n\n1. Smith AB. Statins and cholesterol: a cohort study. Lancet. 2019;1:1-9. doi:10.1000/ABC\n2. Lee C. Statins and stroke: a randomised controlled trial. BMJ. 2020;2:3-4.\n3. Smith A. Statins and cholesterol - a cohort study! Lancet. 2019.\n5. Roe D. Another trial. JAMA. 2021;3:5-6. DOI: 10.1000/abc\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&article], out.path(), &[]);
    assert_eq!(
        list_findings(out.path(), "numbered"),
        keys(&[
            // 3 is cited before 2.
            ("CG105", "3", "3"),
            // Same normalised title and year as 1.
            ("CG104", "10", "3"),
            // The list skips 4; 5 has the DOI of 1 in another case.
            ("CG104", "11", "5"),
            ("CG105", "11", "5"),
        ])
    );
}

#[test]
fn duplicates_in_a_bibtex_sidecar_of_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("review.md"),
        "# Review\n\nAspirin helps [@a]. It also helps [@b; @c].\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("review.bib"),
        "@article{a, title={Aspirin for primary prevention}, year=2018, pmid={123}}\n@article{b, title={Aspirin in the elderly: a randomised trial}, year=2018, pmid={123}}\n@article{c, title={Aspirin in the {E}lderly -- a Randomised Trial.}, year=2018}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&dir.path().join("review.md")], out.path(), &[]);
    assert_eq!(
        list_findings(out.path(), "review"),
        keys(&[("CG104", "2", "b"), ("CG104", "3", "c")])
    );
}

#[test]
fn the_example_jats_article_shows_its_planted_defects() {
    let out = tempfile::tempdir().unwrap();
    audit(
        &[&repo().join("references/sglt2-review.xml")],
        out.path(),
        &[],
    );
    assert_eq!(
        finding_keys(out.path(), "sglt2-review"),
        keys(&[
            ("CG203", "18", "B4"), // "proves" on a case report
            ("CG204", "19", ""),   // diuretics "should be reduced", no citation
            ("CG101", "23", "B6"), // no reference B6
            ("CG205", "28", "B1"),
            ("CG205", "29", "B2"),
            ("CG103", "32", "B5"), // never cited
        ])
    );
}

#[test]
fn duplicates_in_a_csl_json_list_and_stale_recent_claims_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("items.json"),
        r#"[{"id": "a", "title": "Vitamin D and falls: a randomised trial", "issued": {"date-parts": [[2019]]}, "DOI": "10.1/ABC"},
  {"id": "b", "title": "Another study of something else", "issued": {"date-parts": [[2020]]}, "DOI": "10.1/abc"}]"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("note.md"),
        "---\ntitle: Falls\ndate: 2024-03-01\n---\n\n## Recent evidence\n\nVitamin D was studied [1]. An older view held [2].\n\n## References\n\n1. Lee K. Vitamin D and falls. BMJ. 2021;1:1-2.\n2. Roe D. Falls in older people. Lancet. 2012;2:3-4.\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[dir.path()], out.path(), &[]);
    assert_eq!(
        list_findings(out.path(), "items"),
        keys(&[("CG104", "2", "b")])
    );
    // Under "Recent evidence", dated 2024: the 2021 study is recent, the 2012 one is not.
    let stale: Vec<(String, String, String)> = finding_keys(out.path(), "note")
        .into_iter()
        .filter(|(code, _, _)| code == "CG202")
        .collect();
    assert_eq!(stale, keys(&[("CG202", "8", "2")]));
}
