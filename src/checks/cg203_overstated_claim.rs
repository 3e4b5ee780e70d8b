use crate::checks::{claims, rule, Context, Rule, RuleMeta};
use crate::model::{Design, Finding};

rule! {
    /// ## What it does
    /// Flags strong wording ("demonstrates", "confirms", "proves", "establishes",
    /// "definitive", "highest-quality", "first-line", ...) when every reference the sentence
    /// cites is low-level evidence: level 4 or 5 (case series, case-control, case report,
    /// narrative review, expert opinion, preclinical). References whose design is unknown never
    /// trigger it, and neither do citations that point nowhere (see CG101).
    ///
    /// ## Why is this bad?
    /// A case series can suggest; it cannot confirm. Overstating the strength of evidence is
    /// the commonest way health writing misleads, and readers cannot see the study design
    /// from the sentence.
    ///
    /// ## Example
    /// ```text
    /// The 2009 study 4 confirms the benefit of spinal cord stimulation.
    /// ```
    /// where reference 4 is "Long-term Results of Eight Cases": a case series, level 4.
    pub struct OverstatedClaim {
        code: "CG203",
        name: "overstated-claim",
        severity: Warning,
    }
}

impl Rule for OverstatedClaim {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for sentence in &cx.article.sentences {
            let Some(cue) = claims::strong_wording(sentence) else {
                continue;
            };
            let mut cited: Vec<usize> = sentence
                .citations
                .iter()
                .filter_map(|&i| cx.article.citations[i].reference)
                .collect();
            cited.sort_unstable();
            cited.dedup();
            let all_low = !cited.is_empty()
                && cited.iter().all(|&i| {
                    cx.grades[i].design != Design::Unknown && cx.grades[i].level.is_low()
                });
            if !all_low {
                continue;
            }
            let evidence: Vec<String> = cited
                .iter()
                .map(|&i| {
                    let g = &cx.grades[i];
                    format!(
                        "reference {} is {} (level {}{})",
                        cx.article.references[i].key,
                        g.design.noun(),
                        g.level.label(),
                        g.design_cue
                            .as_deref()
                            .map(|c| format!(", from \"{c}\""))
                            .unwrap_or_default()
                    )
                })
                .collect();
            let message = format!(
                "\"{}\" rests only on low-level evidence: {}",
                cue.text,
                evidence.join("; ")
            );
            let mut finding = Self::META.finding(sentence.position_of_byte(cue.start), message);
            finding.reference = Some(
                cited
                    .iter()
                    .map(|&i| cx.article.references[i].key.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
            finding.quote = Some(sentence.text.clone());
            out.push(finding);
        }
    }
}
