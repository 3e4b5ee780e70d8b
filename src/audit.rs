//! One article, end to end: read -> resolve -> grade -> check.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::checks::{self, Context};
use crate::model::{Article, Finding, Grade};
use crate::retractions::RetractionList;
use crate::settings::Policy;
use crate::{grade, resolve, suppress};

/// An article with everything the reports need.
#[derive(Debug, Serialize, Deserialize)]
pub struct AuditedArticle {
    pub article: Article,
    /// One per reference, in list order.
    pub grades: Vec<Grade>,
    /// One per reference, in list order.
    pub times_cited: Vec<usize>,
    /// Sorted by line, column and code; those `citegrade: ignore` comments silence left out.
    pub findings: Vec<Finding>,
    /// How many findings `citegrade: ignore` comments silenced.
    pub suppressed: usize,
}

/// Audit an article already read.
pub fn audit_article(
    mut article: Article,
    as_of: NaiveDate,
    policy: &Policy,
    retractions: &RetractionList,
) -> AuditedArticle {
    resolve::resolve(&mut article);
    let grades: Vec<Grade> = article
        .references
        .iter()
        .map(|r| grade::grade_with(r, as_of, &policy.thresholds, &policy.levels))
        .collect();
    let times_cited = resolve::times_cited(&article);
    let findings = checks::run_all(&Context {
        article: &article,
        grades: &grades,
        times_cited: &times_cited,
        thresholds: &policy.thresholds,
        lexicon: &policy.lexicon,
        rules: &policy.rules,
        as_of,
        retractions,
    });
    let (findings, suppressed) = suppress::apply(&article, findings, &policy.rules);
    AuditedArticle {
        article,
        grades,
        times_cited,
        findings,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::input;
    use proptest::prelude::*;

    /// Pieces of real article structure, so random inputs reach deep into the readers.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("References\n".to_string()),
            Just("Research\n".to_string()),
            Just("\n\n".to_string()),
            Just("  \u{2022} ".to_string()),
            Just("1. ".to_string()),
            Just("[2, 4-6]".to_string()),
            Just("[3\u{2013}1]".to_string()),
            Just("the 2015 study 2".to_string()),
            Just("Journal, 2009\n".to_string()),
            Just("Disclaimer\n".to_string()),
            Just("et al. ".to_string()),
            Just("# citegrade: ignore CG2\n".to_string()),
            Just("## citegrade: ignore-file\n".to_string()),
            Just("<!-- citegrade: ignore CG101 -->".to_string()),
            Just("% citegrade: ignroe\n".to_string()),
            Just("\\input{x}\\cite{a} ".to_string()),
            Just("@article{k, % c\n title={T}, year={2015}}\n".to_string()),
            Just(". ".to_string()),
            "\\PC{0,12}",
            any::<String>(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn no_text_makes_the_audit_panic(pieces in proptest::collection::vec(fragment(), 0..40)) {
            let text = pieces.concat();
            let article = input::read_bytes(text.as_bytes(), Path::new("a.txt"), "a".into(), input::ReadMode::Article);
            let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
            let audited = audit_article(article, as_of, &Policy::default(), &RetractionList::default());
            for finding in &audited.findings {
                prop_assert!(!finding.message.is_empty());
            }
        }

        #[test]
        fn no_text_in_any_format_makes_the_audit_panic(
            pieces in proptest::collection::vec(fragment(), 0..30),
            name in prop_oneof![Just("a.md"), Just("a.tex"), Just("a.bib"), Just("a.html"), Just("a.xml")],
        ) {
            let text = pieces.concat();
            let article = input::read_bytes(text.as_bytes(), Path::new(name), "a".into(), input::ReadMode::Article);
            let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
            let audited = audit_article(article, as_of, &Policy::default(), &RetractionList::default());
            for finding in &audited.findings {
                prop_assert!(!finding.message.is_empty());
            }
        }

        #[test]
        fn no_bytes_make_the_reader_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let article = input::read_bytes(&bytes, Path::new("a.txt"), "a".into(), input::ReadMode::Article);
            let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
            audit_article(article, as_of, &Policy::default(), &RetractionList::default());
        }
    }
}
