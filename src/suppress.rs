//! Inline suppressions: comments in an article (or its sidecar bibliography) that silence
//! findings, as ruff's `# noqa` does.
//!
//! A directive is a one-line comment in the syntax of the file's format:
//!
//! - `<!-- citegrade: ignore CG201 -->` in Markdown, HTML and XML (JATS, PubMed XML),
//! - `% citegrade: ignore CG201` in LaTeX and BibTeX,
//! - `# citegrade: ignore CG201` in plain text.
//!
//! `ignore` at the end of a line of text silences the findings on that line; alone on its line
//! (nothing but blanks and comment marks around it) it silences those on its own line and the
//! next, as ruff's `noqa` and eslint's `disable-line` / `disable-next-line` divide the work.
//! `ignore-file` silences them in the whole file, wherever it stands. Codes are a comma- or
//! space-separated list matched by prefix as `select` and `ignore` match them (`CG2` is
//! CG201..CG206); no code means every rule. A directive that silences nothing, or names a code
//! no rule has, is itself reported (CG003), so stale directives do not pile up; one in a
//! bibliography the article read only part of (see [`Directive::partly_read`]) is not.
//!
//! A `citegrade:` comment inside Markdown code (a fenced or indented block, an inline span) is
//! shown, not meant: it is no directive.

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use crate::checks::{cg003_unused_suppression, RuleSettings, RULES};
use crate::input::Format;
use crate::model::{Article, Finding, Position};

/// How far a directive reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Its own line: the directive follows other text there.
    Line,
    /// Its own line and the line after it: the directive stands alone on its line.
    LineAndNext,
    /// The whole file.
    File,
}

/// One `citegrade:` comment, as read from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    pub scope: Scope,
    /// Codes or code prefixes, upper-cased ("CG201", "CG2"); empty means every rule.
    pub codes: Vec<String>,
    /// Where the comment starts.
    pub position: Position,
    /// The file it stands in when that is not the article (a sidecar bibliography).
    pub source: Option<PathBuf>,
    /// Why the comment is not a directive citegrade understands, when it is not one.
    pub malformed: Option<String>,
    /// It stands in a bibliography of which the article kept only some entries (a shared
    /// `.bib`, say). Whether it silences nothing depends on the entries some other article
    /// reads, so that is not reported here.
    pub partly_read: bool,
}

/// A `citegrade:` comment in one comment syntax: group `body` is what follows `citegrade:`.
static HTML_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*citegrade:(?P<body>.*?)-->").expect("HTML directive pattern")
});
/// `%` not escaped as `\%`.
static PERCENT_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\\])(?P<start>%)\s*citegrade:(?P<body>.*)$")
        .expect("percent directive pattern")
});
static HASH_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<start>#)\s*citegrade:(?P<body>.*)$").expect("hash directive pattern")
});

/// A comment syntax: the pattern of a directive, and the characters that, repeated around
/// one, are still comment marks rather than text (`%% citegrade: ignore`).
struct Syntax {
    pattern: &'static Regex,
    marks: &'static [char],
}

/// The comment syntax a format writes directives in, if it has one.
fn comment_syntax(format: Format) -> Option<Syntax> {
    let (pattern, marks): (&'static Regex, &'static [char]) = match format {
        Format::Markdown | Format::Html | Format::Jats | Format::PubmedXml => (&HTML_COMMENT, &[]),
        Format::Latex | Format::BibTeX => (&PERCENT_COMMENT, &['%']),
        Format::PlainText => (&HASH_COMMENT, &['#']),
        Format::Ris | Format::Medline | Format::CslJson | Format::Csv | Format::Docx => {
            return None
        }
    };
    Some(Syntax { pattern, marks })
}

