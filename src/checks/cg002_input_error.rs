use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, InputProblemKind, Severity};

rule! {
    /// ## What it does
    /// Flags a file that cannot be read, cannot be decoded as text, is empty, or is not the
    /// format it claims to be. When the file could be read only by guessing (text that is not
    /// valid UTF-8, decoded as Windows-1252), the finding is a warning that names the guess.
    ///
    /// ## Why is this bad?
    /// Nothing in an unreadable file is audited, so its citations could be wrong without anyone
    /// knowing. A guessed encoding may garble names and titles. The rest of the batch is
    /// audited as usual: one bad file never stops the run.
    ///
    /// ## Example
    /// An empty `draft.txt`, or a PDF saved as `review.txt`, gets
    /// `CG002 file is empty` or `CG002 not a text file (NUL byte at offset 10)`.
    pub struct InputError {
        code: "CG002",
        name: "input-error",
        severity: Error,
    }
}

impl Rule for InputError {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for problem in &cx.article.problems {
            let severity = match problem.kind {
                InputProblemKind::Unreadable => Severity::Error,
                InputProblemKind::Guessed | InputProblemKind::PartlyRead => Severity::Warning,
                InputProblemKind::UnparsedReference => continue,
            };
            let mut finding = Self::META.problem_finding(problem);
            finding.severity = severity;
            out.push(finding);
        }
    }
}
