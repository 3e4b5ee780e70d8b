//! Inline suppressions: `citegrade: ignore` comments in every syntax silence the findings on
//! their line and the next (or in their whole file), and a comment that silences nothing is
//! reported (CG003).

use std::path::{Path, PathBuf};

use crate::util::{audit, finding_keys, rows, STIMULATION as PLAIN};

fn key(code: &str, line: u32, reference: &str) -> (String, String, String) {
    (code.to_string(), line.to_string(), reference.to_string())
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The findings of one article, audited on its own, with the run's stderr.
fn findings_of(path: &Path, article: &str) -> (Vec<(String, String, String)>, String) {
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[path], out.path(), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(output.status.code(), Some(2), "{stderr}");
    (finding_keys(out.path(), article), stderr)
}

#[test]
fn unsuppressed_plain_text_has_the_planted_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (findings, _) = findings_of(&write(dir.path(), "a.txt", PLAIN), "a");
    assert_eq!(
        findings,
        [
            key("CG101", 4, "3"),
            key("CG201", 8, "1"),
            key("CG201", 9, "2")
        ]
    );
}

#[test]
fn plain_text_directive_on_the_line_before_and_on_the_same_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = PLAIN
        .replacen("Spinal cord", "# citegrade: ignore CG101\nSpinal cord", 1)
        .replace("2009;40:503-8.", "2009;40:503-8. # citegrade: ignore CG2");
    let path = write(dir.path(), "a.txt", &text);
    let (findings, stderr) = findings_of(&path, "a");
    assert_eq!(findings, [key("CG201", 9, "1")]);
    assert!(stderr.contains("; 2 suppressed;"), "{stderr}");
    // The directive line is no sentence, heading or reference: the text reads as before.
    let out = tempfile::tempdir().unwrap();
    audit(&[&path], out.path(), &[]);
    let sentences: Vec<String> = rows(&out.path().join("citations.csv"))
        .into_iter()
        .map(|r| r["sentence"].clone())
        .collect();
    assert!(
        sentences.iter().all(|s| !s.contains("citegrade")),
        "{sentences:?}"
    );
    let references = rows(&out.path().join("references.csv"));
    assert_eq!(references.len(), 2);
    assert!(references.iter().all(|r| !r["title"].contains("citegrade")));
}

#[test]
fn a_file_wide_directive_silences_its_codes_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("{PLAIN}\n# citegrade: ignore-file CG201\n");
    let (findings, _) = findings_of(&write(dir.path(), "a.txt", &text), "a");
    assert_eq!(findings, [key("CG101", 4, "3")]);
}

#[test]
fn an_unused_or_unknown_directive_is_cg003() {
    let dir = tempfile::tempdir().unwrap();
    let text = PLAIN.replacen(
        "Motor cortex",
        "# citegrade: ignore CG204, CG999\nMotor cortex",
        1,
    );
    let path = write(dir.path(), "a.txt", &text);
    let out = tempfile::tempdir().unwrap();
    audit(&[&path], out.path(), &[]);
    let cg003: Vec<(String, String)> = rows(&out.path().join("findings.csv"))
        .into_iter()
        .filter(|r| r["code"] == "CG003")
        .map(|r| (r["line"].clone(), r["message"].clone()))
        .collect();
    assert_eq!(
        cg003,
        [
            (
                "3".to_string(),
                "`CG204` silences nothing: no CG204 finding on this line or the next".to_string()
            ),
            (
                "3".to_string(),
                "`CG999` is not a citegrade rule code (see `citegrade rules`)".to_string()
            ),
        ]
    );
}

#[test]
fn markdown_comment_before_and_on_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\
# Does stimulation help?

Motor cortex stimulation relieved pain [1]. <!-- citegrade: ignore CG201 -->
<!-- citegrade: ignore CG101 -->
Spinal cord stimulation helped [2] and more [3].

## References

1. Tsubokawa T. Chronic motor cortex stimulation: a randomised trial. Acta Neurochir. 1991;52:137-9.
<!-- citegrade: ignore CG201 -->
2. Kumar K. Spinal cord stimulation: a randomised trial. Neurosurgery. 2009;40:503-8.
";
    let (findings, _) = findings_of(&write(dir.path(), "m.md", text), "m");
    // Line 3's comment reaches lines 3 and 4, where no CG201 stands: CG201 points at the
    // reference, so it is reported as unused.
    assert_eq!(findings, [key("CG003", 3, ""), key("CG201", 9, "1")]);
}

