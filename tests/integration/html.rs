//! HTML articles exported from a CMS: citations in markup and in text at their exact source
//! positions, the reference list under its heading, and no citation from page furniture.

use crate::util::{audit, finding_keys, repo, rows};

const FIXTURE: &str = "tests/fixtures/html/cms-export.html";

#[test]
fn planted_defects_are_found_at_their_lines() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join(FIXTURE)], out.path(), &[]);
    let citation_findings: Vec<(String, String, String)> = finding_keys(out.path(), "cms-export")
        .into_iter()
        .filter(|(code, _, _)| code.starts_with("CG1") || code == "CG001" || code == "CG002")
        .collect();
    // "<sup>1,3</sup>" cites 3 before "#ref2" cites 2: the numbering is not by first citation.
    let expected = [
        ("CG105", "16", "3"),
        ("CG101", "18", "9"),
        ("CG103", "33", "7"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(c, l, r)| (c.to_string(), l.to_string(), r.to_string()))
        .collect();
    assert_eq!(citation_findings, expected);
}

#[test]
fn every_citation_at_its_tag_or_bracket() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join(FIXTURE)], out.path(), &[]);
    let cited: Vec<(String, String, String, String)> = rows(&out.path().join("citations.csv"))
        .into_iter()
        .map(|c| {
            (
                c["line"].clone(),
                c["column"].clone(),
                c["marker"].clone(),
                c["ref"].clone(),
            )
        })
        .collect();
    let expected = [
        // <sup>1,3</sup>: two citations at the "<sup".
        ("16", "46", "1,3", "1"),
        ("16", "46", "1,3", "3"),
        // <a href="#ref2">2</a>, resolved through the entry's id.
        ("17", "56", "2", "2"),
        // "[4-6]" in the text cites 5 too.
        ("18", "24", "[4-6]", "4"),
        ("18", "24", "[4-6]", "5"),
        ("18", "24", "[4-6]", "6"),
        // The dangling <sup>9</sup>.
        ("18", "62", "9", "9"),
        // <sup><a href="#ref1">[1]</a></sup>: once, not again for its "[1]".
        ("21", "44", "[1]", "1"),
    ];
    let expected: Vec<(String, String, String, String)> = expected
        .iter()
        .map(|(l, c, m, r)| (l.to_string(), c.to_string(), m.to_string(), r.to_string()))
        .collect();
    // Nothing from the header, nav, share widget, script, style, hidden draft or footer, each
    // of which holds a "[1]", "[2]", "[3]" or "[9]"; no exponent (kg/m<sup>2</sup>).
    assert_eq!(cited, expected);
    // Each position points at the markup or bracket in the source.
    let source = std::fs::read_to_string(repo().join(FIXTURE)).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    for (line, column, marker, _) in &expected {
        let line: usize = line.parse().unwrap();
        let column: usize = column.parse().unwrap();
        let at: String = lines[line - 1].chars().skip(column - 1).take(2).collect();
        assert!(
            ["<s", "<a", "[4"].contains(&at.as_str()),
            "{marker} at {line}:{column} is {at:?}"
        );
    }
}

#[test]
fn references_title_and_sections() {
    let out = tempfile::tempdir().unwrap();
    audit(&[&repo().join(FIXTURE)], out.path(), &[]);
    let refs = rows(&out.path().join("references.csv"));
    let keys: Vec<&str> = refs.iter().map(|r| r["ref"].as_str()).collect();
    assert_eq!(keys, ["1", "2", "3", "4", "5", "6", "7"]);
    assert_eq!(refs[2]["year"], "2020");
    assert_eq!(refs[2]["design"], "randomised-trial");
    let times: Vec<&str> = refs.iter().map(|r| r["times_cited"].as_str()).collect();
    assert_eq!(times, ["2", "1", "1", "1", "1", "1", "0"]);
    let report =
        std::fs::read_to_string(out.path().join("articles/cms-export.md")).unwrap_or_default();
    assert!(
        report.contains("Statins after isch\u{e6}mic stroke"),
        "{report}"
    );
}

#[test]
fn html_is_recognised_by_content_and_bad_html_is_no_crash() {
    let dir = tempfile::tempdir().unwrap();
    // A saved page with a .txt name, a truncated page and bytes that are not text.
    std::fs::write(
        dir.path().join("saved.txt"),
        "<!doctype html><p>Gabapentin helps<sup>1</sup>.<h2>References</h2><ol><li>Smith A. Gabapentin for pain. Pain. 2020;1:2.</ol>",
    )
    .unwrap();
    std::fs::write(dir.path().join("cut.html"), "<p>Pain <sup>2").unwrap();
    let mut binary = b"<html>\0".to_vec();
    binary.extend((0u8..=255).cycle().take(2000));
    std::fs::write(dir.path().join("binary.htm"), binary).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir.path()], out.path(), &[]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let citations = rows(&out.path().join("citations.csv"));
    let saved: Vec<(&str, &str)> = citations
        .iter()
        .filter(|c| c["article"] == "saved")
        .map(|c| (c["ref"].as_str(), c["status"].as_str()))
        .collect();
    assert_eq!(saved, [("1", "ok")]);
    let findings = finding_keys(out.path(), "cut");
    assert!(
        findings.contains(&("CG101".into(), "1".into(), "2".into())),
        "{findings:?}"
    );
    assert!(finding_keys(out.path(), "binary")
        .iter()
        .any(|(code, _, _)| code == "CG002"));
}
