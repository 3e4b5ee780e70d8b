//! Human terminal output (`--format full`, the default): each finding as rustc and ruff print a
//! diagnostic — the severity, code and message, the file, line and column, then the source line
//! with a caret under the citation:
//!
//! ```text
//! error[CG101]: citation [7] points to no reference 7
//!   --> references/thalamic-pain.txt:28:45
//!    |
//! 28 | ...the source line...
//!    |                                             ^^^ dangling-citation
//! ```
//!
//! Rendered by `annotate-snippets`, the crate rustc's own diagnostics use: it shortens a long
//! line (a JATS or HTML paragraph is one line) around the caret with `...`, measures wide
//! characters when placing the caret, and shows control characters as visible symbols.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::audit::AuditedArticle;
use crate::input::decode;
use crate::model::{Finding, Severity};
use crate::report::finding_path;

/// Renders findings as diagnostics, in colour or plain.
pub struct Diagnostics {
    renderer: Renderer,
    /// The lines of the sidecar bibliographies of the article being shown (its id), each
    /// read once however its findings interleave with the others'.
    sidecars: RefCell<(String, HashMap<PathBuf, Vec<String>>)>,
}

impl Diagnostics {
    /// `colour`: severity colours, bold headers and a blue gutter, as ANSI escapes.
    pub fn new(colour: bool) -> Self {
        let renderer = if colour {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Diagnostics {
            renderer,
            sidecars: RefCell::default(),
        }
    }

    /// One finding of `audited`, ending in a newline: printed as a line, it leaves a blank line
    /// before the next, as rustc does.
    pub fn render(&self, audited: &AuditedArticle, finding: &Finding) -> String {
        let article = &audited.article;
        let index = finding.position.line.checked_sub(1);
        let path = finding_path(article, finding);
        match &finding.path {
            // A finding in a sidecar bibliography points into a file whose lines the article
            // does not hold: they are read here, once for all its findings in a row.
            Some(sidecar) => {
                let line = index.and_then(|i| self.sidecar_line(&article.id, sidecar, i));
                self.render_at(finding, &path, line.as_deref())
            }
            None => {
                let line = index.and_then(|i| article.lines.get(i));
                self.render_at(finding, &path, line.map(String::as_str))
            }
        }
    }

    /// Line `index` (0-based) of the sidecar bibliography at `path` of the article `id`, if
    /// it can be read.
    fn sidecar_line(&self, id: &str, path: &Path, index: usize) -> Option<String> {
        let mut cache = self.sidecars.borrow_mut();
        let (article, files) = &mut *cache;
        if article != id {
            *article = id.to_string();
            files.clear();
        }
        let lines = files.entry(path.to_path_buf()).or_insert_with(|| {
            std::fs::read(path)
                .ok()
                .and_then(|bytes| decode::decode(&bytes).ok())
                .map(|decoded| decoded.text.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        lines.get(index).cloned()
    }

    /// `finding` in the file `path`, whose line `finding.position.line` is `source` when known.
    fn render_at(&self, finding: &Finding, path: &str, source: Option<&str>) -> String {
        let message = visible(&finding.message);
        let title = level(finding.severity)
            .primary_title(message)
            .id(finding.code);
        let position = finding.position;
        let source = source.map(|line| line.trim_end_matches(['\r', '\n']));
        let span = source.and_then(|line| {
            caret_span(
                line,
                position.column,
                finding.citation.as_deref(),
                finding.span,
            )
            .map(|s| (line, s))
        });
        let group: Group<'_> = match span {
            Some((line, span)) => title.element(
                Snippet::source(line)
                    .line_start(position.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span).label(finding.rule)),
            ),
            None => {
                let mut origin = Origin::path(path);
                if position.line > 0 {
                    origin = origin.line(position.line);
                    if position.column > 0 {
                        origin = origin.char_column(position.column);
                    }
                }
                title.element(origin)
            }
        };
        let mut text = self.renderer.render(&[group]);
        text.push('\n');
        text
    }
}

/// Colour by default: when stdout is a terminal and `NO_COLOR` is unset or empty
/// (https://no-color.org).
pub fn colour_by_default() -> bool {
    std::io::stdout().is_terminal() && no_color_allows(std::env::var_os("NO_COLOR").as_deref())
}

/// `NO_COLOR` turns colour off when it is set to anything but the empty string.
fn no_color_allows(value: Option<&OsStr>) -> bool {
    value.is_none_or(OsStr::is_empty)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// The bytes of `line` the caret spans: the citation marker when the text at the 1-based
/// character `column` is the marker, else `span` characters (a claim's cue words, cut at the
/// end of the line), else the one character there. `None` when the column lies outside the
/// line.
fn caret_span(
    line: &str,
    column: usize,
    marker: Option<&str>,
    span: usize,
) -> Option<Range<usize>> {
    let (start, first) = line.char_indices().nth(column.checked_sub(1)?)?;
    let rest = line.get(start..)?;
    let len = match marker {
        Some(marker) if !marker.is_empty() && rest.starts_with(marker) => marker.len(),
        _ if span > 1 => rest.chars().take(span).map(char::len_utf8).sum(),
        _ => first.len_utf8(),
    };
    Some(start..start + len)
}

/// A message with its control characters (a terminal escape in a quoted title) made harmless.
fn visible(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn finding(line: usize, column: usize, marker: Option<&str>) -> Finding {
        Finding {
            code: "CG101",
            rule: "dangling-citation",
            severity: Severity::Error,
            position: Position::new(line, column),
            message: "citation [7] points to no reference 7".into(),
            citation: marker.map(String::from),
            reference: Some("7".into()),
            quote: None,
            path: None,
            baselined: false,
            span: 0,
        }
    }

    fn plain(finding: &Finding, source: Option<&str>) -> String {
        Diagnostics::new(false).render_at(finding, "refs/a.txt", source)
    }

    /// The display column (0-based, after the gutter) of the first caret, and how many there are.
    fn caret(text: &str) -> (usize, usize) {
        let row = text.lines().find(|l| l.contains('^')).expect("a caret row");
        let bar = row.find('|').expect("a gutter");
        let start = row.find('^').expect("a caret") - bar - 2;
        let width = row.matches('^').count();
        (start, width)
    }

    #[test]
    fn the_caret_spans_the_marker_under_its_column() {
        let line = "Relief was seen in the 2009 study [7] of eight cases.";
        let column = line.find('[').unwrap() + 1;
        let text = plain(&finding(28, column, Some("[7]")), Some(line));
        assert!(
            text.starts_with("error[CG101]: citation [7] points to no reference 7\n"),
            "{text}"
        );
        assert!(
            text.contains(&format!("--> refs/a.txt:28:{column}\n")),
            "{text}"
        );
        assert!(text.contains(&format!("28 | {line}\n")), "{text}");
        assert_eq!(caret(&text), (column - 1, 3), "{text}");
        assert!(text.contains("^^^ dangling-citation"), "{text}");
        assert!(text
            .ends_with("cases.\n   |                                   ^^^ dangling-citation\n"));
    }

    #[test]
    fn text_other_than_the_marker_gets_one_caret() {
        let line = "the 2016 study 4 found relief";
        let text = plain(&finding(3, 5, Some("[4]")), Some(line));
        assert_eq!(caret(&text), (4, 1), "{text}");
        let text = plain(&finding(3, 5, None), Some(line));
        assert_eq!(caret(&text), (4, 1), "{text}");
    }

    #[test]
    fn a_claims_cue_words_get_a_caret_each_up_to_the_line_end() {
        let mut claim = finding(1, 9, None);
        claim.span = "may be considered".chars().count();
        let text = plain(&claim, Some("Opioids may be considered."));
        assert_eq!(caret(&text), (8, 17), "{text}");
        // Cue words that run onto the next line are underlined to this line's end.
        let text = plain(&claim, Some("Opioids may be"));
        assert_eq!(caret(&text), (8, 6), "{text}");
    }

    #[test]
    fn a_long_line_is_shortened_around_the_caret() {
        let line = format!(
            "{}the 2009 study [7] confirms it{}",
            "word ".repeat(400),
            " tail".repeat(400)
        );
        let column = line.find('[').unwrap() + 1;
        let text = plain(&finding(1, column, Some("[7]")), Some(&line));
        let source_row = text.lines().find(|l| l.starts_with("1 |")).unwrap();
        assert!(source_row.len() < 200, "{source_row}");
        assert!(source_row.contains("...") && source_row.contains("study [7] confirms"));
        let row = text.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            source_row.find("[7]"),
            row.find('^'),
            "the caret stays under the marker:\n{text}"
        );
    }

    #[test]
    fn wide_and_accented_text_moves_the_caret_by_display_width() {
        // Eight wide characters take sixteen cells, then a space: the marker is at cell 17.
        let line = "日本語のテキスト [7] über Schmerz";
        let text = plain(&finding(2, 10, Some("[7]")), Some(line));
        assert_eq!(caret(&text), (17, 3), "{text}");
        let line = "Müller, Ærø and Ödön [7]";
        let column = line.chars().position(|c| c == '[').unwrap() + 1;
        let text = plain(&finding(2, column, Some("[7]")), Some(line));
        assert_eq!(caret(&text), (column - 1, 3), "{text}");
    }

    #[test]
    fn a_column_outside_the_line_prints_the_place_alone() {
        for (column, line) in [(0, "short"), (6, "short"), (99, "日本"), (3, "")] {
            let text = plain(&finding(4, column, None), Some(line));
            assert!(text.starts_with("error[CG101]"), "{text}");
            assert!(!text.contains('^'), "{text}");
            assert!(text.contains("refs/a.txt:4"), "{text}");
        }
    }

    #[test]
    fn a_whole_file_finding_prints_the_header_and_path_only() {
        let mut whole = finding(0, 0, None);
        whole.severity = Severity::Warning;
        whole.code = "CG103";
        let text = plain(&whole, None);
        assert!(text.starts_with("warning[CG103]: "), "{text}");
        assert!(text.contains("--> refs/a.txt\n"), "{text}");
        assert!(!text.contains(" | "), "{text}");
    }

    #[test]
    fn colour_only_when_asked_and_never_from_the_message() {
        let mut f = finding(1, 1, None);
        f.message = "title \u{1b}[31mred".into();
        let coloured = Diagnostics::new(true).render_at(&f, "a.txt", Some("[7]"));
        assert!(coloured.contains("\u{1b}[1m"), "{coloured:?}");
        let text = plain(&f, Some("[7]"));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        let info = Finding {
            severity: Severity::Info,
            ..f
        };
        assert!(plain(&info, None).starts_with("info[CG101]"));
    }

    #[test]
    fn no_color_set_to_anything_but_empty_turns_colour_off() {
        assert!(no_color_allows(None));
        assert!(no_color_allows(Some(OsStr::new(""))));
        assert!(!no_color_allows(Some(OsStr::new("1"))));
        assert!(!no_color_allows(Some(OsStr::new("false"))));
    }
}
