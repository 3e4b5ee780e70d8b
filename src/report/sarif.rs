//! `citegrade.sarif`: the findings as SARIF 2.1.0, the format GitHub code scanning and other
//! static-analysis dashboards read. <https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>,
//! <https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning>
//!
//! One run: `tool.driver` lists every rule (id, name, descriptions and help from the rule's
//! doc comment, default level), then one result per finding. Paths are written as the CSVs
//! write them (relative to where citegrade ran, `/`-separated), percent-encoded as URIs.
//! Columns count characters, so the run declares `columnKind: unicodeCodePoints`.
//!
//! Each result carries a `partialFingerprints` entry that identifies it across runs without
//! its line: a hash of the file, the rule, the reference, the citation marker and the quoted
//! sentence or title, numbered when the same finding occurs more than once in an article. Text
//! added above a finding moves it, but does not change its fingerprint, so code scanning does
//! not close and reopen the alert.
//!
//! The types are plain serde structs rather than the `serde-sarif` crate's: the document is
//! streamed (header, results article by article, footer), so only a result and the driver are
//! ever serialised, and the dozen fields used here do not justify its builder and enum
//! dependencies; the integration tests validate the output against the SARIF 2.1.0 schema.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::stream::{flush, Out, StreamedReport};
use super::{finding_path, Summary};
use crate::audit::AuditedArticle;
use crate::checks::{RuleMeta, RULES};
use crate::model::{Finding, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key; the suffix is raised if the way it is computed changes.
pub const FINGERPRINT_KEY: &str = "citegradeFinding/v1";

/// Where to read about citegrade: the package's homepage or repository, when Cargo.toml names
/// one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    #[serde(rename = "informationUri", skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// A finding the baseline file accepts (`--baseline`) is reported as suppressed outside
    /// the source, so code scanning shows it closed rather than new.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

/// SARIF's name for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Rule {
    fn new(meta: &RuleMeta) -> Rule {
        let doc = meta.doc_text();
        let explanation = meta.explanation();
        Rule {
            id: meta.code,
            name: meta.name,
            short_description: Text {
                text: meta.summary(),
                markdown: None,
            },
            full_description: Text {
                text: doc.clone(),
                markdown: Some(doc),
            },
            help: Text {
                text: explanation.clone(),
                markdown: Some(explanation),
            },
            default_configuration: Configuration {
                level: level(meta.severity),
            },
        }
    }
}

fn driver() -> Driver {
    Driver {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        information_uri: information_uri(),
        rules: RULES.iter().map(|r| Rule::new(r.meta())).collect(),
    }
}

/// Characters a path cannot keep as they are in a URI reference. `:` is among them: in the
/// first segment of a relative reference it would read as a scheme ("notes:x.txt").
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b':')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A report path as a URI: relative paths stay relative (code scanning resolves them against
/// the repository), an absolute one becomes a `file://` URI.
fn uri(path: &str) -> String {
    let encoded = utf8_percent_encode(path, PATH).to_string();
    if !std::path::Path::new(path).is_absolute() {
        encoded
    } else if path.starts_with('/') {
        format!("file://{encoded}")
    } else {
        // A Windows drive path, `C:/...`.
        format!("file:///{encoded}")
    }
}

/// What identifies a finding whatever line it is on.
fn fingerprint_base(path: &str, finding: &Finding) -> String {
    let mut hash = Sha256::new();
    let parts = [
        path,
        finding.code,
        finding.reference.as_deref().unwrap_or(""),
        finding.citation.as_deref().unwrap_or(""),
        finding.quote.as_deref().unwrap_or(""),
    ];
    for part in parts {
        hash.update(part.as_bytes());
        // A separator no text contains, so ("ab", "c") and ("a", "bc") differ.
        hash.update([0u8]);
    }
    hash.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `citegrade.sarif` article by article.
pub struct SarifReport {
    out: Out,
    results: usize,
}

impl SarifReport {
    /// Write the run's header: the tool and its rules, then open the results.
    pub fn start(mut out: Out) -> io::Result<SarifReport> {
        write!(
            out,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{}}},\"columnKind\":\"unicodeCodePoints\",\"results\":[",
            serde_json::to_string(&driver())?
        )?;
        Ok(SarifReport { out, results: 0 })
    }
}

impl StreamedReport for SarifReport {
    fn write(&mut self, audited: &AuditedArticle) -> io::Result<()> {
        // Repeats are numbered within the article: every part of the fingerprint but the
        // path is the article's own, so no other article's findings can collide with them.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for finding in &audited.findings {
            let path = finding_path(&audited.article, finding);
            let base = fingerprint_base(&path, finding);
            let occurrence = seen.entry(base.clone()).or_insert(0);
            *occurrence += 1;
            let result = SarifResult {
                rule_id: finding.code,
                rule_index: RULES
                    .iter()
                    .position(|r| r.meta().code == finding.code)
                    .unwrap_or(0),
                level: level(finding.severity),
                message: Text {
                    text: finding.message.clone(),
                    markdown: None,
                },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri: uri(&path) },
                        // GitHub code scanning requires `startLine` on every result (its
                        // validation rule GH1003): a finding about the whole file sits on line 1.
                        region: Region {
                            start_line: finding.position.line.max(1),
                            start_column: (finding.position.column > 0)
                                .then_some(finding.position.column),
                        },
                    },
                }],
                partial_fingerprints: BTreeMap::from([(
                    FINGERPRINT_KEY,
                    format!("{base}:{occurrence}"),
                )]),
                suppressions: if finding.baselined {
                    vec![Suppression {
                        kind: "external",
                        justification: "accepted by the baseline file (--baseline)",
                    }]
                } else {
                    Vec::new()
                },
            };
            let separator = if self.results == 0 { "\n" } else { ",\n" };
            self.out.write_all(separator.as_bytes())?;
            serde_json::to_writer(&mut self.out, &result)?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        let mut out = self.out;
        out.write_all(b"\n]}]}\n")?;
        flush(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rule_by_code;
    use crate::model::Position;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("references/seed.txt"), "references/seed.txt");
        assert_eq!(
            uri("my articles/pain, part 2#1.txt"),
            "my%20articles/pain,%20part%202%231.txt"
        );
        assert_eq!(uri("notes:x.txt"), "notes%3Ax.txt");
        #[cfg(unix)]
        assert_eq!(uri("/tmp/a b.txt"), "file:///tmp/a%20b.txt");
    }

    #[test]
    fn a_fingerprint_ignores_the_position_but_not_the_quote() {
        let meta = rule_by_code("CG101").unwrap().meta();
        let mut finding = meta.finding(Position::new(3, 4), "m".into());
        finding.quote = Some("The 2009 study 5 confirms it.".into());
        let here = fingerprint_base("a.txt", &finding);
        finding.position = Position::new(13, 1);
        assert_eq!(fingerprint_base("a.txt", &finding), here);
        finding.quote = Some("Another sentence.".into());
        assert_ne!(fingerprint_base("a.txt", &finding), here);
        assert_ne!(fingerprint_base("b.txt", &finding), here);
    }
}
