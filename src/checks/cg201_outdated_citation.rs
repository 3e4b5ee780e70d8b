use chrono::Datelike;

use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, Recency};

rule! {
    /// ## What it does
    /// Flags a reference older than `outdated_after_years` (default 10) at the `--as-of`
    /// date. Age is the as-of year minus the publication year, in whole years.
    ///
    /// ## Why is this bad?
    /// Clinical evidence ages: newer trials, reviews and guidelines may have superseded an old
    /// study. An old reference is not wrong in itself (landmark trials stay landmarks), so
    /// this is a warning asking the editor to check for newer evidence.
    ///
    /// ## Example
    /// As of 2026-11-24, a reference from 2015 is 11 years old: outdated.
    pub struct OutdatedCitation {
        code: "CG201",
        name: "outdated-citation",
        severity: Warning,
    }
}

impl Rule for OutdatedCitation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (reference, grade) in cx.article.references.iter().zip(cx.grades) {
            let (Recency::Outdated, Some(age), Some(year)) =
                (grade.recency, grade.age_years, reference.year)
            else {
                continue;
            };
            let message = format!(
                "reference {} ({year}) is {age} years old in {}; references older than {} years are outdated",
                reference.key,
                cx.as_of.year(),
                cx.thresholds.outdated_after_years
            );
            out.push(Self::META.reference_finding(reference, message));
        }
    }
}
