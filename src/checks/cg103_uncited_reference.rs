use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::Finding;

rule! {
    /// ## What it does
    /// Flags a reference that no in-text citation points to.
    ///
    /// ## Why is this bad?
    /// An uncited reference pads the list, or is the trace of a citation that was deleted or
    /// renumbered by mistake: the sentence that needed it may now cite the wrong study.
    ///
    /// ## Example
    /// A list of five references where the text cites 1 to 4 only: reference 5 is uncited.
    pub struct UncitedReference {
        code: "CG103",
        name: "uncited-reference",
        severity: Warning,
    }
}

impl Rule for UncitedReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.article.is_bibliography {
            return;
        }
        let none_recognised = cx.article.citations.is_empty();
        for (reference, &count) in cx.article.references.iter().zip(cx.times_cited) {
            if count > 0 {
                continue;
            }
            let mut message = format!("reference {} is never cited in the text", reference.key);
            if none_recognised {
                message.push_str(" (no in-text citations were recognised in this article)");
            }
            out.push(Self::META.reference_finding(reference, message));
        }
    }
}
