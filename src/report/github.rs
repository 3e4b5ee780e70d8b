//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
//! which GitHub shows as an annotation on the line of the file.
//!
//! Escaping follows the Actions toolkit (`@actions/core`, `command.ts`): in the message `%`, CR
//! and LF are percent-encoded; in properties `:` and `,` are too.
//! <https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions>

use crate::audit::AuditedArticle;
use crate::model::{Finding, Severity};
use crate::report::finding_path;

/// The workflow command for one finding.
pub fn annotation(audited: &AuditedArticle, finding: &Finding) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let path = finding_path(&audited.article, finding);
    let mut properties = vec![format!("file={}", escape_property(&path))];
    if finding.position.line > 0 {
        properties.push(format!("line={}", finding.position.line));
        properties.push(format!("col={}", finding.position.column));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("{} {}", finding.code, finding.rule))
    ));
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&finding.message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c%d"), "a%3Ab%2Cc%25d");
    }
}
