use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Design, Finding};

rule! {
    /// ## What it does
    /// Flags a reference whose study design cannot be determined: its metadata (publication
    /// type, entry type, keywords) names no design, and neither its title nor its abstract
    /// carries a design cue.
    ///
    /// ## Why is this bad?
    /// citegrade never guesses a design. An ungraded reference cannot support or undermine a
    /// claim, so claims resting on it are not checked against its strength. The editor may
    /// want to look the study up, or add a bibliography with publication types.
    ///
    /// ## Example
    /// "The Efficacy of Gabapentin in Patients with Central Post-stroke Pain." names no design.
    pub struct UngradedReference {
        code: "CG205",
        name: "ungraded-reference",
        severity: Info,
    }
}

impl Rule for UngradedReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (reference, grade) in cx.article.references.iter().zip(cx.grades) {
            if grade.design != Design::Unknown {
                continue;
            }
            let message = match &reference.title {
                Some(_) => format!(
                    "the study design of reference {} cannot be determined: no publication type names one and its title (or abstract) carries no design cue",
                    reference.key
                ),
                None => format!(
                    "the study design of reference {} cannot be determined: it has no title",
                    reference.key
                ),
            };
            out.push(Self::META.reference_finding(reference, message));
        }
    }
}
