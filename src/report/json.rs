//! `citegrade.json`: the whole audit as one JSON document — every article with its references
//! (each with its grade and how often it is cited), its citations and its findings, then the
//! run's totals.
//!
//! The types below are the document's schema: they serialise what is written and deserialise
//! it back, so a consumer in Rust can read the file with `serde_json::from_reader::<Document>`.
//! Enumerations are written as the names the CSV reports print ("case-series", "error"); a line
//! or column of 0 (a finding about a whole file) is `null`. The document is streamed: a header,
//! one article per line, then the summary.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::stream::{flush, Out, StreamedReport};
use super::{display_path, finding_path, Summary};
use crate::audit::AuditedArticle;
use crate::model::{Article, Citation, Finding, Grade, Person, Position, Reference, Severity};

/// The version of the document's shape; raised when a field changes meaning or disappears.
pub const VERSION: u32 = 1;

/// The whole document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub version: u32,
    pub tool: Tool,
    /// The date ages were computed against, YYYY-MM-DD.
    pub as_of: String,
    pub articles: Vec<ArticleReport>,
    pub summary: SummaryCounts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn citegrade() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleReport {
    /// Path relative to the audited folder, without extension.
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub references: Vec<ReferenceReport>,
    pub citations: Vec<CitationReport>,
    pub findings: Vec<FindingReport>,
}

