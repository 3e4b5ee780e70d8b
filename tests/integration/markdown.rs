//! Markdown articles (numbered and pandoc citations) and author-year citations in every text
//! format, on articles with planted defects.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{audit, finding_keys, repo, rows};

fn key(code: &str, line: u32, reference: &str) -> (String, String, String) {
    (code.to_string(), line.to_string(), reference.to_string())
}

/// The citation findings (CG1xx) of `article`, as (code, line, reference).
fn citation_findings(out: &Path, article: &str) -> Vec<(String, String, String)> {
    finding_keys(out, article)
        .into_iter()
        .filter(|(code, _, _)| code.starts_with("CG1"))
        .collect()
}

/// (line, marker, ref, status) of every citation of `article`.
fn citations(out: &Path, article: &str) -> Vec<(String, String, String, String)> {
    rows(&out.join("citations.csv"))
        .into_iter()
        .filter(|r| r["article"] == article)
        .map(|r| {
            (
                r["line"].clone(),
                r["marker"].clone(),
                r["ref"].clone(),
                r["status"].clone(),
            )
        })
        .collect()
}

fn message(out: &Path, article: &str, code: &str, reference: &str) -> String {
    rows(&out.join("findings.csv"))
        .into_iter()
        .find(|r| r["article"] == article && r["code"] == code && r["reference"] == reference)
        .map(|r| r["message"].clone())
        .unwrap_or_default()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn numbered_markdown_article_findings_are_the_planted_defects() {
    let out = tempfile::tempdir().unwrap();
    let article = repo().join("references/sodium-hypertension.md");
    let output = audit(&[&article], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        citation_findings(out.path(), "sodium-hypertension"),
        [
            key("CG102", 18, "3"), // "the 2015 meta-analysis 3": reference 3 is from 2013
            key("CG101", 21, "8"), // <sup>8</sup> with seven references
            key("CG103", 59, "7"), // cited only inside a code block
        ]
    );
    // "[4-6]" cites 5, so reference 5 is not uncited; the superscripts, the link "[2](#ref-2)"
    // and the table cells are citations; the code block, the comment and "kg/m^2^" are not.
    let cited: Vec<(String, String, String)> = citations(out.path(), "sodium-hypertension")
        .into_iter()
        .map(|(line, marker, reference, _)| (line, marker, reference))
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("10", "[1]", "1"),
        ("11", "^2^", "2"),
        ("12", "[2](#ref-2)", "2"),
        ("17", "[3]", "3"),
        ("18", "[4-6]", "4"),
        ("18", "[4-6]", "5"),
        ("18", "[4-6]", "6"),
        ("18", "2015 meta-analysis 3", "3"),
        ("20", "<sup>6</sup>", "6"),
        ("21", "<sup>8</sup>", "8"),
        ("25", "[3]", "3"),
        ("26", "[4]", "4"),
    ]
    .iter()
    .map(|(l, m, r)| (l.to_string(), m.to_string(), r.to_string()))
    .collect();
    assert_eq!(cited, expected);
    assert!(message(out.path(), "sodium-hypertension", "CG101", "8").contains("7 references"));
}

#[test]
fn pandoc_article_resolves_keys_against_its_bibtex_sidecar() {
    let out = tempfile::tempdir().unwrap();
    let article = repo().join("references/exercise-depression.md");
    let output = audit(&[&article], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        citation_findings(out.path(), "exercise-depression"),
        [
            key("CG101", 15, "noetel2023"),     // a key the .bib lacks
            key("CG102", 21, "blumenthal1999"), // "Blumenthal et al. (2000)"
            key("CG101", 22, "Dwan 2013"),      // Dwan is a co-author of cooney2013
            key("CG103", 35, "kvam2016"),       // in the .bib, never cited
        ]
    );
    let refs: Vec<(String, String)> = citations(out.path(), "exercise-depression")
        .into_iter()
        .map(|(line, _, reference, _)| (line, reference))
        .collect();
    let at = |line: &str| -> Vec<&str> {
        refs.iter()
            .filter(|(l, _)| l == line)
            .map(|(_, r)| r.as_str())
            .collect()
    };
    // "[@cooney2013; @schuch2016a, p. 45]": both keys.
    assert_eq!(at("18"), ["cooney2013", "schuch2016a"]);
    // "(Schuch et al., 2016b)": the second 2016 work of Schuch in list order.
    assert_eq!(at("17"), ["schuch2016b"]);
    // "@schuch2018 found" and "[see also -@schuch2018]".
    assert_eq!(at("20"), ["schuch2018"]);
    assert_eq!(at("21"), ["schuch2018", "blumenthal1999"]);
    // "(Cooney et al., 2013; Schuch & Vancampfort, 2016a)".
    assert_eq!(at("25"), ["cooney2013", "schuch2016a"]);
    let article = "exercise-depression";
    assert!(message(out.path(), article, "CG101", "noetel2023").contains("did you mean noetel2024"));
    assert!(message(out.path(), article, "CG102", "blumenthal1999")
        .contains("the list has Blumenthal, 1999"));
    assert!(message(out.path(), article, "CG101", "Dwan 2013")
        .contains("co-author, not the first author, of Cooney, 2013"));
    // The e-mail address is no citation.
    assert!(refs.iter().all(|(_, r)| !r.contains("example")));
}

