use crate::checks::{claims, rule, Context, Rule, RuleMeta};
use crate::model::{Design, Finding, Sentence};

rule! {
    /// ## What it does
    /// Flags strong wording ("demonstrates", "confirms", "proves", "establishes",
    /// "definitive", "highest-quality", "first-line", ...) when every reference the sentence
    /// cites is low-level evidence: level 4 or 5 (case series, case-control, case report,
    /// narrative review, expert opinion, preclinical). References whose design is unknown never
    /// trigger it, and neither do citations that point nowhere (see CG101). It also flags a claim
    /// about patients or people ("reduces pain in patients", "should be given to children")
    /// that cites only preclinical (animal or in-vitro) studies. Hedged wording ("may",
    /// "might") and sentences in methods and results sections never trigger it.
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
            let cited = cited_references(cx, sentence);
            if cited.is_empty() || claims::in_reporting_section(sentence) {
                continue;
            }
            let Some((cue, why)) = overstatement(cx, sentence, &cited) else {
                continue;
            };
            let evidence: Vec<String> = cited.iter().map(|&i| describe(cx, i)).collect();
            let message = format!("\"{}\" {why}: {}", cue.text, evidence.join("; "));
            let mut finding = Self::META.finding(sentence.position_of_byte(cue.start), message);
            finding.span = sentence.span_of(cue.start, &cue.text);
            finding.reference = Some(
                cited
                    .iter()
                    .map(|&i| cx.article.references[i].key.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            );
            finding.quote = Some(sentence.text.trim().to_string());
            out.push(finding);
        }
    }
}

/// The references the sentence cites that resolve, each once, in list order.
fn cited_references(cx: &Context<'_>, sentence: &Sentence) -> Vec<usize> {
    let mut cited: Vec<usize> = sentence
        .citations
        .iter()
        .filter_map(|&i| cx.article.citations.get(i).and_then(|c| c.reference))
        .collect();
    cited.sort_unstable();
    cited.dedup();
    cited
}

/// The cue that overstates the evidence cited, and why, if the sentence overstates it: strong
/// wording on low-level evidence only, or a firm claim about people on preclinical evidence only.
/// A reference of unknown design never counts as low-level or preclinical.
fn overstatement(
    cx: &Context<'_>,
    sentence: &Sentence,
    cited: &[usize],
) -> Option<(claims::CueMatch, &'static str)> {
    let grade = |i: usize| cx.grades.get(i);
    let all_low = cited
        .iter()
        .all(|&i| grade(i).is_some_and(|g| g.design != Design::Unknown && g.level.is_low()));
    if all_low {
        if let Some(cue) = claims::strong_wording(cx.lexicon, sentence) {
            return Some((cue, "rests only on low-level evidence"));
        }
    }
    let all_preclinical = cited
        .iter()
        .all(|&i| grade(i).is_some_and(|g| g.design == Design::Preclinical));
    if all_preclinical && claims::about_humans(sentence) {
        let cue = claims::clinical_claim(cx.lexicon, sentence)
            .or_else(|| claims::strong_wording(cx.lexicon, sentence))?;
        return Some((
            cue,
            "is a claim about people resting only on preclinical evidence",
        ));
    }
    None
}

/// "reference 4 is case series (level 4, from "Eight Cases")".
fn describe(cx: &Context<'_>, i: usize) -> String {
    let key = cx.article.references.get(i).map_or("?", |r| r.key.as_str());
    let Some(g) = cx.grades.get(i) else {
        return format!("reference {key}");
    };
    format!(
        "reference {key} is {} (level {}{})",
        g.design.noun(),
        g.level.label(),
        g.design_cue
            .as_deref()
            .map(|c| format!(", from \"{c}\""))
            .unwrap_or_default()
    )
}
