use std::collections::BTreeSet;

use crate::checks::{claims, rule, Context, Rule, RuleMeta};
use crate::model::{Finding, Sentence};

rule! {
    /// ## What it does
    /// Flags a sentence that presents its evidence as recent (it says "recent", "latest",
    /// "emerging", "to date", ..., or it sits under a heading such as "Recent Evidence") while
    /// citing a reference older than `recent_within_years` (default 5) — older than that when
    /// the article was written, if it gives its date (JATS `pub-date`, front matter `date`),
    /// else at `--as-of`. One finding per stale reference, at its citation.
    ///
    /// ## Why is this bad?
    /// Readers take "recent evidence" at its word. Presenting decade-old studies as the latest
    /// evidence hides whatever has been published since.
    ///
    /// ## Example
    /// ```text
    /// Recent Evidence
    ///   • The 2015 study 2 demonstrates the efficacy of gabapentin.
    /// ```
    /// As of 2026, a 2015 study is 11 years old, not recent.
    pub struct StaleRecentClaim {
        code: "CG202",
        name: "stale-recent-claim",
        severity: Warning,
    }
}

impl Rule for StaleRecentClaim {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for sentence in &cx.article.sentences {
            let Some(why) = recency_claim(cx.lexicon, sentence) else {
                continue;
            };
            let mut reported = BTreeSet::new();
            for citation in sentence.citations.iter().map(|&i| &cx.article.citations[i]) {
                let Some(index) = citation.reference else {
                    continue;
                };
                let (reference, grade) = (&cx.article.references[index], &cx.grades[index]);
                let (Some(age), Some(year)) = (grade.age_years, reference.year) else {
                    continue;
                };
                // A dated article called the work recent when it was written, not today.
                let age = cx
                    .article
                    .published_year
                    .map_or(age, |written| written - year);
                if age <= cx.thresholds.recent_within_years || !reported.insert(index) {
                    continue;
                }
                let when = match cx.article.published_year {
                    Some(written) => format!("{age} years older than the article ({written})"),
                    None => format!("{age} years old"),
                };
                let message = format!(
                    "{why}, but reference {} is from {year} ({when}; recent means within {} years)",
                    reference.key, cx.thresholds.recent_within_years
                );
                let mut finding = Self::META.finding(citation.position, message);
                finding.citation = Some(citation.marker.clone());
                finding.reference = Some(reference.key.clone());
                finding.quote = Some(sentence.text.clone());
                out.push(finding);
            }
        }
    }
}

/// Why the sentence counts as presenting recent evidence, if it does.
fn recency_claim(lexicon: &claims::Lexicon, sentence: &Sentence) -> Option<String> {
    if let Some(cue) = claims::recency_wording(lexicon, sentence) {
        return Some(format!("the text calls the evidence \"{}\"", cue.text));
    }
    sentence
        .section
        .as_deref()
        .filter(|heading| claims::is_recent_heading(heading))
        .map(|heading| format!("the sentence stands under the heading \"{heading}\""))
}
