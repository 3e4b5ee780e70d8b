//! `junit.xml`: the findings as JUnit XML test results, which CI systems (GitLab, Jenkins,
//! Azure Pipelines, GitHub test-report actions) show as a list of tests.
//! <https://github.com/testmoapp/junitxml>
//!
//! One `<testsuite>` per article (its id as the name), one `<testcase>` per finding, named
//! `CODE rule line L col C [marker]` (or `ref KEY` when no citation is concerned), with ` #2`,
//! ` #3` appended when the same name would occur again in the suite. Errors and warnings are
//! `<failure type="CODE" message="...">`; an info finding is advice, not a failure, so its test
//! case passes and carries the message in `<system-out>` (marking it `skipped` would say
//! something was not checked, which is not so); so does a finding the baseline file accepts
//! (`--baseline`). An article without findings gets one passing
//! test case, `no findings`, so that every audited article shows in the report.

use std::collections::HashSet;
use std::io;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::stream::{flush, Out, StreamedReport};
use super::{display_path, finding_path, Summary};
use crate::audit::AuditedArticle;
use crate::model::{Finding, Severity};

/// The test case of an article without findings.
pub const NO_FINDINGS: &str = "no findings";

/// Writes `junit.xml` article by article.
pub struct JunitReport {
    xml: Writer<Out>,
}

impl JunitReport {
    /// Write the declaration and open `<testsuites>`.
    pub fn start(out: Out) -> io::Result<JunitReport> {
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.write_event(Event::Start(
            BytesStart::new("testsuites").with_attributes([("name", "citegrade")]),
        ))?;
        Ok(JunitReport { xml })
    }
}

/// Characters XML 1.0 cannot hold even escaped (controls other than tab, LF and CR, and the
/// non-characters U+FFFE and U+FFFF) become U+FFFD, so a stray byte in an article cannot make
/// the whole report unreadable.
fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// The test case name of a finding, before it is made unique.
fn case_name(finding: &Finding) -> String {
    let mut name = format!("{} {}", finding.code, finding.rule);
    if finding.position.line > 0 {
        name += &format!(" line {}", finding.position.line);
        if finding.position.column > 0 {
            name += &format!(" col {}", finding.position.column);
        }
    }
    match (&finding.citation, &finding.reference) {
        (Some(marker), _) => name += &format!(" [{marker}]"),
        (None, Some(key)) => name += &format!(" ref {key}"),
        (None, None) => {}
    }
    xml_text(&name)
}

/// `name`, or `name #2`, `name #3`, ... : the first not taken yet in this suite.
fn unique_name(name: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 1;
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{name} #{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

/// Errors and warnings fail their test case, unless the baseline file accepts them.
fn is_failure(finding: &Finding) -> bool {
    finding.severity >= Severity::Warning && !finding.baselined
}

impl JunitReport {
    fn test_case(
        &mut self,
        audited: &AuditedArticle,
        finding: &Finding,
        name: &str,
    ) -> io::Result<()> {
        let path = xml_text(&finding_path(&audited.article, finding));
        let line = finding.position.line.to_string();
        let id = xml_text(&audited.article.id);
        let mut case = BytesStart::new("testcase").with_attributes([
            ("name", name),
            ("classname", id.as_str()),
            ("file", path.as_str()),
        ]);
        if finding.position.line > 0 {
            case.push_attribute(("line", line.as_str()));
        }
        self.xml.write_event(Event::Start(case))?;
        let message = xml_text(&finding.message);
        if is_failure(finding) {
            let failure = BytesStart::new("failure")
                .with_attributes([("type", finding.code), ("message", message.as_str())]);
            let body = format!("{} [{}] {}", finding.code, finding.severity, message);
            self.xml.write_event(Event::Start(failure))?;
            self.xml.write_event(Event::Text(BytesText::new(&body)))?;
            self.xml.write_event(Event::End(BytesEnd::new("failure")))?;
        } else {
            self.xml
                .create_element("system-out")
                .write_text_content(BytesText::new(&format!(
                    "{} [{}] {}{}",
                    finding.code,
                    finding.severity,
                    message,
                    if finding.baselined {
                        " (accepted by the baseline)"
                    } else {
                        ""
                    }
                )))?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("testcase")))
    }
}

impl StreamedReport for JunitReport {
    fn write(&mut self, audited: &AuditedArticle) -> io::Result<()> {
        let article = &audited.article;
        let findings = &audited.findings;
        let tests = findings.len().max(1).to_string();
        let failures = findings
            .iter()
            .filter(|f| is_failure(f))
            .count()
            .to_string();
        let id = xml_text(&article.id);
        let path = xml_text(&display_path(&article.path));
        self.xml
            .write_event(Event::Start(BytesStart::new("testsuite").with_attributes(
                [
                    ("name", id.as_str()),
                    ("tests", tests.as_str()),
                    ("failures", failures.as_str()),
                    ("errors", "0"),
                    ("skipped", "0"),
                    ("file", path.as_str()),
                ],
            )))?;
        if findings.is_empty() {
            self.xml
                .create_element("testcase")
                .with_attributes([("name", NO_FINDINGS), ("classname", id.as_str())])
                .write_empty()?;
        }
        let mut taken = HashSet::new();
        for finding in findings {
            let name = unique_name(case_name(finding), &mut taken);
            self.test_case(audited, finding, &name)?;
        }
        self.xml.write_event(Event::End(BytesEnd::new("testsuite")))
    }

    fn finish(self: Box<Self>, _summary: &Summary) -> io::Result<()> {
        let mut xml = self.xml;
        xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
        let mut out = xml.into_inner();
        io::Write::write_all(&mut out, b"\n")?;
        flush(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rule_by_code;
    use crate::model::Position;

    #[test]
    fn names_say_where_and_are_unique() {
        let meta = rule_by_code("CG101").unwrap().meta();
        let mut finding = meta.finding(Position::new(28, 45), "m".into());
        finding.citation = Some("7".into());
        assert_eq!(
            case_name(&finding),
            "CG101 dangling-citation line 28 col 45 [7]"
        );
        let mut taken = HashSet::new();
        let first = unique_name(case_name(&finding), &mut taken);
        let second = unique_name(case_name(&finding), &mut taken);
        assert_eq!(second, format!("{first} #2"));
        let whole_file = rule_by_code("CG002")
            .unwrap()
            .meta()
            .finding(Position::default(), "m".into());
        assert_eq!(case_name(&whole_file), "CG002 input-error");
    }

    #[test]
    fn characters_xml_cannot_hold_are_replaced() {
        assert_eq!(xml_text("a\u{1b}b\tc"), "a\u{FFFD}b\tc");
    }
}