/// A reference with every field the bibliography gave, its grade and how often it is cited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceReport {
    pub key: String,
    pub authors: Vec<Author>,
    pub title: Option<String>,
    pub container: Option<String>,
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub doi: Option<String>,
    pub pmid: Option<String>,
    pub pmcid: Option<String>,
    pub url: Option<String>,
    pub entry_type: Option<String>,
    pub keywords: Vec<String>,
    pub publication_types: Vec<String>,
    pub abstract_text: Option<String>,
    pub source_label: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The bibliography file the entry was read from, when it is not the article.
    pub source: Option<String>,
    pub raw: String,
    pub grade: GradeReport,
    pub times_cited: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub family: String,
    pub given: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeReport {
    pub design: String,
    pub design_source: String,
    pub design_cue: Option<String>,
    pub level: String,
    pub certainty: String,
    pub age_years: Option<i32>,
    pub recency: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationReport {
    pub marker: String,
    /// The reference number or key cited.
    pub key: String,
    pub stated_year: Option<i32>,
    /// The first author an author-year citation names.
    pub author: Option<String>,
    pub year_suffix: Option<char>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// `ok`, `dangling` or `year-mismatch`.
    pub status: String,
    /// The year of the reference the citation resolved to.
    pub ref_year: Option<i32>,
    /// The sentence holding the citation.
    pub sentence: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingReport {
    pub code: String,
    pub rule: String,
    pub severity: String,
    /// The file the finding points into: the article, or its sidecar bibliography.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub citation: Option<String>,
    pub reference: Option<String>,
    /// The sentence or title the finding is about.
    pub quote: Option<String>,
    /// The `--baseline` accepts it: it does not fail the run.
    #[serde(default)]
    pub baselined: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryCounts {
    pub articles: usize,
    pub references: usize,
    pub citations: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings per rule code.
    pub by_rule: BTreeMap<String, usize>,
}

/// 0 (no position) as `None`.
fn number(n: usize) -> Option<usize> {
    (n > 0).then_some(n)
}

fn position(p: Position) -> (Option<usize>, Option<usize>) {
    (number(p.line), number(p.column))
}

impl ArticleReport {
    pub fn new(audited: &AuditedArticle) -> ArticleReport {
        let article = &audited.article;
        let references = article
            .references
            .iter()
            .zip(&audited.grades)
            .zip(&audited.times_cited)
            .map(|((reference, grade), cited)| ReferenceReport::new(reference, grade, *cited))
            .collect();
        ArticleReport {
            id: article.id.clone(),
            path: display_path(&article.path),
            title: article.title.clone(),
            references,
            citations: article
                .citations
                .iter()
                .map(|c| CitationReport::new(article, c))
                .collect(),
            findings: audited
                .findings
                .iter()
                .map(|f| FindingReport::new(article, f))
                .collect(),
        }
    }
}

impl ReferenceReport {
    fn new(r: &Reference, grade: &Grade, times_cited: usize) -> ReferenceReport {
        let (line, column) = position(r.position);
        ReferenceReport {
            key: r.key.clone(),
            authors: r.authors.iter().map(Author::new).collect(),
            title: r.title.clone(),
            container: r.container.clone(),
            year: r.year,
            month: r.month,
            day: r.day,
            volume: r.volume.clone(),
            issue: r.issue.clone(),
            pages: r.pages.clone(),
            doi: r.doi.clone(),
            pmid: r.pmid.clone(),
            pmcid: r.pmcid.clone(),
            url: r.url.clone(),
            entry_type: r.entry_type.clone(),
            keywords: r.keywords.clone(),
            publication_types: r.publication_types.clone(),
            abstract_text: r.abstract_text.clone(),
            source_label: r.source_label.clone(),
            line,
            column,
            source: r.source.as_deref().map(display_path),
            raw: r.raw.clone(),
            grade: GradeReport::new(grade),
            times_cited,
        }
    }
}

impl Author {
    fn new(person: &Person) -> Author {
        Author {
            family: person.family.clone(),
            given: person.given.clone(),
        }
    }
}

impl GradeReport {
    fn new(g: &Grade) -> GradeReport {
        GradeReport {
            design: g.design.as_str().to_string(),
            design_source: g.design_source.as_str().to_string(),
            design_cue: g.design_cue.clone(),
            level: g.level.label(),
            certainty: g.certainty.as_str().to_string(),
            age_years: g.age_years,
            recency: g.recency.as_str().to_string(),
        }
    }
}

impl CitationReport {
    fn new(article: &Article, c: &Citation) -> CitationReport {
        let (line, column) = position(c.position);
        let reference = c.reference.and_then(|i| article.references.get(i));
        CitationReport {
            marker: c.marker.clone(),
            key: c.key.clone(),
            stated_year: c.stated_year,
            author: c.author.clone(),
            year_suffix: c.year_suffix,
            line,
            column,
            status: c.status.as_str().to_string(),
            ref_year: reference.and_then(|r| r.year),
            sentence: article.sentences.get(c.sentence).map(|s| s.text.clone()),
        }
    }
}

impl FindingReport {
    fn new(article: &Article, f: &Finding) -> FindingReport {
        let (line, column) = position(f.position);
        FindingReport {
            code: f.code.to_string(),
            rule: f.rule.to_string(),
            severity: f.severity.as_str().to_string(),
            path: finding_path(article, f),
            line,
            column,
            message: f.message.clone(),
            citation: f.citation.clone(),
            reference: f.reference.clone(),
            quote: f.quote.clone(),
            baselined: f.baselined,
        }
    }
}

impl SummaryCounts {
    pub fn new(summary: &Summary) -> SummaryCounts {
        SummaryCounts {
            articles: summary.articles,
            references: summary.references,
            citations: summary.citations,
            errors: summary.count(Severity::Error),
            warnings: summary.count(Severity::Warning),
            infos: summary.count(Severity::Info),
            by_rule: summary
                .by_rule()
                .map(|(code, n)| (code.to_string(), n))
                .collect(),
        }
    }
}

/// Writes `citegrade.json` article by article.
pub struct JsonReport {
    out: Out,
    articles: usize,
}

impl JsonReport {
    /// Write everything that comes before the first article.
    pub fn start(mut out: Out, as_of: NaiveDate) -> io::Result<JsonReport> {
        // The fields before `articles`, in `Document`'s order, then the array opens.
        write!(
            out,
            "{{\"version\":{VERSION},\"tool\":{},\"as_of\":{},\"articles\":[",
            serde_json::to_string(&Tool::citegrade())?,
            serde_json::to_string(&as_of.to_string())?,
        )?;
        Ok(JsonReport { out, articles: 0 })
    }
}

impl StreamedReport for JsonReport {
    fn write(&mut self, audited: &AuditedArticle) -> io::Result<()> {
        let separator = if self.articles == 0 { "\n" } else { ",\n" };
        self.out.write_all(separator.as_bytes())?;
        serde_json::to_writer(&mut self.out, &ArticleReport::new(audited))?;
        self.articles += 1;
        Ok(())
    }

    fn finish(mut self: Box<Self>, summary: &Summary) -> io::Result<()> {
        write!(
            self.out,
            "\n],\"summary\":{}}}\n",
            serde_json::to_string(&SummaryCounts::new(summary))?
        )?;
        flush(self.out)
    }
}
