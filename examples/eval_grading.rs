//! How well citegrade grades study design from title and abstract alone, measured on real
//! MEDLINE records with their publication types as truth.
//!
//! Every MEDLINE text file under `<corpus>/medline/` is read record by record. Only records whose
//! `STAT` is `MEDLINE` serve (the others are not indexed yet and carry only "Journal Article").
//! Each record is graded twice: with its `PT`, `MH` and `OT` lines removed, so that only title and
//! abstract can decide; and as given, where the publication type must decide. The truth is the
//! design the publication types name (`grade::metadata`), `unknown` when they name none.
//!
//!     cargo run --release --example eval_grading -- ../shared/corpus
//!     just eval-grading ../shared/corpus
//!     cargo run --release --example eval_grading -- ../shared/corpus --show case-report
//!
//! `--show DESIGN` also lists the records of that design graded wrongly from text, with the cue
//! that decided: the place to start when improving the cue table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use citegrade::grade::{self, metadata};
use citegrade::input::medline;
use citegrade::model::{Design, DesignSource, Reference};

/// Tags removed for the text-only run: publication types, MeSH headings, other terms.
const HIDDEN_TAGS: &[&str] = &["PT", "MH", "OT"];

/// One MEDLINE record as the file gives it.
struct Record {
    file: String,
    pmid: String,
    /// The record with every tag.
    full: Reference,
    /// The record without `HIDDEN_TAGS`.
    text_only: Reference,
}

/// The records of `text`: blocks separated by blank lines, each starting at its `PMID-` line.
fn blocks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let starts_record = line.starts_with("PMID-") && !current.trim().is_empty();
        if line.trim().is_empty() || starts_record {
            if !current.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
            if line.trim().is_empty() {
                continue;
            }
        }
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// The tag of a `TAG - value` line; `None` for a continuation line.
fn tag(line: &str) -> Option<&str> {
    let head = line.get(..4)?;
    (line.get(4..6) == Some("- ") || line.get(4..5) == Some("-"))
        .then(|| head.trim())
        .filter(|t| !t.is_empty())
}

/// The block without the fields tagged with one of `hidden` (continuation lines included).
fn without(block: &str, hidden: &[&str]) -> String {
    let mut keep = true;
    let mut out = String::new();
    for line in block.lines() {
        if let Some(t) = tag(line) {
            keep = !hidden.contains(&t);
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn status(block: &str) -> Option<&str> {
    block
        .lines()
        .find(|l| tag(l) == Some("STAT"))
        .and_then(|l| l.split_once('-'))
        .map(|(_, v)| v.trim())
}

fn first_reference(text: &str) -> Option<Reference> {
    medline::parse(text).references.into_iter().next()
}

fn medline_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus.join("medline"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "txt" | "medline" | "nbib"))
        })
        .collect();
    files.sort();
    files
}

/// The MEDLINE-status records of every file, and (file, records, MEDLINE-status) counts.
fn load(corpus: &Path) -> (Vec<Record>, Vec<(String, usize, usize)>) {
    let mut records = Vec::new();
    let mut files = Vec::new();
    for path in medline_files(corpus) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {}", path.display());
            continue;
        };
        let name = path
            .strip_prefix(corpus)
            .unwrap_or(&path)
            .display()
            .to_string();
        let all = blocks(&text);
        let mut used = 0;
        for block in &all {
            if status(block) != Some("MEDLINE") {
                continue;
            }
            let (Some(full), Some(text_only)) = (
                first_reference(block),
                first_reference(&without(block, HIDDEN_TAGS)),
            ) else {
                continue;
            };
            used += 1;
            records.push(Record {
                file: name.clone(),
                pmid: full.pmid.clone().unwrap_or_default(),
                full,
                text_only,
            });
        }
        files.push((name, all.len(), used));
    }
    (records, files)
}

fn truth(r: &Reference) -> Design {
    metadata::publication_type_design(r.publication_types.iter().map(String::as_str))
        .map_or(Design::Unknown, |(d, _)| d)
}

