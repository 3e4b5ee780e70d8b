//! `summary.md`: the batch at a glance. Built incrementally with bounded state, so a batch of
//! any size is summarised without holding its articles in memory.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::display_path;
use super::markdown::{plural, table};
use crate::audit::AuditedArticle;
use crate::baseline::BaselineReport;
use crate::checks::RULES;
use crate::model::{EvidenceLevel, Recency, Severity};

/// How many rows the "oldest citations" and "worst articles" tables keep.
const TOP: usize = 10;

#[derive(Clone, Debug)]
struct OldReference {
    year: i32,
    article: String,
    key: String,
    title: String,
}

#[derive(Clone, Debug)]
struct ArticleScore {
    article: String,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// Totals of one run.
#[derive(Debug)]
pub struct Summary {
    pub as_of: NaiveDate,
    pub articles: usize,
    pub references: usize,
    pub citations: usize,
    /// Findings per severity: info, warning, error.
    pub by_severity: [usize; 3],
    by_rule: BTreeMap<&'static str, usize>,
    levels: BTreeMap<EvidenceLevel, usize>,
    recency: BTreeMap<Recency, usize>,
    oldest: Vec<OldReference>,
    worst: Vec<ArticleScore>,
    pub skipped: Vec<PathBuf>,
    /// Findings `citegrade: ignore` comments silenced (not in `by_severity`).
    pub suppressed: usize,
    /// Findings per severity the baseline accepts (part of `by_severity`).
    pub baselined: [usize; 3],
    /// How the run compared with `--baseline`, when one was given.
    pub baseline: Option<BaselineReport>,
}

impl Summary {
    pub fn new(as_of: NaiveDate) -> Self {
        Summary {
            as_of,
            articles: 0,
            references: 0,
            citations: 0,
            by_severity: [0; 3],
            by_rule: BTreeMap::new(),
            levels: BTreeMap::new(),
            recency: BTreeMap::new(),
            oldest: Vec::new(),
            worst: Vec::new(),
            skipped: Vec::new(),
            suppressed: 0,
            baselined: [0; 3],
            baseline: None,
        }
    }

    /// Findings per rule code, in code order.
    pub fn by_rule(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.by_rule.iter().map(|(code, n)| (*code, *n))
    }

    /// Number of findings of this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity[severity as usize]
    }

    /// Number of findings of this severity the baseline does not accept: those that count
    /// toward the exit status.
    pub fn counted(&self, severity: Severity) -> usize {
        self.count(severity) - self.baselined[severity as usize]
    }

    /// Number of findings the baseline accepts.
    pub fn baselined_total(&self) -> usize {
        self.baselined.iter().sum()
    }

