//! Every structured bibliography in a corpus, read and audited: entries read, entries with a
//! year, findings raised, against the number of entries the file holds by a plain count of its
//! record markers (`@type{`, `TY  -`, `PMID-`, `<PubmedArticle>`, JSON array items).
//!
//!     cargo run --release --example eval_formats -- ../shared/corpus

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use citegrade::audit::audit_article;
use citegrade::input::{self, format, Format, ReadMode};
use citegrade::retractions::RetractionList;
use citegrade::settings::Policy;

const FOLDERS: &[&str] = &["bib", "ris", "nbib", "medline", "csljson"];

static BIBTEX_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?mi)^\s*@\s*([a-z]+)\s*[{(]").expect("pattern compiles"));
static RIS_RECORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^\s*TY\s*-").expect("pattern compiles"));
static MEDLINE_RECORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^PMID-").expect("pattern compiles"));
static PUBMED_RECORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<Pubmed(?:Book)?Article>").expect("pattern compiles"));

/// How many entries the file holds, counted by its record markers.
fn marker_count(format: Format, text: &str) -> Option<usize> {
    Some(match format {
        Format::BibTeX => BIBTEX_ENTRY
            .captures_iter(text)
            .filter(|c| {
                let kind = c[1].to_ascii_lowercase();
                !matches!(kind.as_str(), "string" | "preamble" | "comment")
            })
            .count(),
        Format::Ris => RIS_RECORD.find_iter(text).count(),
        Format::Medline => MEDLINE_RECORD.find_iter(text).count(),
        Format::PubmedXml => PUBMED_RECORD.find_iter(text).count(),
        Format::CslJson => match serde_json::from_str::<serde_json::Value>(text).ok()? {
            serde_json::Value::Array(items) => items.len(),
            serde_json::Value::Object(_) => 1,
            _ => 0,
        },
        Format::Csv
        | Format::PlainText
        | Format::Jats
        | Format::Markdown
        | Format::Html
        | Format::Latex
        | Format::Docx => return None,
    })
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = FOLDERS
        .iter()
        .flat_map(|folder| walkdir::WalkDir::new(root.join(folder)).sort_by_file_name())
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    found.sort();
    found
}

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: eval_formats CORPUS_DIR (e.g. ../shared/corpus)");
        return ExitCode::from(2);
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date");
    let thresholds = Policy::default();
    println!("| file | format | held | read | with year | findings (CG001/CG002) |");
    println!("|---|---|---:|---:|---:|---:|");
    let (mut held_total, mut read_total, mut year_total, mut mismatched) = (0, 0, 0, 0);
    for path in files(&root) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = input::decode::decode(&bytes)
            .map(|d| d.text)
            .unwrap_or_default();
        let format = format::detect(&path, &text).ok();
        let held = format.and_then(|f| marker_count(f, &text));
        let article = input::read_article(&path, String::new(), ReadMode::Bibliography);
        let audited = audit_article(article, as_of, &thresholds, &RetractionList::default());
        let refs = &audited.article.references;
        let with_year = refs.iter().filter(|r| r.year.is_some()).count();
        let input_findings = audited
            .findings
            .iter()
            .filter(|f| matches!(f.code, "CG001" | "CG002"))
            .count();
        held_total += held.unwrap_or(0);
        read_total += refs.len();
        year_total += with_year;
        if held.is_some_and(|h| h != refs.len()) {
            mismatched += 1;
        }
        let rel = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy();
        println!(
            "| {rel} | {} | {} | {} | {with_year} | {input_findings} |",
            format.map_or("?", Format::name),
            held.map_or("?".into(), |h| h.to_string()),
            refs.len(),
        );
    }
    println!(
        "\ntotal: {held_total} entries held, {read_total} read, {year_total} with a year; {mismatched} files where read != held"
    );
    ExitCode::SUCCESS
}