/// Truth -> predicted -> count.
type Confusion = BTreeMap<Design, BTreeMap<Design, usize>>;

fn confusion<'a>(pairs: impl Iterator<Item = (Design, Design)> + 'a) -> Confusion {
    let mut table = Confusion::new();
    for (t, p) in pairs {
        *table.entry(t).or_default().entry(p).or_default() += 1;
    }
    table
}

fn ratio(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.3}", n as f64 / d as f64)
    }
}

fn print_scores(table: &Confusion) {
    let designs: BTreeSet<Design> = table
        .iter()
        .flat_map(|(t, row)| std::iter::once(*t).chain(row.keys().copied()))
        .collect();
    println!("| design | truth | predicted | correct | precision | recall |");
    println!("|---|---:|---:|---:|---:|---:|");
    for d in designs.iter().filter(|d| **d != Design::Unknown) {
        let truth: usize = table.get(d).map_or(0, |row| row.values().sum());
        let predicted: usize = table.values().filter_map(|row| row.get(d)).sum();
        let correct = table
            .get(d)
            .and_then(|row| row.get(d))
            .copied()
            .unwrap_or(0);
        println!(
            "| {} | {truth} | {predicted} | {correct} | {} | {} |",
            d.as_str(),
            ratio(correct, predicted),
            ratio(correct, truth)
        );
    }
    let truth_unknown: usize = table
        .get(&Design::Unknown)
        .map_or(0, |row| row.values().sum());
    let predicted_unknown: usize = table
        .values()
        .filter_map(|row| row.get(&Design::Unknown))
        .sum();
    println!("| (unknown) | {truth_unknown} | {predicted_unknown} | | | |");
}

fn print_confusion(table: &Confusion) {
    let predicted: BTreeSet<Design> = table.values().flat_map(|row| row.keys().copied()).collect();
    let short = |d: &Design| d.as_str().to_string();
    print!("| truth \\ predicted |");
    for p in &predicted {
        print!(" {} |", short(p));
    }
    println!();
    print!("|---|");
    for _ in &predicted {
        print!("---:|");
    }
    println!();
    for (t, row) in table {
        print!("| {} |", short(t));
        for p in &predicted {
            match row.get(p) {
                Some(n) => print!(" {n} |"),
                None => print!(" |"),
            }
        }
        println!();
    }
}

fn text_design(r: &Reference) -> Design {
    grade::design_from_text(r).map_or(Design::Unknown, |e| e.design)
}

