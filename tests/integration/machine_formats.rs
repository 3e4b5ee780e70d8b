//! Machine formats written into `--out`: `citegrade.json`, `citegrade.sarif`, `junit.xml`;
//! a repeatable `--format`, and `format` in citegrade.toml.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use citegrade::report::json::Document;
use quick_xml::events::Event;
use serde_json::Value;

use crate::util::{audit, citegrade, repo, rows};

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("report written");
    serde_json::from_str(&text).expect("valid JSON")
}

/// The `language` pattern of the 2.1.0 schema as published, with a stray `]` that strict
/// regex engines reject, and the pattern the OASIS errata replaced it with
/// (oasis-tcs/sarif-spec issue 488).
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
const ERRATA_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$";

/// Apply the errata's `language` pattern wherever the schema has the broken one.
fn fix_language_pattern(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == BROKEN_LANGUAGE_PATTERN {
                    *value = Value::from(ERRATA_LANGUAGE_PATTERN);
                } else {
                    fix_language_pattern(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fix_language_pattern),
        _ => {}
    }
}

/// The SARIF 2.1.0 schema, vendored verbatim from the serde-sarif crate (see
/// tests/fixtures/sarif), with the errata's `language` pattern; formats are checked too, so a
/// path that is not a URI reference fails.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema = read_json(&repo().join("tests/fixtures/sarif/sarif-schema-2.1.0.json"));
    fix_language_pattern(&mut schema);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[test]
fn sarif_validates_against_the_schema_and_describes_every_rule() {
    // A file name a URI must encode.
    let dir = tempfile::tempdir().unwrap();
    let awkward = dir.path().join("pain, part 2: review #1.txt");
    std::fs::copy(repo().join("references/thalamic-pain.txt"), &awkward).unwrap();
    let out = tempfile::tempdir().unwrap();
    let paths = [
        Path::new("references"),
        Path::new("tests/fixtures"),
        awkward.as_path(),
    ];
    let output = audit(&paths, out.path(), &["--format", "sarif", "--quiet"]);
    assert_eq!(output.status.code(), Some(1));
    let sarif = read_json(&out.path().join("citegrade.sarif"));
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "citegrade");
    let rules = driver["rules"].as_array().unwrap();
    let listed = citegrade().args(["rules"]).output().unwrap();
    assert_eq!(
        rules.len(),
        String::from_utf8(listed.stdout).unwrap().lines().count()
    );
    // Help is what `citegrade rules CODE` prints.
    let cg101 = rules.iter().find(|r| r["id"] == "CG101").unwrap();
    let explained = citegrade().args(["rules", "CG101"]).output().unwrap();
    assert_eq!(
        cg101["help"]["markdown"].as_str().unwrap(),
        String::from_utf8(explained.stdout).unwrap().trim_end()
    );
    assert_eq!(cg101["name"], "dangling-citation");
    assert_eq!(cg101["defaultConfiguration"]["level"], "error");
    assert!(!cg101["shortDescription"]["text"]
        .as_str()
        .unwrap()
        .is_empty());

    // One result per row of findings.csv, each pointing at its rule.
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), rows(&out.path().join("findings.csv")).len());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let dangling = results
        .iter()
        .find(|r| {
            r["ruleId"] == "CG101"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "references/thalamic-pain.txt"
        })
        .expect("the seed's dangling citation");
    assert_eq!(dangling["level"], "error");
    let region = &dangling["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 28);
    assert_eq!(region["startColumn"], 135);
    let uris: HashSet<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter().any(|u| u.starts_with("file:///")
            && u.ends_with("/pain,%20part%202%3A%20review%20%231.txt")),
        "{uris:?}"
    );
    // Fingerprints tell every finding apart.
    let fingerprints: HashSet<&Value> = results
        .iter()
        .map(|r| &r["partialFingerprints"]["citegradeFinding/v1"])
        .collect();
    assert_eq!(fingerprints.len(), results.len());
}

/// (rule, fingerprint) -> line of every SARIF result.
fn fingerprinted_lines(sarif: &Value) -> BTreeMap<(String, String), u64> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key = (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["citegradeFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            );
            let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap_or(0);
            (key, line)
        })
        .collect()
}

