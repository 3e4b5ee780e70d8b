//! Human terminal output: `full` (the default) prints rustc-style diagnostics with the source
//! line and a caret under the citation, in colour only when asked or on a terminal; `concise`
//! still prints one line per finding.

use crate::util::{citegrade, repo, AS_OF};

/// Audit a copy of the seed, as `thalamic-pain.txt` in a temporary folder, with `extra` flags
/// and `NO_COLOR` as given; returns stdout.
fn audit_seed(extra: &[&str], no_color: Option<&str>) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("references/thalamic-pain.txt"),
        dir.path().join("thalamic-pain.txt"),
    )
    .unwrap();
    let mut cmd = citegrade();
    cmd.current_dir(dir.path())
        .args([
            "audit",
            "thalamic-pain.txt",
            "--out",
            "out",
            "--as-of",
            AS_OF,
        ])
        .args(extra);
    match no_color {
        Some(value) => cmd.env("NO_COLOR", value),
        None => cmd.env_remove("NO_COLOR"),
    };
    let output = cmd.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "the seed has errors");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn full_output_quotes_the_line_with_a_caret_under_the_citation() {
    let stdout = audit_seed(&[], Some("1"));
    let diagnostic = stdout
        .split("\n\n")
        .find(|d| d.contains("--> thalamic-pain.txt:28:135"))
        .unwrap_or_else(|| panic!("a diagnostic at 28:135:\n{stdout}"));
    let lines: Vec<&str> = diagnostic.lines().collect();
    assert!(
        lines[0].starts_with("error[CG101]: citation \"2009 study 5\" points to reference 5"),
        "{diagnostic}"
    );
    let source = lines.iter().find(|l| l.starts_with("28 | ")).unwrap();
    let caret = lines.iter().find(|l| l.contains('^')).unwrap();
    assert!(
        caret.ends_with("^^^^^^^^^^^^ dangling-citation"),
        "{diagnostic}"
    );
    assert_eq!(
        source.find("2009 study 5"),
        caret.find('^'),
        "the caret stands under the marker:\n{diagnostic}"
    );
    // The seed's line 28 is long: it is shortened around the marker.
    assert!(source.contains("..."), "{diagnostic}");
    assert!(!stdout.contains('\u{1b}'), "NO_COLOR=1: no ANSI escapes");
}

#[test]
fn colour_only_on_a_terminal_or_when_asked() {
    // stdout is a pipe here: no colour even with NO_COLOR unset.
    assert!(!audit_seed(&[], None).contains('\u{1b}'));
    assert!(!audit_seed(&[], Some("")).contains('\u{1b}'));
    // An explicit flag wins over NO_COLOR, as no-color.org asks.
    let coloured = audit_seed(&["--color", "always"], Some("1"));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    assert!(!audit_seed(&["--color", "never"], None).contains('\u{1b}'));
}

#[test]
fn concise_still_prints_one_line_per_finding() {
    let stdout = audit_seed(&["--format", "concise"], None);
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "thalamic-pain.txt:28:135: CG101 [error] citation \"2009 study 5\" points to reference 5"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains(" | "), "{stdout}");
    assert!(!stdout.contains("\n\n"), "{stdout}");
}

#[test]
fn a_finding_in_a_sidecar_bibliography_quotes_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("review.md"),
        "# Review\n\nAspirin helps [@old].\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("review.bib"),
        "% library\n\n@article{old,\n  title = {Aspirin},\n  journal = {BMJ},\n  year = {1990}\n}\n",
    )
    .unwrap();
    let output = citegrade()
        .current_dir(dir.path())
        .args(["audit", "review.md", "--out", "out", "--as-of", AS_OF])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let outdated = stdout
        .split("\n\n")
        .find(|d| d.starts_with("warning[CG201]"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(outdated.contains("--> review.bib:3:1"), "{outdated}");
    assert!(outdated.contains("3 | @article{old,"), "{outdated}");
}
