//! Bad files are findings, not crashes, and never stop the batch.

use crate::util::{audit, finding_keys, repo, rows};

#[test]
fn empty_binary_and_windows_1252_files_beside_the_seed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("references/thalamic-pain.txt"),
        dir.path().join("thalamic-pain.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let mut binary = b"%PDF-1.4\n".to_vec();
    binary.extend((0u8..=255).cycle().take(2000));
    std::fs::write(dir.path().join("binary.txt"), binary).unwrap();
    // "Café" and curly quotes in Windows-1252; the article cites a reference it lacks.
    std::fs::write(
        dir.path().join("legacy.txt"),
        b"Caf\xe9ine and headache\n\nCaffeine relieves tension headache \x93quickly\x94 [1, 2].\n\nReferences\n\n1. M\xfcller K. Caffeine as an analgesic adjuvant: a meta-analysis. Cephalalgia. 2021;1:1-9.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("scan.pdf"), b"%PDF-1.4 not audited").unwrap();

    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir.path()], out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("4 articles"));

    let findings = rows(&out.path().join("findings.csv"));
    let cg002: Vec<(String, String, String)> = findings
        .iter()
        .filter(|r| r["code"] == "CG002")
        .map(|r| {
            (
                r["article"].clone(),
                r["severity"].clone(),
                r["message"].clone(),
            )
        })
        .collect();
    assert_eq!(cg002.len(), 3, "{cg002:?}");
    assert_eq!(cg002[0].0, "binary");
    assert_eq!(cg002[0].1, "error");
    assert!(cg002[0].2.contains("not a text file"), "{}", cg002[0].2);
    assert_eq!(
        cg002[1],
        ("empty".into(), "error".into(), "file is empty".into())
    );
    assert_eq!(cg002[2].0, "legacy");
    assert_eq!(cg002[2].1, "warning");
    assert!(cg002[2].2.contains("line 1") && cg002[2].2.contains("Windows-1252"));

    // The legacy file is still audited, decoded correctly.
    let dangling = finding_keys(out.path(), "legacy");
    assert!(
        dangling.contains(&("CG101".into(), "3".into(), "2".into())),
        "{dangling:?}"
    );
    let refs = rows(&out.path().join("references.csv"));
    let legacy = refs.iter().find(|r| r["article"] == "legacy").unwrap();
    assert_eq!(legacy["authors"], "Müller K.");
    assert_eq!(legacy["design"], "meta-analysis");

    // The seed's findings are the same as when it is audited alone.
    let alone = tempfile::tempdir().unwrap();
    audit(&[&dir.path().join("thalamic-pain.txt")], alone.path(), &[]);
    assert_eq!(
        finding_keys(out.path(), "thalamic-pain"),
        finding_keys(alone.path(), "thalamic-pain")
    );

    // The PDF is not audited, but it is not silently dropped either.
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("scan.pdf"), "{summary}");
}

#[test]
fn nothing_panics_on_hostile_text() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[u8]; 6] = [
        b"References\n",
        b"[99999999999999999999]\n\nReferences\n\n1.\n",
        b"\n\n\n   \n\t\nx",
        b"the 2015 study 99999 [1-999999] [5-1]\n\nReferences\n\nResearch\n",
        "\u{2022}\u{2022}\u{2022} [1\u{2013}3] caf\u{e9} \u{1F600}.\n\nReferences\n\n[1] \u{1F600}\n".as_bytes(),
        b"\xEF\xBB\xBFTitle\r\n\r\nText [1].\r\n\r\nReferences\r\n\r\n1. A B. C. D. 2020.\r\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        std::fs::write(dir.path().join(format!("case-{i}.txt")), bytes).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[dir.path()], out.path(), &["--fail-on", "never"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let crlf = rows(&out.path().join("citations.csv"))
        .into_iter()
        .find(|r| r["article"] == "case-5")
        .unwrap();
    assert_eq!(
        (crlf["line"].as_str(), crlf["status"].as_str()),
        ("3", "ok")
    );
}
