use std::collections::HashMap;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, Reference};

rule! {
    /// ## What it does
    /// Flags a reference that is the same work as an earlier entry of the list: the same DOI
    /// (case does not matter), the same PMID, or the same title and year once case,
    /// punctuation, diacritics and spacing are set aside. The finding sits at the later entry
    /// and names both.
    ///
    /// ## Why is this bad?
    /// A duplicate inflates the list and splits the citations of one study over two numbers, so
    /// a reader may take one trial for two. It usually comes from merging reference-manager
    /// exports or from a reference added twice while revising.
    ///
    /// ## Example
    /// ```text
    /// 3. Smith AB. Gabapentin for pain. Pain. 2015;3:1-9. doi:10.1000/xyz
    /// 7. Smith A. Gabapentin for Pain! Pain. 2015. DOI: 10.1000/XYZ
    /// ```
    /// Reference 7 duplicates reference 3 (same DOI).
    pub struct DuplicateReference {
        code: "CG104",
        name: "duplicate-reference",
        severity: Warning,
    }
}

/// Titles shorter than this many words ("Editorial", "Erratum") are too generic to match on.
const MIN_TITLE_WORDS: usize = 3;

impl Rule for DuplicateReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut by_doi: HashMap<String, usize> = HashMap::new();
        let mut by_pmid: HashMap<String, usize> = HashMap::new();
        let mut by_title: HashMap<(String, Option<i32>), usize> = HashMap::new();
        let references = &cx.article.references;
        for (index, reference) in references.iter().enumerate() {
            let doi = reference.doi.as_deref().map(str::to_lowercase);
            let pmid = reference.pmid.clone();
            let title = reference
                .title
                .as_deref()
                .map(normalise_title)
                .filter(|t| t.split(' ').count() >= MIN_TITLE_WORDS)
                .map(|t| (t, reference.year));
            let earlier = doi
                .as_ref()
                .and_then(|d| by_doi.get(d).map(|&i| (i, "the same DOI")))
                .or_else(|| {
                    pmid.as_ref()
                        .and_then(|p| by_pmid.get(p).map(|&i| (i, "the same PMID")))
                })
                .or_else(|| {
                    title
                        .as_ref()
                        .and_then(|t| by_title.get(t).map(|&i| (i, "the same title and year")))
                });
            if let Some((first, why)) = earlier {
                out.push(duplicate(&references[first], reference, why));
            }
            // A duplicate's own identifiers still point at the first entry of the work.
            let first = earlier.map_or(index, |(first, _)| first);
            if let Some(d) = doi {
                by_doi.entry(d).or_insert(first);
            }
            if let Some(p) = pmid {
                by_pmid.entry(p).or_insert(first);
            }
            if let Some(t) = title {
                by_title.entry(t).or_insert(first);
            }
        }
    }
}

fn duplicate(first: &Reference, again: &Reference, why: &str) -> Finding {
    let message = format!(
        "reference {} duplicates reference {} ({why})",
        again.key, first.key
    );
    DuplicateReference::META.reference_finding(again, message)
}

/// A title reduced to its words: lower case, no diacritics, no punctuation, single spaces.
fn normalise_title(title: &str) -> String {
    let letters: String = title
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_alphanumeric() || c == '&' {
                c
            } else {
                ' '
            }
        })
        .collect();
    letters
        .replace('&', " and ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_normalise_alike() {
        assert_eq!(
            normalise_title("Gabapentin  & Pain: a Méta-analysis."),
            normalise_title("gabapentin and pain - a meta analysis")
        );
    }
}
