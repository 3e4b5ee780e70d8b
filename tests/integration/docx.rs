//! Word documents: paragraphs as lines, superscript and bracketed citations, ranges, footnote
//! references, headings that are not claims, and files that are not Word documents.
//! The fixtures are written by `tests/fixtures/docx/make.py` (paragraph numbers noted there).

use crate::util::{audit, finding_keys, repo, rows};

fn keys(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(c, l, r)| (c.to_string(), l.to_string(), r.to_string()))
        .collect()
}

#[test]
fn planted_defects_in_a_word_document_are_found_exactly() {
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&repo().join("tests/fixtures/docx")], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let citation_findings: Vec<(String, String, String)> = finding_keys(out.path(), "defects")
        .into_iter()
        .filter(|(code, _, _)| code.starts_with("CG1") || code == "CG204")
        .collect();
    // The superscript 7 dangles (paragraph 6). Reference 5 is cited through the range 4-6,
    // so it is not uncited; "m²" is an exponent; the heading "Beta-blockers prevent all
    // deaths" (paragraph 2) is a heading, not an uncited claim.
    // Reference 4 is first cited (paragraph 4) before lower numbers are: CG105.
    assert_eq!(
        citation_findings,
        keys(&[("CG105", "4", "4"), ("CG101", "6", "7")])
    );
    let findings = rows(&out.path().join("findings.csv"));
    let dangling = findings
        .iter()
        .find(|f| f["article"] == "defects" && f["code"] == "CG101")
        .unwrap();
    assert_eq!(
        (dangling["column"].as_str(), dangling["citation"].as_str()),
        ("38", "7")
    );
}

#[test]
fn superscripts_ranges_and_brackets_are_citations_at_their_characters() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join("tests/fixtures/docx")], out.path(), &[]);
    let citations: Vec<(String, String, String, String)> = rows(&out.path().join("citations.csv"))
        .into_iter()
        .filter(|c| c["article"] == "defects")
        .map(|c| {
            (
                c["line"].clone(),
                c["column"].clone(),
                c["marker"].clone(),
                c["ref"].clone(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String)> = [
        ("3", "48", "1,2", "1"),
        ("3", "48", "1,2", "2"),
        ("4", "45", "4-6", "4"),
        ("4", "45", "4-6", "5"),
        ("4", "45", "4-6", "6"),
        ("5", "44", "[3]", "3"),
        ("6", "38", "7", "7"),
    ]
    .iter()
    .map(|(l, c, m, r)| (l.to_string(), c.to_string(), m.to_string(), r.to_string()))
    .collect();
    assert_eq!(citations, expected);
    let references = rows(&out.path().join("references.csv"));
    let cited: Vec<&str> = references
        .iter()
        .filter(|r| r["article"] == "defects")
        .map(|r| r["times_cited"].as_str())
        .collect();
    assert_eq!(cited, ["1", "1", "1", "1", "1", "1"]);
}

#[test]
fn a_footnote_holding_a_reference_is_that_reference() {
    let out = tempfile::tempdir().unwrap();
    audit(
        &[&repo().join("tests/fixtures/docx/footnotes.docx")],
        out.path(),
        &[],
    );
    let citations = rows(&out.path().join("citations.csv"));
    assert_eq!(citations.len(), 1);
    let c = &citations[0];
    assert_eq!(
        (
            c["line"].as_str(),
            c["column"].as_str(),
            c["ref"].as_str(),
            c["status"].as_str()
        ),
        ("2", "38", "fn1", "ok")
    );
    let references = rows(&out.path().join("references.csv"));
    assert_eq!(references.len(), 1);
    assert_eq!(references[0]["year"], "2018");
    // The other footnote is commentary: read as text, no finding, not a reference.
    assert!(finding_keys(out.path(), "footnotes")
        .iter()
        .all(|(code, _, _)| code == "CG205"));
    let report = std::fs::read_to_string(out.path().join("articles/footnotes.md")).unwrap();
    assert!(report.contains("Line numbers are paragraph numbers"));
}

#[test]
fn files_that_are_not_word_documents_are_input_errors() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join("tests/fixtures/docx")], out.path(), &[]);
    for article in ["corrupt", "no-document"] {
        assert_eq!(
            finding_keys(out.path(), article),
            keys(&[("CG002", "", "")]),
            "{article}"
        );
    }
}
