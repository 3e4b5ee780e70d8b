//! `citegrade.toml`: found from the audited path upwards, or named with `--config`; settings
//! change thresholds, rules, severities, the claim lexicon and the level table; mistakes stop
//! the run with file, line and key.

use crate::util::{audit, citegrade, finding_keys, rows, AS_OF};

const ARTICLE: &str = "Statins\n\nRecent work shows statins abolish strokes [1]. Recent trials agree [2].\n\nReferences\n\n1. Lee K. Statins and stroke: a case report. BMJ. 2022;1:1-2.\n2. Roe D. Aspirin in old age. Lancet. 2010;2:3-4.\n";

fn codes(out: &std::path::Path) -> Vec<(String, String, String)> {
    finding_keys(out, "article")
}

#[test]
fn a_config_above_the_article_changes_the_audit() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("article.txt"), ARTICLE).unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&folder], out.path(), &[]);
    let before = codes(out.path());
    assert!(before.iter().any(|c| c.0 == "CG205"), "{before:?}");
    assert!(!before.iter().any(|c| c.0 == "CG203"), "{before:?}");

    std::fs::write(
        root.path().join("citegrade.toml"),
        "# closest file wins\nignore = [\"CG205\"]\noutdated_after_years = 20\n\n[severity]\nCG202 = \"error\"\n\n[claims]\nstrong = [\"abolish\"]\n\n[levels]\ncase-report = { level = \"4\" }\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[&folder], out.path(), &[]);
    let after = codes(out.path());
    // "abolish" is now strong wording, resting on a case report: CG203. No CG205 at all, no
    // CG201 for the 2010 reference (outdated only after 20 years).
    assert!(
        after.iter().any(|c| c.0 == "CG203" && c.2 == "1"),
        "{after:?}"
    );
    assert!(
        !after.iter().any(|c| c.0 == "CG205" || c.0 == "CG201"),
        "{after:?}"
    );
    // CG202 (the 2010 reference called recent) is an error now, so the run fails.
    let findings = rows(&out.path().join("findings.csv"));
    let stale = findings.iter().find(|f| f["code"] == "CG202").unwrap();
    assert_eq!(stale["severity"], "error");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn fail_on_in_the_config_yields_to_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(&article, ARTICLE.replace("Recent", "Some")).unwrap();
    let config = dir.path().join("strict.toml");
    std::fs::write(&config, "fail_on = \"info\"\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let config_arg = config.to_string_lossy().into_owned();
    let strict = audit(&[&article], out.path(), &["--config", &config_arg]);
    assert_eq!(strict.status.code(), Some(1));
    let never = audit(
        &[&article],
        out.path(),
        &["--config", &config_arg, "--fail-on", "never"],
    );
    assert_eq!(never.status.code(), Some(0));
}

#[test]
fn mistakes_in_the_config_stop_the_run_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), ARTICLE).unwrap();
    for (text, line, needle) in [
        (
            "ignore = [\"CG205\"]\nrecent_within_year = 3\n",
            2,
            "recent_within_year",
        ),
        ("[severity]\nCG201 = \"loud\"\n", 2, "loud"),
        ("select = [\"XX\"]\n", 1, "XX"),
        ("[claims]\ndisable = [\"zzzz\"]\n", 2, "zzzz"),
    ] {
        std::fs::write(dir.path().join("citegrade.toml"), text).unwrap();
        let output = citegrade()
            .args(["audit", "--as-of", AS_OF, "--out"])
            .arg(dir.path().join("out"))
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("citegrade.toml:{line}:")),
            "{text}: {stderr}"
        );
        assert!(stderr.contains(needle), "{text}: {stderr}");
    }
}

#[test]
fn init_writes_a_default_that_audits_like_no_config() {
    let dir = tempfile::tempdir().unwrap();
    let init = |args: &[&str]| {
        citegrade()
            .current_dir(dir.path())
            .arg("init")
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(init(&[]).status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("citegrade.toml")).unwrap();
    assert!(written.contains("recent_within_years = 5"));
    assert_eq!(init(&[]).status.code(), Some(2), "never overwrites unasked");
    assert_eq!(init(&["--force"]).status.code(), Some(0));

    std::fs::write(dir.path().join("article.txt"), ARTICLE).unwrap();
    let with = tempfile::tempdir().unwrap();
    audit(&[&dir.path().join("article.txt")], with.path(), &[]);
    let plain = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("article.txt"), ARTICLE).unwrap();
    audit(&[&elsewhere.path().join("article.txt")], plain.path(), &[]);
    assert_eq!(codes(with.path()), codes(plain.path()));
}

