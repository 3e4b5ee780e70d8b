//! The table `citegrade grade` prints: every reference with its design, where the design came
//! from and the cue that decided it, its level, GRADE starting certainty, year and age.

use std::fmt::Write;

use super::display_path;
use crate::audit::AuditedArticle;

/// Longest title shown; the full title is in `references.csv`.
const TITLE_CHARS: usize = 60;

pub fn render(audited: &AuditedArticle) -> String {
    let article = &audited.article;
    let mut out = format!(
        "{}: {} reference{}\n",
        display_path(&article.path),
        article.references.len(),
        if article.references.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    if article.references.is_empty() {
        return out;
    }
    let rows: Vec<[String; 9]> = article
        .references
        .iter()
        .zip(&audited.grades)
        .map(|(r, g)| {
            [
                r.key.clone(),
                r.year.map_or("?".into(), |y| y.to_string()),
                g.age_years.map_or("?".into(), |a| a.to_string()),
                g.design.as_str().into(),
                g.design_source.as_str().into(),
                g.level.label(),
                g.certainty.as_str().into(),
                g.design_cue.clone().unwrap_or_else(|| "-".into()),
                shorten(r.title.as_deref().unwrap_or(&r.raw)),
            ]
        })
        .collect();
    let header = [
        "ref",
        "year",
        "age",
        "design",
        "source",
        "level",
        "certainty",
        "cue",
        "title",
    ];
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|row| row[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut line = |cells: &[&str]| {
        let mut text = String::from(" ");
        for (cell, width) in cells.iter().zip(&widths) {
            let _ = write!(text, " {cell:<width$}");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&header);
    for row in &rows {
        line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

fn shorten(title: &str) -> String {
    let folded = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= TITLE_CHARS {
        return folded;
    }
    let cut: String = folded.chars().take(TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}
