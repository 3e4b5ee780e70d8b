//! Real published JATS articles: every `<xref ref-type="bibr">` resolves, and no false alarms.

use std::collections::BTreeSet;
use std::path::Path;

use regex::Regex;

use crate::util::{audit, repo, rows};

/// How many citations the file makes, counted independently of the reader: one per bibr xref,
/// plus the references a range "X–Y" between two xrefs implies.
fn expected_citations(xml: &str) -> usize {
    let ids: Vec<&str> = Regex::new(r#"<ref id="([^"]+)""#)
        .unwrap()
        .captures_iter(xml)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let index = |id: &str| ids.iter().position(|r| *r == id);
    let xrefs = Regex::new(r#"<xref[^>]*ref-type="bibr"[^>]*>"#)
        .unwrap()
        .find_iter(xml)
        .count();
    let range = Regex::new(
        r#"<xref[^>]*rid="([^"]+)"[^>]*>[^<]*</xref>\s*(?:&#x2013;|–|-|—)\s*<xref[^>]*ref-type="bibr"[^>]*rid="([^"]+)""#,
    )
    .unwrap();
    let implied: usize = range
        .captures_iter(xml)
        .filter_map(|c| index(&c[2])?.checked_sub(index(&c[1])? + 1))
        .sum();
    xrefs + implied
}

#[test]
fn published_articles_have_no_dangling_citations() {
    let dir = repo().join("tests/fixtures/jats");
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&dir], out.path(), &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings = rows(&out.path().join("findings.csv"));
    let codes: BTreeSet<&str> = findings.iter().map(|f| f["code"].as_str()).collect();
    for never in ["CG001", "CG002", "CG101", "CG102"] {
        assert!(
            !codes.contains(never),
            "{never} on a published article: {findings:?}"
        );
    }
    let citations = rows(&out.path().join("citations.csv"));
    assert!(citations.iter().all(|c| c["status"] == "ok"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("xml" | "nxml")
        ) {
            continue;
        }
        let xml = std::fs::read_to_string(&path).unwrap();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let made = citations.iter().filter(|c| c["article"] == id).count();
        assert_eq!(made, expected_citations(&xml), "{id}");
    }
}

#[test]
fn only_truly_uncited_references_are_uncited() {
    let dir = repo().join("tests/fixtures/jats");
    let out = tempfile::tempdir().unwrap();
    audit(&[&dir], out.path(), &[]);
    let uncited: Vec<(String, String)> = rows(&out.path().join("findings.csv"))
        .into_iter()
        .filter(|f| f["code"] == "CG103")
        .map(|f| (f["article"].clone(), f["reference"].clone()))
        .collect();
    // Checked by hand: each id below occurs once in its file, in the reference list.
    let expected: Vec<(String, String)> = [
        ("journal.pmed.0020124", "pmed-0020124-b2"),
        ("journal.pmed.0020124", "pmed-0020124-b3"),
        ("journal.pmed.0020124", "pmed-0020124-b19"),
        ("journal.pmed.0020124", "pmed-0020124-b20"),
        ("journal.pmed.0020124", "pmed-0020124-b33"),
        ("journal.pmed.0020124", "pmed-0020124-b34"),
        // A correction notice names the corrected article without citing it.
        ("journal.pone.0097541", "pone.0097541-Qiu1"),
    ]
    .iter()
    .map(|(a, r)| (a.to_string(), r.to_string()))
    .collect();
    assert_eq!(uncited, expected);
}

#[test]
fn ranges_between_xrefs_cite_the_references_in_between() {
    let out = tempfile::tempdir().unwrap();
    let article = repo().join("tests/fixtures/jats/journal.pmed.1001300.xml");
    audit(&[&article], out.path(), &[]);
    let refs = rows(&out.path().join("references.csv"));
    assert_eq!(refs.len(), 60);
    // 25 xrefs, but through their ranges they cite all 60 references.
    assert!(refs.iter().all(|r| r["times_cited"] != "0"));
    let citations = rows(&out.path().join("citations.csv"));
    let implied = citations
        .iter()
        .filter(|c| c["marker"].contains('\u{2013}'))
        .count();
    assert!(implied > 30, "{implied}");
    // Each citation points at its xref: the line holds that xref's rid.
    let xml = std::fs::read_to_string(&article).unwrap();
    let lines: Vec<&str> = xml.lines().collect();
    let first = &citations[0];
    let line: usize = first["line"].parse().unwrap();
    let column: usize = first["column"].parse().unwrap();
    let at: String = lines[line - 1].chars().skip(column - 1).take(5).collect();
    assert_eq!(at, "<xref");
    assert!(Path::new(&article).exists());
}

#[test]
fn recent_is_judged_at_the_articles_own_date() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("dated.xml");
    std::fs::write(
        &article,
        r#"<article><front><article-meta><pub-date pub-type="epub"><year>2010</year></pub-date></article-meta></front>
<body><sec><title>Introduction</title>
<p>Recent trials agree <xref ref-type="bibr" rid="r1">1</xref>, <xref ref-type="bibr" rid="r2">2</xref>.</p>
</sec></body>
<back><ref-list>
<ref id="r1"><element-citation><article-title>A trial</article-title><source>BMJ</source><year>2007</year></element-citation></ref>
<ref id="r2"><element-citation><article-title>An older trial</article-title><source>BMJ</source><year>1995</year></element-citation></ref>
</ref-list></back></article>"#,
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&article], out.path(), &[]);
    let stale: Vec<(String, String)> = rows(&out.path().join("findings.csv"))
        .into_iter()
        .filter(|f| f["code"] == "CG202")
        .map(|f| (f["reference"].clone(), f["message"].clone()))
        .collect();
    // 2007 was recent in 2010 (though 19 years old at --as-of); 1995 was not.
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert_eq!(stale[0].0, "r2");
    assert!(
        stale[0]
            .1
            .contains("15 years older than the article (2010)"),
        "{}",
        stale[0].1
    );
}
