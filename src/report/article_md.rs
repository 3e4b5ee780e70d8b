//! `articles/<id>.md`: one article's audit — its findings with the sentence quoted, its
//! references with grade and age, and its citations.

use chrono::NaiveDate;

use super::display_path;
use super::markdown::{cell, plural, table};
use crate::audit::AuditedArticle;
use crate::model::{DesignSource, Finding, Grade, Severity};

pub fn render(audited: &AuditedArticle, as_of: NaiveDate) -> String {
    let article = &audited.article;
    let mut out = format!(
        "# {}\n\n",
        cell(article.title.as_deref().unwrap_or(&article.id))
    );
    let count = |s: Severity| audited.findings.iter().filter(|f| f.severity == s).count();
    out.push_str(&format!(
        "`{}` · audited as of {as_of} · {} · {} · {}, {}, {} info\n\n",
        display_path(&article.path),
        plural(article.references.len(), "reference"),
        plural(article.citations.len(), "citation"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        count(Severity::Info),
    ));
    if crate::input::format_of(&article.path) == Some(crate::input::Format::Docx) {
        out.push_str(
            "Line numbers are paragraph numbers (every paragraph of the Word document, from 1); \
             columns count characters within the paragraph.\n\n",
        );
    }
    // A retracted reference is the one finding an editor must not miss: it comes first.
    let (retracted, others): (Vec<&Finding>, Vec<&Finding>) = audited
        .findings
        .iter()
        .partition(|f| f.code == RETRACTED_REFERENCE);
    if !retracted.is_empty() {
        out.push_str("## Retracted references\n\n");
        render_finding_list(&mut out, &retracted);
    }
    out.push_str("## Findings\n\n");
    if others.is_empty() {
        let none = if retracted.is_empty() {
            "No findings."
        } else {
            "No other findings."
        };
        out.push_str(none);
        out.push_str("\n\n");
    } else {
        render_finding_list(&mut out, &others);
    }
    render_references(&mut out, audited);
    render_citations(&mut out, audited);
    out
}

/// The code of the rule whose findings get their own section at the top (CG206).
const RETRACTED_REFERENCE: &str = "CG206";

fn render_finding_list(out: &mut String, findings: &[&Finding]) {
    for f in findings {
        let mut place = if f.position.line == 0 {
            "whole file".to_string()
        } else {
            format!("line {}, column {}", f.position.line, f.position.column)
        };
        if let Some(file) = f.path.as_deref().and_then(|p| p.file_name()) {
            // A reference read from a sidecar bibliography: say which file the line is in.
            place = format!("{place} of `{}`", file.to_string_lossy());
        }
        let accepted = if f.baselined {
            " *(accepted by the baseline)*"
        } else {
            ""
        };
        out.push_str(&format!(
            "- **{} {}** ({}) at {place}: {}{accepted}\n",
            f.code,
            f.rule,
            f.severity,
            cell(&f.message)
        ));
        if let Some(quote) = f.quote.as_deref().filter(|q| !q.is_empty()) {
            out.push_str(&format!("  > {}\n", cell(quote)));
        }
    }
    out.push('\n');
}

/// One line saying why the reference got its grade.
fn explain(grade: &Grade) -> String {
    let Some(cue) = grade.design_cue.as_deref() else {
        return "design unknown: no publication type, and no design cue in the title or abstract"
            .into();
    };
    let from = match grade.design_source {
        DesignSource::Metadata => format!("its {cue}"),
        DesignSource::Title => format!("\"{cue}\" in the title"),
        DesignSource::Abstract => format!("\"{cue}\" in the abstract"),
        DesignSource::Unknown => format!("\"{cue}\""),
    };
    format!(
        "{} (CEBM level {}, GRADE starts {}) from {from}",
        grade.design.noun(),
        grade.level.label(),
        grade.certainty.as_str()
    )
}

fn render_references(out: &mut String, audited: &AuditedArticle) {
    out.push_str("## References\n\n");
    if audited.article.references.is_empty() {
        out.push_str("No reference list was found.\n\n");
        return;
    }
    let rows: Vec<Vec<String>> = audited
        .article
        .references
        .iter()
        .zip(&audited.grades)
        .zip(&audited.times_cited)
        .map(|((r, g), cited)| {
            vec![
                r.key.clone(),
                r.year.map_or("?".into(), |y| y.to_string()),
                g.age_years.map_or("?".into(), |a| a.to_string()),
                g.recency.as_str().into(),
                g.design.as_str().into(),
                g.level.label(),
                explain(g),
                cited.to_string(),
                r.title.clone().unwrap_or_else(|| r.raw.clone()),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "ref", "year", "age", "recency", "design", "level", "why", "cited", "title",
        ],
        &rows,
    ));
    out.push('\n');
}

fn render_citations(out: &mut String, audited: &AuditedArticle) {
    out.push_str("## Citations\n\n");
    let article = &audited.article;
    if article.citations.is_empty() {
        out.push_str("No in-text citations were recognised.\n");
        return;
    }
    let rows: Vec<Vec<String>> = article
        .citations
        .iter()
        .map(|c| {
            let ref_year = c
                .reference
                .and_then(|i| article.references.get(i))
                .and_then(|r| r.year);
            vec![
                format!("{}:{}", c.position.line, c.position.column),
                c.marker.clone(),
                c.key.clone(),
                c.stated_year.map_or(String::new(), |y| y.to_string()),
                ref_year.map_or(String::new(), |y| y.to_string()),
                c.status.as_str().into(),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            "line:col",
            "marker",
            "ref",
            "stated year",
            "ref year",
            "status",
        ],
        &rows,
    ));
}