#[test]
fn excluded_files_are_listed_not_audited() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("drafts")).unwrap();
    std::fs::write(root.path().join("article.txt"), ARTICLE).unwrap();
    std::fs::write(root.path().join("drafts/early.txt"), ARTICLE).unwrap();
    std::fs::write(
        root.path().join("citegrade.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[root.path()], out.path(), &[]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 article,"));
    let summary = std::fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(summary.contains("drafts/early.txt"), "{summary}");

    std::fs::write(root.path().join("citegrade.toml"), "\nexclude = [\"a[\"]\n").unwrap();
    let bad = audit(&[root.path()], out.path(), &[]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("citegrade.toml:2:"));
}

/// (article, code, severity) of every finding.
fn findings_by_article(out: &std::path::Path) -> Vec<(String, String, String)> {
    rows(&out.join("findings.csv"))
        .into_iter()
        .map(|r| {
            (
                r["article"].clone(),
                r["code"].clone(),
                r["severity"].clone(),
            )
        })
        .collect()
}

/// The same article at the root, in `drafts/` and in `drafts/final/`, with `config` beside.
fn drafts_tree(config: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("drafts/final")).unwrap();
    for name in ["article.txt", "drafts/early.txt", "drafts/final/late.txt"] {
        std::fs::write(root.path().join(name), ARTICLE).unwrap();
    }
    std::fs::write(root.path().join("citegrade.toml"), config).unwrap();
    root
}

#[test]
fn an_override_ignores_a_rule_only_under_its_paths() {
    let root = drafts_tree("[[overrides]]\npaths = [\"drafts/*.txt\"]\nignore = [\"CG201\"]\n");
    let out = tempfile::tempdir().unwrap();
    audit(&[root.path()], out.path(), &[]);
    let found = findings_by_article(out.path());
    let has = |article: &str, code: &str| found.iter().any(|f| f.0 == article && f.1 == code);
    // The 2010 reference is outdated in every copy but the one the override matches; `*`
    // stays within drafts/, as in .gitignore.
    assert!(has("article", "CG201"), "{found:?}");
    assert!(!has("drafts/early", "CG201"), "{found:?}");
    assert!(has("drafts/final/late", "CG201"), "{found:?}");
    // Other rules still run on the overridden article.
    assert!(has("drafts/early", "CG205"), "{found:?}");
}

#[test]
fn an_override_changes_severities_and_the_last_match_wins() {
    let root = drafts_tree(
        "[severity]\nCG205 = \"warning\"\n\n[[overrides]]\npaths = [\"drafts/**\"]\n[overrides.severity]\nCG201 = \"error\"\n\n[[overrides]]\npaths = [\"drafts/final/**\"]\n[overrides.severity]\nCG201 = \"info\"\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[root.path()], out.path(), &[]);
    let found = findings_by_article(out.path());
    let severity = |article: &str, code: &str| {
        found
            .iter()
            .find(|f| f.0 == article && f.1 == code)
            .map(|f| f.2.clone())
    };
    assert_eq!(severity("article", "CG201").as_deref(), Some("warning"));
    assert_eq!(severity("drafts/early", "CG201").as_deref(), Some("error"));
    assert_eq!(
        severity("drafts/final/late", "CG201").as_deref(),
        Some("info")
    );
    // The top-level [severity] holds under every override.
    assert_eq!(
        severity("drafts/final/late", "CG205").as_deref(),
        Some("warning")
    );
    assert_eq!(output.status.code(), Some(1), "drafts/early has an error");
}

#[test]
fn an_unknown_key_in_an_override_stops_the_run_naming_line_and_key() {
    let root = drafts_tree(
        "ignore = [\"CG205\"]\n\n[[overrides]]\npaths = [\"drafts/**\"]\nignores = [\"CG201\"]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = audit(&[root.path()], out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("citegrade.toml:5:"), "{stderr}");
    assert!(stderr.contains("ignores"), "{stderr}");
    assert!(!out.path().join("findings.csv").exists());
}

#[test]
fn the_closest_config_upwards_wins_over_one_further_up() {
    let root = tempfile::tempdir().unwrap();
    let folder = root.path().join("articles");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("article.txt"), ARTICLE).unwrap();
    std::fs::write(root.path().join("citegrade.toml"), "ignore = [\"CG205\"]\n").unwrap();
    std::fs::write(folder.join("citegrade.toml"), "ignore = [\"CG201\"]\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&folder], out.path(), &[]);
    let found = codes(out.path());
    // Only the closest file is read: its ignore holds, the further one's does not.
    assert!(!found.iter().any(|c| c.0 == "CG201"), "{found:?}");
    assert!(found.iter().any(|c| c.0 == "CG205"), "{found:?}");
}

#[test]
fn a_config_named_bare_applies_its_globs_from_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(
        crate::util::repo().join("references/thalamic-pain.txt"),
        dir.path().join("drafts/seed.txt"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("citegrade.toml"),
        "exclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let output = crate::util::citegrade()
        .current_dir(dir.path())
        .args(["audit", ".", "--out", "out", "--as-of", crate::util::AS_OF])
        .args(["--config", "citegrade.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("0 articles"), "{stderr}");
}