#[test]
fn fingerprints_stay_when_a_finding_moves_ten_lines_down() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("thalamic-pain.txt");
    let seed = std::fs::read_to_string(repo().join("references/thalamic-pain.txt")).unwrap();
    std::fs::write(&article, &seed).unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[&article], out.path(), &["--format", "sarif", "-q"]);
    let before = fingerprinted_lines(&read_json(&out.path().join("citegrade.sarif")));

    // Ten lines of page furniture above everything the findings are about.
    let (title, rest) = seed.split_once('\n').unwrap();
    let inserted = "Print this page\n".repeat(10);
    std::fs::write(&article, format!("{title}\n{inserted}{rest}")).unwrap();
    audit(&[&article], out.path(), &["--format", "sarif", "-q"]);
    let after = fingerprinted_lines(&read_json(&out.path().join("citegrade.sarif")));

    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    let dangling: Vec<(u64, u64)> = before
        .iter()
        .filter(|((code, _), _)| code == "CG101")
        .map(|(key, line)| (*line, after[key]))
        .collect();
    assert!(!dangling.is_empty());
    for (line, moved) in before.iter().map(|(key, line)| (line, after[key])) {
        assert_eq!(moved, line + 10);
    }
}

/// A JUnit test suite as read back: its attributes and its test cases.
#[derive(Debug, Default)]
struct Suite {
    name: String,
    tests: usize,
    failures: usize,
    cases: Vec<String>,
    failed_cases: usize,
}

fn attribute(element: &quick_xml::events::BytesStart, name: &str) -> String {
    element
        .try_get_attribute(name)
        .expect("well-formed attribute")
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("escaped")
                .into_owned()
        })
        .unwrap_or_default()
}

fn read_junit(path: &Path) -> Vec<Suite> {
    let mut reader = quick_xml::Reader::from_file(path).expect("junit.xml written");
    let mut buffer = Vec::new();
    let mut suites: Vec<Suite> = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .expect("well-formed XML");
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testsuite" => suites.push(Suite {
                    name: attribute(e, "name"),
                    tests: attribute(e, "tests").parse().unwrap(),
                    failures: attribute(e, "failures").parse().unwrap(),
                    ..Suite::default()
                }),
                b"testcase" => suites.last_mut().unwrap().cases.push(attribute(e, "name")),
                b"failure" => suites.last_mut().unwrap().failed_cases += 1,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    suites
}

#[test]
fn junit_parses_as_xml_with_unique_test_case_names() {
    let out = tempfile::tempdir().unwrap();
    let paths = [Path::new("references"), Path::new("tests/fixtures")];
    audit(&paths, out.path(), &["--format", "junit", "-q"]);
    let suites = read_junit(&out.path().join("junit.xml"));
    let findings = rows(&out.path().join("findings.csv"));
    let articles: BTreeSet<String> = rows(&out.path().join("references.csv"))
        .into_iter()
        .map(|r| r["article"].clone())
        .chain(findings.iter().map(|f| f["article"].clone()))
        .collect();
    assert!(suites.len() >= articles.len());
    for suite in &suites {
        let unique: HashSet<&String> = suite.cases.iter().collect();
        assert_eq!(unique.len(), suite.cases.len(), "{}", suite.name);
        assert_eq!(suite.tests, suite.cases.len(), "{}", suite.name);
        assert_eq!(suite.failures, suite.failed_cases, "{}", suite.name);
        let rows = findings.iter().filter(|f| f["article"] == suite.name);
        let errors_and_warnings = rows.clone().filter(|f| f["severity"] != "info").count();
        assert_eq!(suite.failures, errors_and_warnings, "{}", suite.name);
        match rows.count() {
            0 => assert_eq!(suite.cases, ["no findings"]),
            n => assert_eq!(suite.cases.len(), n, "{}", suite.name),
        }
    }
    let seed = suites.iter().find(|s| s.name == "thalamic-pain").unwrap();
    assert!(seed
        .cases
        .iter()
        .any(|c| c == "CG101 dangling-citation line 28 col 135 [2009 study 5]"));
    // A MEDLINE record with nothing to report still shows as a passing suite.
    let clean = suites.iter().find(|s| s.name == "medline/single").unwrap();
    assert_eq!(clean.failures, 0);
}

