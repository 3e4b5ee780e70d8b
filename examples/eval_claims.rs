//! How often the claim rules (CG202, CG203, CG204) fire on real articles, per 1,000 sentences:
//! the figure to watch when making the claim lexicon more precise.
//!
//!     cargo run --release --example eval_claims -- ../shared/corpus/jats
//!     cargo run --release --example eval_claims -- ../shared/corpus/jats --show CG204 elife00005.xml
//!
//! Every file of the folder is audited as of 2026-11-24 with the default thresholds. `--show CODE
//! ARTICLE` prints each finding of that rule in that article (file name or stem): its line, its
//! message (which names the trigger words) and the sentence it quotes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use citegrade::audit::{audit_article, AuditedArticle};
use citegrade::input::{self, ReadMode};
use citegrade::retractions::RetractionList;
use citegrade::settings::Policy;

/// The rules measured.
const CODES: [&str; 3] = ["CG202", "CG203", "CG204"];

/// One article's counts.
struct Tally {
    name: String,
    sentences: usize,
    findings: [usize; 3],
}

fn rate(count: usize, sentences: usize) -> f64 {
    if sentences == 0 {
        0.0
    } else {
        count as f64 * 1000.0 / sentences as f64
    }
}

fn audit(path: &Path) -> AuditedArticle {
    let id = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let article = input::read_article(path, id, ReadMode::Article);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
    audit_article(
        article,
        as_of,
        &Policy::default(),
        &RetractionList::default(),
    )
}

fn tally(name: String, audited: &AuditedArticle) -> Tally {
    let mut findings = [0; 3];
    for finding in &audited.findings {
        if let Some(i) = CODES.iter().position(|c| *c == finding.code) {
            findings[i] += 1;
        }
    }
    Tally {
        name,
        sentences: audited.article.sentences.len(),
        findings,
    }
}

fn print_table(tallies: &[Tally]) {
    println!(
        "{:<28} {:>6}  {:>12}  {:>12}  {:>12}",
        "article", "sent", "CG202 n/‰", "CG203 n/‰", "CG204 n/‰"
    );
    let row = |name: &str, sentences: usize, findings: &[usize; 3]| {
        let cells: Vec<String> = findings
            .iter()
            .map(|&n| format!("{n:>4} {:>7.1}", rate(n, sentences)))
            .collect();
        println!(
            "{name:<28} {sentences:>6}  {:>12}  {:>12}  {:>12}",
            cells[0], cells[1], cells[2]
        );
    };
    for t in tallies {
        row(&t.name, t.sentences, &t.findings);
    }
    let sentences = tallies.iter().map(|t| t.sentences).sum();
    let mut total = [0; 3];
    for t in tallies {
        for (sum, n) in total.iter_mut().zip(t.findings) {
            *sum += n;
        }
    }
    row("ALL", sentences, &total);
}

fn show(audited: &AuditedArticle, code: &str) {
    for finding in audited.findings.iter().filter(|f| f.code == code) {
        println!(
            "line {} [{}]: {}\n    > {}\n",
            finding.position.line,
            section_at(audited, finding.quote.as_deref()),
            finding.message,
            finding.quote.as_deref().unwrap_or("").trim()
        );
    }
}

/// The heading of the sentence a finding quotes.
fn section_at(audited: &AuditedArticle, quote: Option<&str>) -> String {
    audited
        .article
        .sentences
        .iter()
        .find(|s| Some(s.text.trim()) == quote)
        .and_then(|s| s.section.clone())
        .unwrap_or_default()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(folder) = args.first().map(PathBuf::from) else {
        eprintln!("usage: eval_claims FOLDER [--show CODE ARTICLE]");
        return ExitCode::FAILURE;
    };
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", folder.display());
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    if let (Some("--show"), Some(code), Some(wanted)) =
        (args.get(1).map(String::as_str), args.get(2), args.get(3))
    {
        let hit = paths.iter().find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy() == *wanted)
                || p.file_stem()
                    .is_some_and(|n| n.to_string_lossy() == *wanted)
        });
        let Some(path) = hit else {
            eprintln!("no article {wanted} in {}", folder.display());
            return ExitCode::FAILURE;
        };
        show(&audit(path), code);
        return ExitCode::SUCCESS;
    }
    let tallies: Vec<Tally> = paths
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            tally(name, &audit(p))
        })
        .collect();
    print_table(&tallies);
    ExitCode::SUCCESS
}
