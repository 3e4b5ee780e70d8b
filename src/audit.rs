//! One article, end to end: read -> resolve -> grade -> check.

use std::path::Path;

use chrono::NaiveDate;

use crate::checks::{self, Context};
use crate::model::{Article, Finding, Grade};
use crate::settings::Thresholds;
use crate::{grade, input, resolve};

/// An article with everything the reports need.
#[derive(Debug)]
pub struct AuditedArticle {
    pub article: Article,
    /// One per reference, in list order.
    pub grades: Vec<Grade>,
    /// One per reference, in list order.
    pub times_cited: Vec<usize>,
    /// Sorted by line, column and code.
    pub findings: Vec<Finding>,
}

/// Audit the file at `path`, whose article id is `id`.
pub fn audit_file(
    path: &Path,
    id: String,
    as_of: NaiveDate,
    thresholds: &Thresholds,
) -> AuditedArticle {
    audit_article(input::read_article(path, id), as_of, thresholds)
}

/// Audit an article already read.
pub fn audit_article(
    mut article: Article,
    as_of: NaiveDate,
    thresholds: &Thresholds,
) -> AuditedArticle {
    resolve::resolve(&mut article);
    let grades: Vec<Grade> = article
        .references
        .iter()
        .map(|r| grade::grade(r, as_of, thresholds))
        .collect();
    let times_cited = resolve::times_cited(&article);
    let findings = checks::run_all(&Context {
        article: &article,
        grades: &grades,
        times_cited: &times_cited,
        thresholds,
        as_of,
    });
    AuditedArticle {
        article,
        grades,
        times_cited,
        findings,
    }
}