#[test]
fn html_comment_silences_the_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "<!DOCTYPE html>
<html><body>
<h1>Does stimulation help?</h1>
<p>Motor cortex stimulation relieved pain [1].
<!-- citegrade: ignore CG101 -->
Spinal cord stimulation helped [2] and more [3].</p>
<h2>References</h2>
<ol>
<li>Tsubokawa T. Chronic motor cortex stimulation: a randomised trial. Acta Neurochir. 1991;52:137-9.</li>
<li>Kumar K. Spinal cord stimulation: a randomised trial. Neurosurgery. 2009;40:503-8.</li>
</ol>
<!-- citegrade: ignore-file CG201 -->
</body></html>
";
    let (findings, _) = findings_of(&write(dir.path(), "h.html", text), "h");
    assert_eq!(findings, []);
    // Without the comments, the same page has its three findings.
    let bare: String = text
        .lines()
        .filter(|l| !l.contains("citegrade"))
        .map(|l| format!("{l}\n"))
        .collect();
    let (findings, _) = findings_of(&write(dir.path(), "h.html", &bare), "h");
    let codes: Vec<&str> = findings.iter().map(|(code, _, _)| code.as_str()).collect();
    assert_eq!(codes, ["CG101", "CG201", "CG201"]);
}

#[test]
fn latex_comment_and_bib_sidecar_comment() {
    let dir = tempfile::tempdir().unwrap();
    let tex = "\\documentclass{article}
\\begin{document}
Motor cortex stimulation relieved pain \\cite{tsu}.
Spinal cord stimulation helped \\cite{kum} and more \\cite{gone}. % citegrade: ignore CG101
\\bibliography{t}
\\end{document}
";
    let bib = "% citegrade: ignore CG201
@article{tsu, author={Tsubokawa, T.}, title={Chronic motor cortex stimulation: a randomised trial},
  journal={Acta Neurochir}, year={1991}}
@article{kum, author={Kumar, K.}, title={Spinal cord stimulation: a randomised trial},
  journal={Neurosurgery}, year={2009}}
";
    write(dir.path(), "t.bib", bib);
    let tex_path = write(dir.path(), "t.tex", tex);
    let out = tempfile::tempdir().unwrap();
    audit(&[&tex_path], out.path(), &[]);
    let findings: Vec<(String, String, String)> = rows(&out.path().join("findings.csv"))
        .into_iter()
        .map(|r| {
            let file = Path::new(&r["path"])
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                r["code"].clone(),
                format!("{file}:{}", r["line"]),
                r["reference"].clone(),
            )
        })
        .collect();
    // The comment in t.bib silences CG201 of its next line (tsu), not of kum further down.
    assert_eq!(
        findings,
        [(
            "CG201".to_string(),
            "t.bib:4".to_string(),
            "kum".to_string()
        )]
    );
}

/// The findings of every article of one run, file name and line, with the CG003 messages.
fn findings_by_file(paths: &[&Path]) -> Vec<(String, String, String, String)> {
    let out = tempfile::tempdir().unwrap();
    let output = audit(paths, out.path(), &[]);
    assert_ne!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    rows(&out.path().join("findings.csv"))
        .into_iter()
        .map(|r| {
            let file = Path::new(&r["path"])
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                r["article"].clone(),
                r["code"].clone(),
                format!("{file}:{}", r["line"]),
                r["reference"].clone(),
            )
        })
        .collect()
}

fn row(article: &str, code: &str, at: &str, reference: &str) -> (String, String, String, String) {
    (
        article.to_string(),
        code.to_string(),
        at.to_string(),
        reference.to_string(),
    )
}

const OLD_TEX: &str = "\\documentclass{article}
\\begin{document}
Motor cortex stimulation relieved pain \\cite{old1}.
\\bibliography{t}
\\end{document}
";

#[test]
fn a_directive_inside_a_bibtex_entry_keeps_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let bib = "@article{old1, % citegrade: ignore CG201
  author={Tsubokawa, T.}, title={Chronic motor cortex stimulation: a randomised trial},
  % citegrade: ignore CG205
  journal={Acta Neurochir}, year={1991}, note={50% of patients, 100%}}
";
    write(dir.path(), "t.bib", bib);
    let tex = write(dir.path(), "t.tex", OLD_TEX);
    // The entry is read (no CG002, no dangling CG101); its CG201 is silenced; the second
    // comment, with nothing to silence, is reported.
    assert_eq!(
        findings_by_file(&[&tex]),
        [row("t", "CG003", "t.bib:3", "")]
    );
}