/// The directives in `text`, a file of `format`; `source` is the file when it is not the article.
pub fn parse(format: Format, text: &str, source: Option<&PathBuf>) -> Vec<Directive> {
    let Some(syntax) = comment_syntax(format).filter(|_| text.contains("citegrade:")) else {
        return Vec::new();
    };
    let shown = if format == Format::Markdown {
        crate::input::markdown::code_ranges(text)
    } else {
        Vec::new()
    };
    let mut directives = Vec::new();
    let mut line_start = 0;
    for (index, line) in text.split('\n').enumerate() {
        let in_code = |at: usize| shown.iter().any(|r| r.contains(&(line_start + at)));
        // Each directive as (where it starts, its span in the line, its body).
        let found: Vec<(usize, std::ops::Range<usize>, &str)> = syntax
            .pattern
            .captures_iter(line)
            .filter_map(|caps| {
                let start = caps.name("start").or_else(|| caps.get(0))?.start();
                let end = caps.get(0)?.end();
                let body = caps.name("body").map_or("", |m| m.as_str());
                Some((start, start..end, body))
            })
            .filter(|(start, _, _)| !in_code(*start))
            .collect();
        let alone = stands_alone(line, found.iter().map(|(_, span, _)| span), syntax.marks);
        for (start, _, body) in found {
            let mut directive = read_body(body);
            if directive.scope == Scope::Line && alone {
                directive.scope = Scope::LineAndNext;
            }
            directive.position = Position::new(index + 1, line[..start].chars().count() + 1);
            directive.source = source.cloned();
            directives.push(directive);
        }
        line_start += line.len() + 1;
    }
    directives
}

/// True when `line` holds nothing but the directives at `spans`, blanks and comment `marks`.
fn stands_alone<'a>(
    line: &str,
    spans: impl Iterator<Item = &'a std::ops::Range<usize>>,
    marks: &[char],
) -> bool {
    let mut rest = 0;
    let mut outside = String::new();
    for span in spans {
        outside.push_str(line.get(rest..span.start).unwrap_or(""));
        rest = span.end;
    }
    outside.push_str(line.get(rest..).unwrap_or(""));
    outside
        .chars()
        .all(|c| c.is_whitespace() || marks.contains(&c))
}

/// What follows `citegrade:`: `ignore` or `ignore-file`, then the codes. An `ignore` reaches
/// its own line only until the line shows it stands alone.
fn read_body(body: &str) -> Directive {
    let body = body.trim();
    let (word, rest) = body
        .split_once(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or((body, ""));
    let scope = match word {
        "ignore" => Some(Scope::Line),
        "ignore-file" => Some(Scope::File),
        _ => None,
    };
    Directive {
        scope: scope.unwrap_or(Scope::Line),
        codes: rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|code| !code.is_empty())
            .map(str::to_ascii_uppercase)
            .collect(),
        position: Position::default(),
        source: None,
        partly_read: false,
        malformed: scope.is_none().then(|| {
            format!("`citegrade: {word}` is not a directive; write `citegrade: ignore CODE` or `citegrade: ignore-file CODE`")
        }),
    }
}

/// A plain-text file with its directives cut out, line for line.
#[derive(Debug, PartialEq, Eq)]
pub struct Masked {
    pub text: String,
    /// 0-based indices of the lines that held only a directive: they are left empty, and the
    /// reader skips them rather than take them for the blank line that ends a paragraph.
    pub directive_lines: Vec<usize>,
}

/// `text` with the plain-text directives cut out, line for line, so that the reader does not
/// take a `# citegrade: ignore` line for a sentence, a heading or a reference. Other formats
/// write directives in comments their readers already skip.
pub fn mask(format: Format, text: &str) -> Option<Masked> {
    if format != Format::PlainText || !text.contains("citegrade:") {
        return None;
    }
    let mut directive_lines = Vec::new();
    let masked: Vec<&str> = text
        .lines()
        .enumerate()
        .map(
            |(i, line)| match HASH_COMMENT.captures(line).and_then(|c| c.name("start")) {
                Some(start) => {
                    let before = &line[..start.start()];
                    // `## citegrade: ...` stands alone as `# citegrade: ...` does.
                    if before.chars().all(|c| c.is_whitespace() || c == '#') {
                        directive_lines.push(i);
                        ""
                    } else {
                        before
                    }
                }
                None => line,
            },
        )
        .collect();
    Some(Masked {
        text: masked.join("\n"),
        directive_lines,
    })
}

/// True when a rule code is matched by a directive code (a prefix, as `select` matches).
fn covers(prefix: &str, code: &str) -> bool {
    code.to_ascii_uppercase().starts_with(prefix)
}

