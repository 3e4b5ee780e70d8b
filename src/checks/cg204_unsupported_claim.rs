use crate::checks::{claims, rule, Context, Rule, RuleMeta};
use crate::model::Finding;

rule! {
    /// ## What it does
    /// Flags a sentence that recommends an intervention ("should", "must", "is recommended",
    /// "first-line", "consider", "avoid") or claims it works ("reduces", "improves",
    /// "prevents", "causes", "can help", "is effective") and cites nothing. Hedged wording
    /// ("may reduce", "might", "associated with") is not such a claim on its own, and neither
    /// are advice about care in general ("treatment should be individualised"), questions,
    /// headings, text inside quotes (a guideline's title), statements about the article's own
    /// work ("we found", "in this study", "our results"), sentences pointing at its own figures
    /// and tables, and sentences under a methods or results heading. An article that cites
    /// nothing at all gets one finding for the whole text instead of one per sentence.
    ///
    /// ## Why is this bad?
    /// A clinical recommendation without a source cannot be checked, and readers cannot tell
    /// it from the author's opinion.
    ///
    /// ## Example
    /// ```text
    ///   • For breakthrough pain, opioids may be considered but should be used cautiously.
    /// ```
    pub struct UnsupportedClaim {
        code: "CG204",
        name: "unsupported-claim",
        severity: Warning,
    }
}

impl Rule for UnsupportedClaim {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let unsupported: Vec<_> = cx
            .article
            .sentences
            .iter()
            .filter(|s| s.citations.is_empty())
            .filter_map(|s| claims::clinical_claim(cx.lexicon, s).map(|cue| (s, cue)))
            .collect();
        if cx.article.citations.is_empty() {
            if let Some((first, cue)) = unsupported.first() {
                let message = format!(
                    "the article makes {} recommendation or efficacy claim{} and cites nothing",
                    unsupported.len(),
                    if unsupported.len() == 1 { "" } else { "s" }
                );
                let mut finding = Self::META.finding(first.position_of_byte(cue.start), message);
                finding.span = first.span_of(cue.start, &cue.text);
                finding.quote = Some(first.text.trim().to_string());
                out.push(finding);
            }
            return;
        }
        for (sentence, cue) in unsupported {
            let message = format!(
                "\"{}\": a recommendation or efficacy claim with no citation",
                cue.text
            );
            let mut finding = Self::META.finding(sentence.position_of_byte(cue.start), message);
            finding.span = sentence.span_of(cue.start, &cue.text);
            finding.quote = Some(sentence.text.trim().to_string());
            out.push(finding);
        }
    }
}
