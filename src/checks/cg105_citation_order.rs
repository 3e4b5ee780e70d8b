use std::collections::HashSet;

use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::Finding;

rule! {
    /// ## What it does
    /// In a numbered reference list (Vancouver, AMA), flags numbers that skip ("1, 2, 4") and
    /// a reference first cited before one with a lower number: numbered styles number
    /// references in the order they are first cited. One finding for the first break in the
    /// order, with the count of references first cited out of order.
    ///
    /// ## Why is this bad?
    /// Out-of-order numbers are what a dropped, inserted or moved reference leaves behind, and
    /// journals that number by first appearance will send the article back. A skipped number
    /// is a reference that was deleted without renumbering.
    ///
    /// ## Example
    /// ```text
    /// Topiramate reduces migraine days [3]. Beta-blockers are first-line [2].
    /// ```
    /// Reference 3 is cited before reference 2 is.
    pub struct CitationOrder {
        code: "CG105",
        name: "citation-order",
        severity: Info,
    }
}

impl Rule for CitationOrder {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let article = cx.article;
        if article.is_bibliography {
            return;
        }
        let Some(numbers) = numeric_keys(cx) else {
            return;
        };
        report_gaps(cx, &numbers, out);
        report_order(cx, out);
    }
}

/// The list's numbers in list order, when every key is a number.
fn numeric_keys(cx: &Context<'_>) -> Option<Vec<u32>> {
    let numbers: Option<Vec<u32>> = cx
        .article
        .references
        .iter()
        .map(|r| r.key.parse().ok())
        .collect();
    numbers.filter(|n| !n.is_empty())
}

fn report_gaps(cx: &Context<'_>, numbers: &[u32], out: &mut Vec<Finding>) {
    let mut previous = 0;
    for (reference, &number) in cx.article.references.iter().zip(numbers) {
        if number > previous + 1 {
            let message = format!(
                "the reference list skips from {previous} to {number}: {} missing",
                if number == previous + 2 {
                    format!("reference {} is", previous + 1)
                } else {
                    format!("references {} to {} are", previous + 1, number - 1)
                }
            );
            out.push(CitationOrder::META.reference_finding(reference, message));
        }
        previous = previous.max(number);
    }
}

/// The first citation that cites a reference before a lower-numbered one has been cited.
fn report_order(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let article = cx.article;
    let mut citations: Vec<_> = article
        .citations
        .iter()
        .filter(|c| c.reference.is_some())
        .collect();
    citations.sort_by_key(|c| c.position);
    let mut seen: HashSet<&str> = HashSet::new();
    let mut first_break = None;
    let mut out_of_order = 0;
    for citation in citations {
        if !seen.insert(citation.key.as_str()) {
            continue;
        }
        let Ok(number) = citation.key.parse::<usize>() else {
            return;
        };
        if number != seen.len() {
            out_of_order += 1;
            first_break.get_or_insert((citation, seen.len()));
        }
    }
    if let Some((citation, expected)) = first_break {
        let message = format!(
            "reference {} is cited before reference {expected} is: numbered references should follow the order of first citation ({out_of_order} first cited out of order)",
            citation.key
        );
        out.push(CitationOrder::META.citation_finding(article, citation, message));
    }
}