impl Directive {
    /// True when the directive silences `finding`, a finding of the file it stands in.
    fn reaches(&self, finding: &Finding) -> bool {
        self.malformed.is_none()
            && self.source == finding.path
            && match self.scope {
                Scope::File => true,
                Scope::Line => finding.position.line == self.position.line,
                Scope::LineAndNext => {
                    let line = finding.position.line;
                    line == self.position.line || line == self.position.line + 1
                }
            }
    }
}

/// Which codes of one directive silenced something.
struct Use<'a> {
    directive: &'a Directive,
    /// One per code; for a directive without codes, one for "every rule".
    used: Vec<bool>,
}

impl<'a> Use<'a> {
    fn new(directive: &'a Directive) -> Self {
        Use {
            directive,
            used: vec![false; directive.codes.len().max(1)],
        }
    }

    /// Mark the codes that silence `finding`; true when one does. A directive without codes
    /// silences every rule except CG003, so that it cannot hide its own report.
    fn silence(&mut self, finding: &Finding) -> bool {
        if !self.directive.reaches(finding) {
            return false;
        }
        let mut silenced = false;
        if self.directive.codes.is_empty() {
            silenced = finding.code != cg003_unused_suppression::CODE;
            self.used[0] |= silenced;
        }
        for (code, used) in self.directive.codes.iter().zip(&mut self.used) {
            if covers(code, finding.code) {
                *used = true;
                silenced = true;
            }
        }
        silenced
    }
}

/// Drop the findings the article's directives silence, and report the directives that silence
/// nothing (CG003). Returns the findings kept, sorted as the checks sort them, and how many
/// were silenced.
pub fn apply(
    article: &Article,
    findings: Vec<Finding>,
    rules: &RuleSettings,
) -> (Vec<Finding>, usize) {
    if article.suppressions.is_empty() {
        return (findings, 0);
    }
    let mut uses: Vec<Use> = article.suppressions.iter().map(Use::new).collect();
    let before = findings.len();
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| !silence(finding, &mut uses, None))
        .collect();
    let silenced = before - kept.len();
    if rules.enabled(cg003_unused_suppression::CODE) {
        // Reports of unused directives, which another directive naming CG003 may silence;
        // whether such a code was used is known only once they have been offered to it.
        let reports: Vec<(usize, Finding)> = (0..uses.len())
            .flat_map(|i| {
                unused(&uses[i], rules, false)
                    .into_iter()
                    .map(move |f| (i, f))
            })
            .collect();
        for (from, report) in reports {
            if !silence(&report, &mut uses, Some(from)) {
                kept.push(report);
            }
        }
        kept.extend(uses.iter().flat_map(|u| unused(u, rules, true)));
        for report in kept
            .iter_mut()
            .filter(|f| f.code == cg003_unused_suppression::CODE)
        {
            if let Some(severity) = rules.severity.get(cg003_unused_suppression::CODE) {
                report.severity = *severity;
            }
        }
    }
    crate::checks::sort(&mut kept);
    (kept, silenced)
}

/// True when a directive silences `finding`. Every directive sees the finding, so that each
/// one that could have silenced it counts as used; the one at `except` (the directive a
/// CG003 report is about) does not silence its own report.
fn silence(finding: &Finding, uses: &mut [Use], except: Option<usize>) -> bool {
    let mut silenced = false;
    for (i, u) in uses.iter_mut().enumerate() {
        if Some(i) != except {
            silenced |= u.silence(finding);
        }
    }
    silenced
}

