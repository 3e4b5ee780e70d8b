//! Terminal output: one line per finding, `path:line:column: CODE [severity] message`, the
//! shape editors and tools that jump to a location already understand.

use crate::audit::AuditedArticle;
use crate::model::Finding;
use crate::report::{finding_path, Summary};

use super::markdown::plural;

/// One finding as a line.
pub fn finding_line(audited: &AuditedArticle, finding: &Finding) -> String {
    let path = finding_path(&audited.article, finding);
    let place = if finding.position.line == 0 {
        path
    } else {
        format!(
            "{path}:{}:{}",
            finding.position.line, finding.position.column
        )
    };
    format!(
        "{place}: {} [{}] {}",
        finding.code, finding.severity, finding.message
    )
}

/// The closing line of a run.
pub fn summary_line(summary: &Summary, out: Option<&str>) -> String {
    use crate::model::Severity::*;
    let reports = out.map_or(String::new(), |out| format!("; reports in {out}"));
    let silenced = silenced(summary);
    format!(
        "citegrade: {}, {}, {}: {}, {}, {} info{silenced}{reports}",
        plural(summary.articles, "article"),
        plural(summary.references, "reference"),
        plural(summary.citations, "citation"),
        plural(summary.counted(Error), "error"),
        plural(summary.counted(Warning), "warning"),
        summary.counted(Info),
    )
}

/// "; 3 baselined, 2 suppressed" when the baseline or `citegrade: ignore` left findings out.
fn silenced(summary: &Summary) -> String {
    let mut parts = Vec::new();
    if summary.baseline.is_some() || summary.baselined_total() > 0 {
        parts.push(format!("{} baselined", summary.baselined_total()));
    }
    if summary.suppressed > 0 {
        parts.push(format!("{} suppressed", summary.suppressed));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
}
