//! The claim rules (CG203 overstated claim, CG204 unsupported claim) on small articles in plain
//! text, Markdown and JATS XML, each with the same planted claims and traps:
//!
//! - an uncited recommendation, whose sentence holds "et al." (CG204, quoted whole);
//! - a claim whose citation stands on the next line (cited: not CG204);
//! - a recommendation inside a quoted guideline title (not the article's claim: not CG204);
//! - a hedged claim with "may", uncited (not CG204) and one citing a case report (not CG203);
//! - a claim about patients citing only a rat study (CG203);
//! - the article's own result in its Results section (not CG204).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{audit, rows};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The claim findings (CG203, CG204) of the article, as rows, and its Markdown report (where
/// each finding quotes its sentence).
fn claim_findings(dir: &Path, file: &str, text: &str) -> (Vec<BTreeMap<String, String>>, String) {
    let article = write(dir, file, text);
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&article], out.path(), &[]);
    assert!(output.status.code().is_some(), "citegrade ran");
    let findings = rows(&out.path().join("findings.csv"))
        .into_iter()
        .filter(|r| r["code"] == "CG203" || r["code"] == "CG204")
        .collect();
    let report = std::fs::read_to_string(out.path().join("articles/pain.md")).unwrap();
    (findings, report)
}

/// (code, line, reference) of each finding.
fn keys(findings: &[BTreeMap<String, String>]) -> Vec<(String, String, String)> {
    findings
        .iter()
        .map(|r| (r["code"].clone(), r["line"].clone(), r["reference"].clone()))
        .collect()
}

fn key(code: &str, line: u32, reference: &str) -> (String, String, String) {
    (code.to_string(), line.to_string(), reference.to_string())
}

const RECOMMENDATION: &str =
    "As Freynhagen et al. argued, duloxetine should be offered to patients with painful neuropathy.";

/// The finding of `code` names its trigger words, and the report quotes its sentence whole
/// ("et al." did not cut it).
fn assert_quoted(
    (findings, report): &(Vec<BTreeMap<String, String>>, String),
    code: &str,
    quote: &str,
    cue: &str,
) {
    let finding = findings
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("a {code} finding"));
    assert!(
        finding["message"].contains(&format!("\"{cue}\"")),
        "{code} names {cue}: {}",
        finding["message"]
    );
    assert!(
        report.contains(&format!("> {quote}\n")),
        "{code} quotes its sentence:\n{report}"
    );
}

const REFERENCES_TEXT: &str = "\
1. Moore RA, Wiffen PJ. Gabapentin for chronic neuropathic pain in adults: a systematic review and meta-analysis of randomised trials. Cochrane Database Syst Rev. 2017;6:CD007938.
2. Doe J. Topical capsaicin for neuropathic pain in an elderly man: a case report. Pain Med. 2020;21:1-2.
3. Roe K. Ketamine reverses allodynia in rats with nerve injury. Pain. 2019;160:3-4.
";

#[test]
fn plain_text_claims_and_traps() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "Treating neuropathic pain\n\
         \n\
         Background\n\
         \n\
         Gabapentin reduces neuropathic pain in adults.\n\
         [1]\n\
         {RECOMMENDATION}\n\
         The title of the guideline \"Opioids should be avoided in chronic pain\" names its advice.\n\
         Amitriptyline may improve sleep in some patients with neuropathy.\n\
         Topical capsaicin may be the treatment of choice in older patients [2].\n\
         Ketamine reduces neuropathic pain in patients [3].\n\
         \n\
         References\n\
         \n\
         {REFERENCES_TEXT}"
    );
    let findings = claim_findings(dir.path(), "pain.txt", &text);
    assert_eq!(
        keys(&findings.0),
        [key("CG204", 7, ""), key("CG203", 11, "3")]
    );
    assert_quoted(&findings, "CG204", RECOMMENDATION, "should");
    assert_quoted(
        &findings,
        "CG203",
        "Ketamine reduces neuropathic pain in patients [3].",
        "reduces",
    );
}

#[test]
fn markdown_claims_and_traps() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "# Treating neuropathic pain\n\
         \n\
         ## Background\n\
         \n\
         Gabapentin reduces neuropathic pain in adults.\n\
         [1]\n\
         {RECOMMENDATION}\n\
         The title of the guideline \u{201c}Opioids should be avoided in chronic pain\u{201d} names its advice.\n\
         Amitriptyline may improve sleep in some patients with neuropathy.\n\
         Topical capsaicin may be the treatment of choice in older patients [2].\n\
         Ketamine reduces neuropathic pain in patients [3].\n\
         \n\
         ## Results\n\
         \n\
         In the audit, duloxetine reduced pain scores by a third.\n\
         \n\
         ## References\n\
         \n\
         {REFERENCES_TEXT}"
    );
    let findings = claim_findings(dir.path(), "pain.md", &text);
    assert_eq!(
        keys(&findings.0),
        [key("CG204", 7, ""), key("CG203", 11, "3")]
    );
    assert_quoted(&findings, "CG204", RECOMMENDATION, "should");
}

#[test]
fn jats_claims_and_traps() {
    let dir = tempfile::tempdir().unwrap();
    let reference = |id: u32, title: &str, design_source: &str| {
        format!(
            "<ref id=\"B{id}\"><label>{id}</label><element-citation publication-type=\"journal\">\
             <person-group person-group-type=\"author\"><name><surname>Doe</surname>\
             <given-names>J</given-names></name></person-group><article-title>{title}</article-title>\
             <source>{design_source}</source><year>2020</year></element-citation></ref>"
        )
    };
    let text = format!(
        "<?xml version=\"1.0\"?>\n\
<article article-type=\"research-article\"><front><article-meta><title-group><article-title>Treating neuropathic pain</article-title></title-group></article-meta></front>\n\
<body><sec><title>Background</title>\n\
<p>Gabapentin reduces neuropathic pain in adults.\n\
<xref ref-type=\"bibr\" rid=\"B1\">1</xref></p>\n\
<p>{RECOMMENDATION}</p>\n\
<p>The title of the guideline \u{201c}Opioids should be avoided in chronic pain\u{201d} names its advice.</p>\n\
<p>Amitriptyline may improve sleep in some patients with neuropathy.</p>\n\
<p>Topical capsaicin may be the treatment of choice in older patients <xref ref-type=\"bibr\" rid=\"B2\">2</xref>.</p>\n\
<p>Ketamine reduces neuropathic pain in patients <xref ref-type=\"bibr\" rid=\"B3\">3</xref>.</p>\n\
</sec><sec><title>Results</title>\n\
<p>Duloxetine reduced pain scores by a third.</p>\n\
</sec></body>\n\
<back><ref-list>{}{}{}</ref-list></back></article>\n",
        reference(
            1,
            "Gabapentin for chronic neuropathic pain in adults: a systematic review and meta-analysis of randomised trials",
            "Cochrane Database Syst Rev"
        ),
        reference(
            2,
            "Topical capsaicin for neuropathic pain in an elderly man: a case report",
            "Pain Med"
        ),
        reference(3, "Ketamine reverses allodynia in rats with nerve injury", "Pain"),
    );
    let findings = claim_findings(dir.path(), "pain.xml", &text);
    assert_eq!(
        keys(&findings.0),
        // JATS references go by their id.
        [key("CG204", 6, ""), key("CG203", 10, "B3")]
    );
    assert_quoted(&findings, "CG204", RECOMMENDATION, "should");
}