#[test]
fn json_round_trips_through_serde() {
    let out = tempfile::tempdir().unwrap();
    let paths = [Path::new("references"), Path::new("tests/fixtures")];
    audit(&paths, out.path(), &["--format", "json", "-q"]);
    let written = read_json(&out.path().join("citegrade.json"));
    // Parsing into the document's types loses nothing (they deny unknown fields) ...
    let document: Document = serde_json::from_value(written.clone()).expect("a Document");
    // ... and writing them back gives the same document.
    assert_eq!(serde_json::to_value(&document).unwrap(), written);

    assert_eq!(document.version, 1);
    assert_eq!(document.as_of, crate::util::AS_OF);
    let references: usize = document.articles.iter().map(|a| a.references.len()).sum();
    let findings: usize = document.articles.iter().map(|a| a.findings.len()).sum();
    assert_eq!(references, rows(&out.path().join("references.csv")).len());
    assert_eq!(findings, rows(&out.path().join("findings.csv")).len());
    assert_eq!(document.summary.articles, document.articles.len());
    assert_eq!(
        document.summary.errors + document.summary.warnings + document.summary.infos,
        findings
    );
    let seed = document
        .articles
        .iter()
        .find(|a| a.id == "thalamic-pain")
        .unwrap();
    let scs = seed.references.iter().find(|r| r.key == "4").unwrap();
    assert_eq!(scs.year, Some(2009));
    assert_eq!(scs.grade.design, "case-series");
    assert_eq!(scs.grade.level, "4");
    assert!(scs.times_cited > 0);
    let dangling = seed.findings.iter().find(|f| f.code == "CG101").unwrap();
    assert_eq!((dangling.line, dangling.column), (Some(28), Some(135)));
}

#[test]
fn repeated_formats_write_every_report_and_keep_one_stdout_format() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    let output = audit(
        &[&seed],
        out.path(),
        &[
            "--format",
            "json",
            "--format",
            "sarif,junit",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    for file in [
        "citegrade.json",
        "citegrade.sarif",
        "junit.xml",
        "findings.csv",
    ] {
        assert!(out.path().join(file).is_file(), "{file}");
    }
    // Nothing half-written is left behind.
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 15);
    for line in stdout.lines() {
        serde_json::from_str::<Value>(line).expect("jsonl on stdout");
    }

    // Report formats alone keep the default stdout output.
    let output = audit(&[&seed], out.path(), &["--format", "sarif"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("error[CG101]") && stdout.contains("thalamic-pain.txt:28:135"),
        "{stdout}"
    );
    // And a report not asked for this time is not left over from the last run.
    assert!(out.path().join("citegrade.sarif").is_file());
    assert!(!out.path().join("citegrade.json").exists());
    assert!(!out.path().join("junit.xml").exists());
}

#[test]
fn two_stdout_formats_stop_the_run() {
    let out = tempfile::tempdir().unwrap();
    let seed = repo().join("references/thalamic-pain.txt");
    let output = audit(
        &[&seed],
        out.path(),
        &["--format", "github", "--format", "jsonl"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("--format: formats github and jsonl cannot both print on stdout"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    assert!(!out.path().join("findings.csv").exists());
}

#[test]
fn the_configuration_names_formats_and_the_flag_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo().join("references/thalamic-pain.txt"),
        dir.path().join("thalamic-pain.txt"),
    )
    .unwrap();
    let config = dir.path().join("citegrade.toml");
    std::fs::write(&config, "format = [\"sarif\", \"junit\"]\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[dir.path()], out.path(), &["-q"]);
    assert!(out.path().join("citegrade.sarif").is_file());
    assert!(out.path().join("junit.xml").is_file());
    assert!(!out.path().join("citegrade.json").exists());

    let out = tempfile::tempdir().unwrap();
    audit(&[dir.path()], out.path(), &["-q", "--format", "json"]);
    assert!(out.path().join("citegrade.json").is_file());
    assert!(!out.path().join("citegrade.sarif").exists());

    std::fs::write(
        &config,
        "fail_on = \"error\"\nformat = [\"sarif\", \"html\"]\n",
    )
    .unwrap();
    let output = audit(&[dir.path()], out.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("citegrade.toml:2: format: no format \"html\""),
        "{stderr}"
    );
}

#[test]
fn every_sarif_result_has_a_start_line_as_code_scanning_requires() {
    let dir = tempfile::tempdir().unwrap();
    // An empty file is a whole-file finding (CG002) with no line of its own.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = tempfile::tempdir().unwrap();
    audit(&[dir.path()], out.path(), &["--format", "sarif"]);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("citegrade.sarif")).unwrap())
            .unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().is_some_and(|l| l >= 1),
            "{result}"
        );
    }
    assert_eq!(results[0]["ruleId"], "CG002");
    assert!(results[0]["locations"][0]["physicalLocation"]["region"]
        .get("startColumn")
        .is_none());
}
