//! Checks: one file per rule, each documented where it lives. The registry below is the one
//! table that maps codes to rules; `citegrade rules CODE` prints a rule's doc comment.

mod cg001_unparsed_reference;
mod cg002_input_error;
pub mod cg003_unused_suppression;
mod cg101_dangling_citation;
mod cg102_year_mismatch;
mod cg103_uncited_reference;
mod cg104_duplicate_reference;
mod cg105_citation_order;
mod cg201_outdated_citation;
mod cg202_stale_recent_claim;
mod cg203_overstated_claim;
mod cg204_unsupported_claim;
mod cg205_ungraded_reference;
mod cg206_retracted_reference;
pub mod claims;
mod hints;

use chrono::NaiveDate;

use crate::model::{
    Article, Citation, Finding, Grade, InputProblem, Position, Reference, Severity,
};
use crate::retractions::RetractionList;
use crate::settings::Thresholds;

/// What a rule is: its code, name, default severity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// The rule's doc comment, Markdown.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first paragraph of the documentation, for one-line listings.
    pub fn summary(&self) -> String {
        let doc = self.doc_text();
        let body = doc
            .split("## What it does")
            .nth(1)
            .unwrap_or(&doc)
            .trim_start();
        body.split("\n\n").next().unwrap_or("").replace('\n', " ")
    }

    /// The documentation with the one-space indent of doc comments removed.
    pub fn doc_text(&self) -> String {
        let lines: Vec<&str> = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        lines.join("\n").trim().to_string()
    }

    /// The rule explained, as `citegrade rules CODE` prints it (and SARIF's `help` carries it).
    pub fn explanation(&self) -> String {
        format!(
            "# {} {}\n\nDefault severity: {}\n\n{}",
            self.code,
            self.name,
            self.severity,
            self.doc_text()
        )
    }

    /// A finding about a reference: at its position, in its file, naming its key.
    pub fn reference_finding(&self, reference: &Reference, message: String) -> Finding {
        let mut finding = self.finding(reference.position, message);
        finding.reference = Some(reference.key.clone());
        finding.quote = reference.title.clone();
        finding.path = reference.source.clone();
        finding
    }

    /// A finding about a citation: at its marker, naming it and its key, quoting its sentence.
    pub fn citation_finding(
        &self,
        article: &Article,
        citation: &Citation,
        message: String,
    ) -> Finding {
        let mut finding = self.finding(citation.position, message);
        finding.citation = Some(citation.marker.clone());
        finding.reference = Some(citation.key.clone());
        finding.quote = article
            .sentences
            .get(citation.sentence)
            .map(|s| s.text.clone());
        finding
    }

    /// A finding about an input problem: at its position, in its file.
    pub fn problem_finding(&self, problem: &InputProblem) -> Finding {
        let mut finding = self.finding(problem.position, problem.message.clone());
        finding.reference = problem.reference.clone();
        finding.path = problem.source.clone();
        finding
    }

    /// A finding of this rule at `position`, with the rule's default severity.
    pub fn finding(&self, position: Position, message: String) -> Finding {
        Finding {
            code: self.code,
            rule: self.name,
            severity: self.severity,
            position,
            message,
            citation: None,
            reference: None,
            quote: None,
            path: None,
            baselined: false,
            span: 0,
        }
    }
}

/// What a rule sees of one article.
pub struct Context<'a> {
    /// The claim lexicon in force (defaults plus configuration).
    pub lexicon: &'a claims::Lexicon,
    /// Which rules run, and at what severity.
    pub rules: &'a RuleSettings,
    pub article: &'a Article,
    /// One grade per reference, same order as `article.references`.
    pub grades: &'a [Grade],
    /// How often each reference is cited, same order as `article.references`.
    pub times_cited: &'a [usize],
    pub thresholds: &'a Thresholds,
    pub as_of: NaiveDate,
    /// The `--retractions` list, loaded once per run (empty without the flag).
    pub retractions: &'a RetractionList,
}

/// Which rules run and at what severity: `select`, `ignore` and `[severity]` of
/// `citegrade.toml`. Codes match by prefix, as in ruff: "CG2" is every claim and grade rule.
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    /// When not empty, only rules whose code starts with one of these run.
    pub select: Vec<String>,
    /// Rules whose code starts with one of these do not run.
    pub ignore: Vec<String>,
    /// Severity per rule code, replacing the rule's default.
    pub severity: std::collections::BTreeMap<String, Severity>,
}

impl RuleSettings {
    pub fn enabled(&self, code: &str) -> bool {
        let matches = |prefixes: &[String]| {
            prefixes.iter().any(|p| {
                code.to_ascii_uppercase()
                    .starts_with(&p.to_ascii_uppercase())
            })
        };
        (self.select.is_empty() || matches(&self.select)) && !matches(&self.ignore)
    }
}

/// A check. Implementations live one per file, declared with [`rule!`].
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Declare a rule: its doc comment becomes the documentation `citegrade rules` prints.
macro_rules! rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rule_name:literal,
            severity: $severity:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::checks::RuleMeta = $crate::checks::RuleMeta {
                code: $code,
                name: $rule_name,
                severity: $crate::model::Severity::$severity,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use rule;

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    &cg001_unparsed_reference::UnparsedReference,
    &cg002_input_error::InputError,
    &cg003_unused_suppression::UnusedSuppression,
    &cg101_dangling_citation::DanglingCitation,
    &cg102_year_mismatch::YearMismatch,
    &cg103_uncited_reference::UncitedReference,
    &cg104_duplicate_reference::DuplicateReference,
    &cg105_citation_order::CitationOrder,
    &cg201_outdated_citation::OutdatedCitation,
    &cg202_stale_recent_claim::StaleRecentClaim,
    &cg203_overstated_claim::OverstatedClaim,
    &cg204_unsupported_claim::UnsupportedClaim,
    &cg205_ungraded_reference::UngradedReference,
    &cg206_retracted_reference::RetractedReference,
];

/// The rule with this code (case-insensitive), if there is one.
pub fn rule_by_code(code: &str) -> Option<&'static dyn Rule> {
    RULES
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code) || r.meta().name == code)
}

/// Run every rule on one article; findings come out sorted by line, column and code.
pub fn run_all(cx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in RULES.iter().filter(|r| cx.rules.enabled(r.meta().code)) {
        rule.check(cx, &mut findings);
    }
    for finding in &mut findings {
        if let Some(severity) = cx.rules.severity.get(finding.code) {
            finding.severity = *severity;
        }
    }
    sort(&mut findings);
    findings
}

/// The order findings are reported in: by line, column and code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.position, a.code, &a.reference, &a.message).cmp(&(
            b.position,
            b.code,
            &b.reference,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented() {
        for rule in RULES {
            let meta = rule.meta();
            assert!(meta.doc_text().contains("## What it does"), "{}", meta.code);
            assert!(
                meta.doc_text().contains("## Why is this bad?"),
                "{}",
                meta.code
            );
            assert!(!meta.summary().is_empty(), "{}", meta.code);
        }
    }

    #[test]
    fn codes_are_unique_and_ordered() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }
}