fn main() -> ExitCode {
    let Some(corpus) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: eval_grading CORPUS_DIR (the folder holding medline/)");
        return ExitCode::from(2);
    };
    let (records, files) = load(&corpus);
    if records.is_empty() {
        eprintln!(
            "no MEDLINE-status records under {}",
            corpus.join("medline").display()
        );
        return ExitCode::from(2);
    }
    println!("# Design grading against MEDLINE publication types\n");
    println!("| file | records | STAT MEDLINE (used) |");
    println!("|---|---:|---:|");
    for (file, all, used) in &files {
        println!("| {file} | {all} | {used} |");
    }
    let distinct: BTreeSet<&str> = records.iter().map(|r| r.pmid.as_str()).collect();
    println!(
        "\n{} records used ({} distinct PMIDs).\n",
        records.len(),
        distinct.len()
    );

    println!("## Title and abstract only (PT, MH, OT removed), every record as given\n");
    let text_only = confusion(
        records
            .iter()
            .map(|r| (truth(&r.full), grade::design_of(&r.text_only).design)),
    );
    print_scores(&text_only);
    println!();
    print_confusion(&text_only);

    println!("\n## Title and abstract only, distinct PMIDs\n");
    let mut seen = BTreeSet::new();
    let distinct_table = confusion(
        records
            .iter()
            .filter(|r| seen.insert(r.pmid.clone()))
            .map(|r| (truth(&r.full), grade::design_of(&r.text_only).design)),
    );
    print_scores(&distinct_table);

    // A record without an abstract leaves only its title; this shows what the cues do where
    // there is text to read, and how many records of each design have none.
    let with_abstract: Vec<&Record> = records
        .iter()
        .filter(|r| r.text_only.abstract_text.is_some())
        .collect();
    println!(
        "\n## Title and abstract only, the {} records that have an abstract\n",
        with_abstract.len()
    );
    print_scores(&confusion(
        with_abstract
            .iter()
            .map(|r| (truth(&r.full), grade::design_of(&r.text_only).design)),
    ));

    println!("\n## With the publication types kept\n");
    let with_design_pt: Vec<&Record> = records
        .iter()
        .filter(|r| truth(&r.full) != Design::Unknown)
        .collect();
    let mut by_metadata = 0;
    let mut refined: BTreeMap<(Design, Design), usize> = BTreeMap::new();
    let mut other = 0;
    for r in &with_design_pt {
        let graded = grade::design_of(&r.full);
        let t = truth(&r.full);
        if graded.source == DesignSource::Metadata && graded.design == t {
            by_metadata += 1;
        } else if graded.source != DesignSource::Metadata {
            *refined.entry((t, graded.design)).or_default() += 1;
        } else {
            other += 1;
        }
    }
    println!(
        "{} records carry a design PT: {by_metadata} graded by it (source metadata), {} refined by a text cue, {other} otherwise.",
        with_design_pt.len(),
        refined.values().sum::<usize>()
    );
    for ((from, to), n) in &refined {
        println!("- {} -> {}: {n}", from.as_str(), to.as_str());
    }

    println!("\n## Metadata and text cues, on records that carry both\n");
    let both: Vec<(Design, Design)> = with_design_pt
        .iter()
        .map(|r| (truth(&r.full), text_design(&r.text_only)))
        .filter(|(_, text)| *text != Design::Unknown)
        .collect();
    let disagree: Vec<&(Design, Design)> = both.iter().filter(|(m, t)| m != t).collect();
    println!(
        "{} records have a design PT and a text cue; they disagree on {} ({}).",
        both.len(),
        disagree.len(),
        ratio(disagree.len(), both.len())
    );
    let mut pairs: BTreeMap<(Design, Design), usize> = BTreeMap::new();
    for (m, t) in disagree {
        *pairs.entry((*m, *t)).or_default() += 1;
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    for ((m, t), n) in pairs {
        println!("- metadata {} / text {}: {n}", m.as_str(), t.as_str());
    }
    if let Some(design) = std::env::args()
        .skip_while(|a| a != "--show")
        .nth(1)
        .and_then(|label| Design::from_label(&label))
    {
        show_errors(&records, design);
    }
    let files_used: BTreeSet<&str> = records.iter().map(|r| r.file.as_str()).collect();
    println!(
        "\nFiles with MEDLINE-status records: {}",
        files_used.into_iter().collect::<Vec<_>>().join(", ")
    );
    ExitCode::SUCCESS
}

/// Records whose truth or text-only grade is `design`, where the two differ.
fn show_errors(records: &[Record], design: Design) {
    println!("\n## Errors for {}\n", design.as_str());
    for r in records {
        let t = truth(&r.full);
        let graded = grade::design_of(&r.text_only);
        if (t == design) == (graded.design == design) {
            continue;
        }
        println!(
            "- {} truth {} graded {} ({} \"{}\"): {}",
            r.pmid,
            t.as_str(),
            graded.design.as_str(),
            graded.source.as_str(),
            graded.cue.as_deref().unwrap_or(""),
            r.text_only.title.as_deref().unwrap_or("")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_fields_go_with_their_continuation_lines() {
        let block = "PMID- 1\nSTAT- MEDLINE\nTI  - A title\nPT  - Randomized Controlled\n      Trial\nMH  - Humans\nAB  - Text\n";
        let kept = without(block, HIDDEN_TAGS);
        assert_eq!(kept, "PMID- 1\nSTAT- MEDLINE\nTI  - A title\nAB  - Text\n");
        assert_eq!(status(block), Some("MEDLINE"));
        assert_eq!(blocks("PMID- 1\nTI  - a\n\nPMID- 2\nTI  - b\n").len(), 2);
    }
}