#[test]
fn author_year_citations_in_plain_text_and_the_co_author_trap() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(
        dir.path(),
        "statins.txt",
        "Statins and memory\n\
         \n\
         Statins lowered events (Smith et al., 2015) but not memory (Jones, 2015).\n\
         Lee et al. (2019) and Lee and colleagues (2019b) agree (M\u{fc}ller, 2012).\n\
         Smith and Jones (2016) disagree (Lee, 2019c).\n\
         Rates rose (2015) sharply (p < 0.05) in adults (n = 12, 2015); see (Table 2, 2019).\n\
         \n\
         References\n\
         \n\
         1. Smith AB, Jones C. Statins and events. Lancet. 2015;1:2-3.\n\
         2. Lee K, Park J. Statins and memory. BMJ. 2019;2:4.\n\
         3. Lee K. Statins and mood. BMJ. 2019;3:5.\n\
         4. Muller J. Older statins. JAMA. 2012;4:6.\n",
    );
    let out = tempfile::tempdir().unwrap();
    audit(&[&article], out.path(), &[]);
    assert_eq!(
        citation_findings(out.path(), "statins"),
        [
            // Jones is the second author of the 2015 paper: never resolved to it.
            key("CG101", 3, "Jones 2015"),
            // Smith has no 2016 work: the nearest is reference 1.
            key("CG102", 5, "1"),
            // Lee has two 2019 works: "2019c" names none.
            key("CG101", 5, "Lee 2019c"),
        ]
    );
    let statuses: Vec<(String, String, String)> = citations(out.path(), "statins")
        .into_iter()
        .map(|(line, _, reference, status)| (line, reference, status))
        .collect();
    let expected: Vec<(String, String, String)> = [
        ("3", "1", "ok"),
        ("3", "Jones 2015", "dangling"),
        ("4", "2", "ok"),
        ("4", "3", "ok"),
        ("4", "4", "ok"),
        ("5", "1", "year-mismatch"),
        ("5", "Lee 2019c", "dangling"),
    ]
    .iter()
    .map(|(l, r, s)| (l.to_string(), r.to_string(), s.to_string()))
    .collect();
    assert_eq!(statuses, expected);
    assert!(message(out.path(), "statins", "CG102", "1").contains("the list has Smith, 2015"));
    assert!(message(out.path(), "statins", "CG101", "Lee 2019c").contains("lettered a to b"));
}

#[test]
fn markdown_number_forms_ranges_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "forms.bib",
        "@article{smith2015, author={Smith, Anna}, title={A trial}, journal={J}, year={2015}}\n",
    );
    let article = write(
        dir.path(),
        "forms.md",
        "# Forms\n\
         \n\
         One [1,3] and two [1\u{2013}4] and three<sup>1,3-5</sup> and [@smith2015] and\n\
         `[9]` and [@Smith2015].\n\
         \n\
         ## References\n\
         \n\
         [1] Smith A. A trial. J. 2015.\n\
         [2] Lee B. B trial. J. 2016.\n\
         [3] Kim C. C trial. J. 2017.\n\
         [4] Ng D. D trial. J. 2018.\n\
         [5] Ito E. E trial. J. 2019.\n",
    );
    let out = tempfile::tempdir().unwrap();
    audit(&[&article], out.path(), &[]);
    let keys: Vec<String> = citations(out.path(), "forms")
        .into_iter()
        .map(|(_, _, reference, _)| reference)
        .collect();
    assert_eq!(
        keys,
        [
            "1",
            "3",
            "1",
            "2",
            "3",
            "4",
            "1",
            "3",
            "4",
            "5",
            "smith2015",
            "Smith2015"
        ]
    );
    assert_eq!(
        citation_findings(out.path(), "forms"),
        [key("CG101", 4, "Smith2015")]
    );
    assert!(message(out.path(), "forms", "CG101", "Smith2015").contains("did you mean smith2015"));
    let by_article: BTreeMap<String, usize> = rows(&out.path().join("references.csv"))
        .into_iter()
        .fold(BTreeMap::new(), |mut m, r| {
            *m.entry(r["article"].clone()).or_default() += 1;
            m
        });
    // Five numbered entries in the article, and the sidecar's key.
    assert_eq!(by_article.get("forms"), Some(&6));
}
