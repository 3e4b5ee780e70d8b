use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, InputProblemKind};

rule! {
    /// ## What it does
    /// Flags a reference entry from which neither a title nor a year could be read.
    ///
    /// ## Why is this bad?
    /// An entry citegrade cannot read cannot be graded, dated or cross-checked, so every
    /// citation of it goes unaudited. Usually the entry is truncated, or its layout is one the
    /// reader does not know.
    ///
    /// ## Example
    /// ```text
    /// References
    /// 1. Smith AB. Gabapentin for central pain. Pain. 2015;3:1-9.
    /// 2. .
    /// ```
    /// Entry 2 holds nothing to read.
    pub struct UnparsedReference {
        code: "CG001",
        name: "unparsed-reference",
        severity: Warning,
    }
}

impl Rule for UnparsedReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for problem in &cx.article.problems {
            if problem.kind == InputProblemKind::UnparsedReference {
                let mut finding = Self::META.problem_finding(problem);
                if problem.source.is_none() {
                    finding.quote = Some(cx.article.source_line(problem.position.line).to_string());
                }
                out.push(finding);
            }
        }
    }
}
