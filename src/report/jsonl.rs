//! JSON Lines: one JSON object per finding, with the fields of `findings.csv` (line and column
//! as numbers, `null` for a whole-file finding). Streams as the audit goes, so a batch of any
//! size is written without being held. <https://jsonlines.org>

use serde_json::{json, Value};

use crate::audit::AuditedArticle;
use crate::model::Finding;
use crate::report::finding_path;

/// One finding as a JSON object on one line.
pub fn line(audited: &AuditedArticle, finding: &Finding) -> String {
    let path = finding_path(&audited.article, finding);
    let number = |n: usize| if n == 0 { Value::Null } else { json!(n) };
    json!({
        "article": audited.article.id,
        "path": path,
        "line": number(finding.position.line),
        "column": number(finding.position.column),
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.as_str(),
        "message": finding.message,
        "citation": finding.citation,
        "reference": finding.reference,
    })
    .to_string()
}