/// The CG003 reports of one directive: malformed, unknown codes, codes of rules that are
/// not enabled, codes that silenced nothing (unless the directive is `partly_read`). `naming_cg003` picks the codes that cover CG003
/// (judged last) or the others (with the malformed and the code-less directives).
fn unused(u: &Use, rules: &RuleSettings, naming_cg003: bool) -> Vec<Finding> {
    let directive = u.directive;
    let report = |message: String| {
        let mut finding = cg003_unused_suppression::finding(directive.position, message);
        finding.path = directive.source.clone();
        finding
    };
    if let Some(message) = &directive.malformed {
        return if naming_cg003 {
            Vec::new()
        } else {
            vec![report(message.clone())]
        };
    }
    let (word, reach) = match directive.scope {
        Scope::Line => ("ignore", "on this line"),
        Scope::LineAndNext => ("ignore", "on this line or the next"),
        Scope::File => ("ignore-file", "in this file"),
    };
    if directive.codes.is_empty() {
        return match u.used.first() {
            Some(false) if !naming_cg003 && !directive.partly_read => vec![report(format!(
                "`citegrade: {word}` silences nothing: no finding {reach}"
            ))],
            _ => Vec::new(),
        };
    }
    let mut reports = Vec::new();
    for (code, used) in directive.codes.iter().zip(&u.used) {
        if covers(code, cg003_unused_suppression::CODE) != naming_cg003 {
            continue;
        }
        let known: Vec<&str> = RULES
            .iter()
            .map(|r| r.meta().code)
            .filter(|c| covers(code, c))
            .collect();
        let message = if known.is_empty() {
            format!("`{code}` is not a citegrade rule code (see `citegrade rules`)")
        } else if *used {
            continue;
        } else if !known.iter().any(|c| rules.enabled(c)) {
            format!(
                "`{code}` names a rule that is not enabled: the directive has nothing to silence"
            )
        } else if directive.partly_read {
            continue;
        } else {
            format!("`{code}` silences nothing: no {code} finding {reach}")
        };
        reports.push(report(message));
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(format: Format, text: &str) -> Directive {
        let mut all = parse(format, text, None);
        assert_eq!(all.len(), 1, "{text}");
        all.remove(0)
    }

    fn codes(d: &Directive) -> Vec<&str> {
        d.codes.iter().map(String::as_str).collect()
    }

    #[test]
    fn every_comment_syntax_is_read() {
        use Scope::{Line, LineAndNext};
        for (format, text, column, scope) in [
            (
                Format::Markdown,
                "<!-- citegrade: ignore CG201 -->",
                1,
                LineAndNext,
            ),
            (
                Format::Html,
                "<p>Text [1]. <!--citegrade: ignore CG201--></p>",
                14,
                Line,
            ),
            (
                Format::Jats,
                "  <!-- citegrade: ignore CG201 -->",
                3,
                LineAndNext,
            ),
            (
                Format::PubmedXml,
                "<!-- citegrade: ignore CG201 -->",
                1,
                LineAndNext,
            ),
            (
                Format::Latex,
                "Text \\cite{a}. % citegrade: ignore CG201",
                16,
                Line,
            ),
            (Format::BibTeX, "% citegrade: ignore CG201", 1, LineAndNext),
            (
                Format::PlainText,
                "# citegrade: ignore CG201",
                1,
                LineAndNext,
            ),
        ] {
            let d = one(format, text);
            assert_eq!(d.scope, scope, "{text}");
            assert_eq!(codes(&d), ["CG201"], "{text}");
            assert_eq!(d.position, Position::new(1, column), "{text}");
            assert_eq!(d.malformed, None);
        }
    }

    #[test]
    fn a_comment_in_another_syntax_is_not_a_directive() {
        assert!(parse(Format::Markdown, "# citegrade: ignore CG201", None).is_empty());
        assert!(parse(Format::PlainText, "<!-- citegrade: ignore -->", None).is_empty());
        assert!(parse(Format::Latex, "50\\% citegrade: ignore CG201", None).is_empty());
        assert!(parse(Format::Ris, "# citegrade: ignore", None).is_empty());
    }

    #[test]
    fn codes_are_a_comma_or_space_separated_list() {
        let d = one(Format::PlainText, "# citegrade: ignore cg201,CG1  CG204 ,");
        assert_eq!(codes(&d), ["CG201", "CG1", "CG204"]);
        let d = one(Format::Markdown, "<!-- citegrade: ignore-file -->");
        assert_eq!((d.scope, d.codes.len()), (Scope::File, 0));
        let d = one(Format::Latex, "%citegrade:ignore-file CG2");
        assert_eq!((d.scope, codes(&d)), (Scope::File, vec!["CG2"]));
    }

    #[test]
    fn a_directive_alone_on_its_line_reaches_the_next_and_one_after_text_does_not() {
        let scope = |format, text| one(format, text).scope;
        assert_eq!(
            scope(Format::Latex, "  %% citegrade: ignore"),
            Scope::LineAndNext
        );
        assert_eq!(scope(Format::Latex, "x % citegrade: ignore"), Scope::Line);
        assert_eq!(
            scope(Format::PlainText, "## citegrade: ignore\r"),
            Scope::LineAndNext
        );
        assert_eq!(
            scope(Format::Markdown, "1. Ref. 1991. <!-- citegrade: ignore -->"),
            Scope::Line
        );
        let both = parse(
            Format::Html,
            " <!-- citegrade: ignore CG1 --> <!--citegrade: ignore CG2-->",
            None,
        );
        assert!(both.iter().all(|d| d.scope == Scope::LineAndNext));
        // `ignore-file` reaches the whole file wherever it stands.
        assert_eq!(
            scope(Format::Latex, "x % citegrade: ignore-file"),
            Scope::File
        );
    }

    #[test]
    fn a_comment_in_markdown_code_is_not_a_directive() {
        let text = "Write `<!-- citegrade: ignore -->`.\n\n```\n<!-- citegrade: ignore -->\n```\n\n    <!-- citegrade: ignore -->\n\n<!-- citegrade: ignore CG2 -->\n";
        let d = one(Format::Markdown, text);
        assert_eq!((d.position, codes(&d)), (Position::new(9, 1), vec!["CG2"]));
        // HTML has no code spans of that kind: the comment there is a directive.
        assert_eq!(
            parse(
                Format::Html,
                "<code><!-- citegrade: ignore --></code>",
                None
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_misspelt_directive_is_kept_to_be_reported() {
        let d = one(Format::PlainText, "# citegrade: ignroe CG201");
        assert!(d.malformed.is_some_and(|m| m.contains("ignroe")));
    }

    #[test]
    fn masking_cuts_plain_text_directives_line_for_line() {
        let text = "Title\n# citegrade: ignore\nText [1]. # citegrade: ignore CG101\r\nEnd";
        assert_eq!(
            mask(Format::PlainText, text),
            Some(Masked {
                text: "Title\n\nText [1]. \nEnd".into(),
                directive_lines: vec![1],
            })
        );
        assert_eq!(
            mask(
                Format::PlainText,
                "Tested\n## citegrade: ignore CG102\nin 2020 [1]."
            ),
            Some(Masked {
                text: "Tested\n\nin 2020 [1].".into(),
                directive_lines: vec![1],
            })
        );
        assert_eq!(mask(Format::Markdown, "<!-- citegrade: ignore -->"), None);
        assert_eq!(mask(Format::PlainText, "No directives # here"), None);
    }

    fn finding(code: &'static str, line: usize, path: Option<&str>) -> Finding {
        let mut f = cg003_unused_suppression::finding(Position::new(line, 1), "m".into());
        f.code = code;
        f.path = path.map(PathBuf::from);
        f
    }

    /// Apply the directives of plain `text` (and of a BibTeX sidecar `bib`) to `findings`.
    fn run(text: &str, bib: &str, findings: Vec<Finding>) -> (Vec<(&'static str, usize)>, usize) {
        let mut article = Article {
            suppressions: parse(Format::PlainText, text, None),
            ..Article::default()
        };
        let sidecar = PathBuf::from("a.bib");
        article
            .suppressions
            .extend(parse(Format::BibTeX, bib, Some(&sidecar)));
        let (kept, silenced) = apply(&article, findings, &RuleSettings::default());
        (
            kept.iter().map(|f| (f.code, f.position.line)).collect(),
            silenced,
        )
    }

    #[test]
    fn a_directive_reaches_its_own_line_and_the_next() {
        let text = "x\n# citegrade: ignore CG201\n";
        let findings = vec![
            finding("CG201", 1, None),
            finding("CG201", 2, None),
            finding("CG201", 3, None),
            finding("CG201", 4, None),
            finding("CG205", 3, None),
        ];
        assert_eq!(
            run(text, "", findings),
            (vec![("CG201", 1), ("CG205", 3), ("CG201", 4)], 2)
        );
    }

    #[test]
    fn a_directive_after_text_reaches_its_own_line_only() {
        let text = "x\ny # citegrade: ignore CG201\n";
        let findings = vec![finding("CG201", 2, None), finding("CG201", 3, None)];
        assert_eq!(run(text, "", findings), (vec![("CG201", 3)], 1));
        // Reported unused, it says how far it reached.
        let article = Article {
            suppressions: parse(Format::PlainText, text, None),
            ..Article::default()
        };
        let (kept, _) = apply(&article, Vec::new(), &RuleSettings::default());
        assert_eq!(
            kept[0].message,
            "`CG201` silences nothing: no CG201 finding on this line"
        );
    }

    #[test]
    fn an_unused_directive_of_a_partly_read_bibliography_is_not_reported() {
        let sidecar = PathBuf::from("a.bib");
        let mut suppressions = parse(
            Format::BibTeX,
            "% citegrade: ignore CG201 CG999\n% citegrade: ignroe\n% citegrade: ignore",
            Some(&sidecar),
        );
        for d in &mut suppressions {
            d.partly_read = true;
        }
        let article = Article {
            suppressions,
            ..Article::default()
        };
        let (kept, _) = apply(&article, Vec::new(), &RuleSettings::default());
        // What is wrong wherever the file is read is still said: the unknown code, the typo.
        let messages: Vec<&str> = kept.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("CG999") && messages[1].contains("ignroe"));
    }

    #[test]
    fn codes_match_by_prefix_and_no_code_matches_every_rule() {
        let findings = || vec![finding("CG201", 2, None), finding("CG101", 2, None)];
        assert_eq!(run("# citegrade: ignore CG2", "", findings()).1, 1);
        assert_eq!(run("# citegrade: ignore", "", findings()).1, 2);
        assert_eq!(run("# citegrade: ignore CG20, CG1", "", findings()).1, 2);
    }

    #[test]
    fn a_file_directive_reaches_the_whole_file_and_only_it() {
        let findings = vec![
            finding("CG201", 1, None),
            finding("CG201", 90, None),
            finding("CG201", 3, Some("a.bib")),
        ];
        let (kept, silenced) = run("x\n\n\n# citegrade: ignore-file CG201", "", findings);
        assert_eq!((kept, silenced), (vec![("CG201", 3)], 2));
    }

    #[test]
    fn a_sidecar_directive_reaches_findings_in_the_sidecar() {
        let findings = vec![
            finding("CG201", 2, Some("a.bib")),
            finding("CG201", 2, None),
        ];
        let (kept, silenced) = run("", "% citegrade: ignore\n@article{a,", findings);
        assert_eq!((kept, silenced), (vec![("CG201", 2)], 1));
    }

    #[test]
    fn unused_and_unknown_codes_are_reported() {
        let text = "# citegrade: ignore CG201 CG999 CG101\n# citegrade: ignore-file";
        let (kept, silenced) = run(text, "", vec![finding("CG201", 2, None)]);
        assert_eq!(silenced, 1);
        // CG999 (unknown) and CG101 (nothing to silence) on line 1; the file-wide one silenced
        // the same CG201, so it is used.
        assert_eq!(kept, [("CG003", 1), ("CG003", 1)]);
        let (kept, _) = run("# citegrade: ignore", "", Vec::new());
        assert_eq!(kept, [("CG003", 1)]);
    }

    #[test]
    fn a_directive_naming_cg003_silences_other_directives_reports() {
        let text = "# citegrade: ignore-file CG003\n# citegrade: ignore CG201";
        assert_eq!(run(text, "", Vec::new()), (vec![], 0));
        // Left alone with nothing to silence, it is reported itself.
        let (kept, _) = run("# citegrade: ignore-file CG003", "", Vec::new());
        assert_eq!(kept, [("CG003", 1)]);
    }

    #[test]
    fn a_disabled_rule_is_said_to_be_disabled() {
        let article = Article {
            suppressions: parse(Format::PlainText, "# citegrade: ignore CG201", None),
            ..Article::default()
        };
        let rules = RuleSettings {
            ignore: vec!["CG2".into()],
            ..RuleSettings::default()
        };
        let (kept, _) = apply(&article, Vec::new(), &rules);
        assert!(
            kept[0].message.contains("not enabled"),
            "{}",
            kept[0].message
        );
        let rules = RuleSettings {
            ignore: vec!["CG003".into()],
            ..RuleSettings::default()
        };
        assert!(apply(&article, Vec::new(), &rules).0.is_empty());
    }
}