#[test]
fn a_plain_text_directive_line_does_not_split_the_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let text = PLAIN.replacen(
        "Spinal cord stimulation helped eight patients [2] and others [3].",
        "Spinal cord stimulation helped eight patients as shown\n# citegrade: ignore CG101\nin a trial [2] and others [3].",
        1,
    );
    let path = write(dir.path(), "a.txt", &text);
    let out = tempfile::tempdir().unwrap();
    audit(&[&path], out.path(), &[]);
    let citations: Vec<(String, String, String)> = rows(&out.path().join("citations.csv"))
        .into_iter()
        .map(|r| (r["ref"].clone(), r["line"].clone(), r["sentence"].clone()))
        .collect();
    let sentence =
        "Spinal cord stimulation helped eight patients as shown in a trial [2] and others [3].";
    assert_eq!(
        citations,
        [
            (
                "1".into(),
                "3".into(),
                "Motor cortex stimulation relieved pain in early reports [1].".into()
            ),
            ("2".into(), "6".into(), sentence.to_string()),
            ("3".into(), "6".into(), sentence.to_string()),
        ]
    );
    // Line numbers stay those of the file: the CG101 on line 6 is the directive's next line.
    assert_eq!(
        finding_keys(out.path(), "a"),
        [key("CG201", 10, "1"), key("CG201", 11, "2")]
    );
}

#[test]
fn a_directive_after_text_covers_only_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\
# Does stimulation help?

Motor cortex stimulation relieved pain [1] and spinal cord stimulation [2].

## References

1. Tsubokawa T. Chronic motor cortex stimulation: a randomised trial. Acta Neurochir. 1991;52:137-9. <!-- citegrade: ignore CG201 -->
2. Kumar K. Spinal cord stimulation: a randomised trial. Neurosurgery. 2009;40:503-8.
";
    let (findings, _) = findings_of(&write(dir.path(), "m.md", text), "m");
    assert_eq!(findings, [key("CG201", 8, "2")]);
    // The same in plain text and LaTeX; a directive alone on its line still reaches the next.
    let plain = PLAIN
        .replace("137-9.", "137-9. # citegrade: ignore CG201")
        .replacen("Spinal cord", "  # citegrade: ignore CG101\nSpinal cord", 1);
    let (findings, _) = findings_of(&write(dir.path(), "p.txt", &plain), "p");
    assert_eq!(findings, [key("CG201", 10, "2")]);
}

#[test]
fn a_shared_bibliography_directive_is_judged_only_where_every_entry_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let library = "% citegrade: ignore CG201
@article{old1, author={Tsubokawa, T.}, title={Chronic motor cortex stimulation: a randomised trial},
  journal={Acta Neurochir}, year={1991}}
@article{new1, author={Kumar, K.}, title={Spinal cord stimulation: a randomised trial},
  journal={Neurosurgery}, year={2025}}
";
    write(dir.path(), "library.bib", library);
    let a = write(
        dir.path(),
        "a.tex",
        &OLD_TEX.replace("\\bibliography{t}", "\\bibliography{library}"),
    );
    let b = write(
        dir.path(),
        "b.tex",
        &OLD_TEX
            .replace("\\cite{old1}", "\\cite{new1}")
            .replace("\\bibliography{t}", "\\bibliography{library}"),
    );
    // a.tex reads old1, whose CG201 the directive silences; b.tex does not read old1, so the
    // directive has nothing to silence there and is not reported.
    assert_eq!(findings_by_file(&[&a, &b]), []);
    // An article that reads every entry of the file still has the directive judged: moved
    // above new1, which is recent, it silences nothing.
    let moved = library
        .replacen("% citegrade: ignore CG201\n", "", 1)
        .replacen(
            "@article{new1",
            "% citegrade: ignore CG201\n@article{new1",
            1,
        );
    write(dir.path(), "library.bib", &moved);
    let c = write(
        dir.path(),
        "c.tex",
        &OLD_TEX.replace("\\bibliography{t}", "\\nocite{*}\\bibliography{library}"),
    );
    assert_eq!(
        findings_by_file(&[&c]),
        [
            row("c", "CG201", "library.bib:1", "old1"),
            row("c", "CG003", "library.bib:3", ""),
            row("c", "CG103", "library.bib:4", "new1"),
        ]
    );
    // The same directive, where the article reads only old1, is not reported.
    assert_eq!(
        findings_by_file(&[&a]),
        [row("a", "CG201", "library.bib:1", "old1")]
    );
}

#[test]
fn a_directive_shown_in_markdown_code_is_not_a_directive() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\
# Does stimulation help?

Write `<!-- citegrade: ignore CG201 -->` above a reference.

```markdown
<!-- citegrade: ignore-file -->
```

    <!-- citegrade: ignore-file CG201 -->

Motor cortex stimulation relieved pain [1].

## References

1. Tsubokawa T. Chronic motor cortex stimulation: a randomised trial. Acta Neurochir. 1991;52:137-9.
";
    let (findings, _) = findings_of(&write(dir.path(), "m.md", text), "m");
    assert_eq!(findings, [key("CG201", 15, "1")]);
}