    /// The highest severity of any finding the baseline does not accept, if there was one.
    pub fn worst_severity(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| self.counted(*s) > 0)
    }

    pub fn add(&mut self, audited: &AuditedArticle) {
        let article = &audited.article;
        self.articles += 1;
        self.references += article.references.len();
        self.citations += article.citations.len();
        let mut score = ArticleScore {
            article: article.id.clone(),
            errors: 0,
            warnings: 0,
            infos: 0,
        };
        self.suppressed += audited.suppressed;
        for finding in &audited.findings {
            self.by_severity[finding.severity as usize] += 1;
            if finding.baselined {
                self.baselined[finding.severity as usize] += 1;
            }
            *self.by_rule.entry(finding.code).or_default() += 1;
            match finding.severity {
                Severity::Error => score.errors += 1,
                Severity::Warning => score.warnings += 1,
                Severity::Info => score.infos += 1,
            }
        }
        for (reference, grade) in article.references.iter().zip(&audited.grades) {
            *self.levels.entry(grade.level).or_default() += 1;
            *self.recency.entry(grade.recency).or_default() += 1;
            if let Some(year) = reference.year {
                self.oldest.push(OldReference {
                    year,
                    article: article.id.clone(),
                    key: reference.key.clone(),
                    title: reference.title.clone().unwrap_or_default(),
                });
            }
        }
        self.oldest
            .sort_by(|a, b| (a.year, &a.article, &a.key).cmp(&(b.year, &b.article, &b.key)));
        self.oldest.truncate(TOP);
        if score.errors + score.warnings + score.infos > 0 {
            self.worst.push(score);
            self.worst.sort_by(|a, b| {
                (b.errors, b.warnings, b.infos, &a.article)
                    .cmp(&(a.errors, a.warnings, a.infos, &b.article))
            });
            self.worst.truncate(TOP);
        }
    }

    /// The Markdown text of `summary.md`.
    pub fn render(&self) -> String {
        let mut out = String::from("# citegrade audit summary\n\n");
        out.push_str(&format!(
            "As of {} · {} · {} · {}\n\n",
            self.as_of,
            plural(self.articles, "article"),
            plural(self.references, "reference"),
            plural(self.citations, "citation"),
        ));
        out.push_str(&format!(
            "Findings: {} · {} · {}\n\n",
            plural(self.count(Severity::Error), "error"),
            plural(self.count(Severity::Warning), "warning"),
            self.count(Severity::Info).to_string() + " info",
        ));
        self.render_silenced(&mut out);
        self.render_rules(&mut out);
        self.render_levels(&mut out);
        self.render_oldest(&mut out);
        self.render_worst(&mut out);
        self.render_skipped(&mut out);
        self.render_baseline(&mut out);
        out
    }

    /// Findings left out of the counts above (suppressed) or kept but not failing (baselined).
    fn render_silenced(&self, out: &mut String) {
        let mut notes = Vec::new();
        if self.suppressed > 0 {
            notes.push(format!(
                "{} silenced by `citegrade: ignore` comments (not counted above)",
                plural(self.suppressed, "finding")
            ));
        }
        if let Some(baseline) = &self.baseline {
            notes.push(format!(
                "{} accepted by the baseline `{}` (counted above, not failing the run)",
                plural(self.baselined_total(), "finding"),
                display_path(&baseline.file)
            ));
        }
        if !notes.is_empty() {
            out.push_str(&format!(
                "{}.

",
                notes.join(" · ")
            ));
        }
    }

    fn render_baseline(&self, out: &mut String) {
        let Some(baseline) = &self.baseline else {
            return;
        };
        if baseline.stale.is_empty() {
            return;
        }
        out.push_str(&format!(
            "## Stale baseline entries

Entries of `{}` that no longer occur (count: how many of the recorded findings are gone):

",
            display_path(&baseline.file)
        ));
        let rows: Vec<Vec<String>> = baseline
            .stale
            .iter()
            .map(|e| {
                vec![
                    e.path.clone(),
                    e.code.clone(),
                    e.reference.clone(),
                    e.count.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(&["path", "code", "ref", "count"], &rows));
        out.push('\n');
    }

    fn render_rules(&self, out: &mut String) {
        out.push_str("## Findings by rule\n\n");
        let rows: Vec<Vec<String>> = RULES
            .iter()
            .map(|r| r.meta())
            .filter_map(|m| {
                self.by_rule.get(m.code).map(|n| {
                    vec![
                        m.code.into(),
                        m.name.into(),
                        m.severity.to_string(),
                        n.to_string(),
                    ]
                })
            })
            .collect();
        if rows.is_empty() {
            out.push_str("No findings.\n\n");
        } else {
            out.push_str(&table(
                &["code", "rule", "default severity", "findings"],
                &rows,
            ));
            out.push('\n');
        }
    }

    fn render_levels(&self, out: &mut String) {
        out.push_str("## Evidence levels\n\n");
        let describe = |level: EvidenceLevel| match level {
            EvidenceLevel::Level(1) => "1 — systematic review / meta-analysis".to_string(),
            EvidenceLevel::Level(2) => "2 — randomised trial".to_string(),
            EvidenceLevel::Level(3) => "3 — cohort / non-randomised controlled trial".to_string(),
            EvidenceLevel::Level(4) => {
                "4 — case series, case report, case-control, cross-sectional".to_string()
            }
            EvidenceLevel::Level(5) => {
                "5 — narrative review, expert opinion, consensus, preclinical".to_string()
            }
            EvidenceLevel::NotRanked => {
                "not ranked — diagnostic accuracy, qualitative, protocol, notice".to_string()
            }
            other => other.label(),
        };
        let rows: Vec<Vec<String>> = self
            .levels
            .iter()
            .map(|(level, n)| vec![describe(*level), n.to_string(), share(*n, self.references)])
            .collect();
        out.push_str(&table(&["level (CEBM 2011)", "references", "share"], &rows));
        out.push('\n');
        let rows: Vec<Vec<String>> = self
            .recency
            .iter()
            .map(|(recency, n)| {
                vec![
                    recency.as_str().into(),
                    n.to_string(),
                    share(*n, self.references),
                ]
            })
            .collect();
        out.push_str(&table(&["recency", "references", "share"], &rows));
        out.push('\n');
    }

    fn render_oldest(&self, out: &mut String) {
        out.push_str("## Oldest citations\n\n");
        let rows: Vec<Vec<String>> = self
            .oldest
            .iter()
            .map(|o| {
                vec![
                    o.year.to_string(),
                    (chrono::Datelike::year(&self.as_of) - o.year).to_string(),
                    o.article.clone(),
                    o.key.clone(),
                    o.title.clone(),
                ]
            })
            .collect();
        out.push_str(&table(&["year", "age", "article", "ref", "title"], &rows));
        out.push('\n');
    }

    fn render_worst(&self, out: &mut String) {
        out.push_str("## Articles with the most findings\n\n");
        let rows: Vec<Vec<String>> = self
            .worst
            .iter()
            .map(|s| {
                vec![
                    format!("[{0}](articles/{0}.md)", s.article),
                    s.errors.to_string(),
                    s.warnings.to_string(),
                    s.infos.to_string(),
                ]
            })
            .collect();
        out.push_str(&table(&["article", "errors", "warnings", "info"], &rows));
        out.push('\n');
    }

    fn render_skipped(&self, out: &mut String) {
        if self.skipped.is_empty() {
            return;
        }
        out.push_str(&format!(
            "## Not audited\n\n{} in formats citegrade does not read, excluded by the configuration, \
             symbolic links (not followed), or named by an article that did not read them:\n\n",
            plural(self.skipped.len(), "file")
        ));
        for path in self.skipped.iter().take(50) {
            out.push_str(&format!("- `{}`\n", display_path(path)));
        }
        if self.skipped.len() > 50 {
            out.push_str(&format!("- … and {} more\n", self.skipped.len() - 50));
        }
        out.push('\n');
    }
}

fn share(n: usize, total: usize) -> String {
    if total == 0 {
        return "—".into();
    }
    format!("{:.0}%", 100.0 * n as f64 / total as f64)
}
