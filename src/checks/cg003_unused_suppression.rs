use crate::checks::{rule, Context, Rule, RuleMeta};
use crate::model::{Finding, Position};

rule! {
    /// ## What it does
    /// Flags a `citegrade: ignore` comment that silences nothing: no finding of the codes it
    /// names stands where it reaches (its own line after text; its line or the next alone on
    /// its line; anywhere in the file for `ignore-file`). Also
    /// flags a directive naming a code no rule has (`CG999`), a code of a rule that is not
    /// enabled, and a `citegrade:` comment that is neither `ignore` nor `ignore-file`. In a
    /// bibliography the article reads only part of (a shared `.bib`), a directive that
    /// silences nothing is not flagged: it may be meant for an entry another article reads.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it silenced: once the reference is updated or the
    /// citation fixed, the comment stays and would silently hide the next, different problem
    /// on that line. A misspelt code silences nothing while looking as if it did. Like ruff's
    /// RUF100, this keeps suppressions honest. Name CG003 in a directive (or in `ignore` in
    /// `citegrade.toml`) to keep a comment that is meant to stay.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- citegrade: ignore CG201 -->
    /// Pain improved after stimulation [4].
    /// ```
    /// Once reference 4 is replaced by a current one, the comment gets
    /// `CG003 `CG201` silences nothing: no CG201 finding on this line or the next`.
    pub struct UnusedSuppression {
        code: "CG003",
        name: "unused-suppression",
        severity: Warning,
    }
}

/// The rule's code, for the suppression filter that reports it.
pub const CODE: &str = UnusedSuppression::META.code;

/// A report about the directive at `position`.
pub fn finding(position: Position, message: String) -> Finding {
    UnusedSuppression::META.finding(position, message)
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Nothing to do here: whether a directive silences anything is known only once every
    /// other rule has run, so `suppress::apply` reports it.
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
