//! `audit --shard K/N` and `citegrade merge`: three shards of a few hundred generated articles,
//! merged, write the very files a single run writes; the shards split the batch without overlap
//! or gap; an incomplete or mixed set of shards is refused.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{audit, citegrade, rows, tree};

/// Numbered plain-text articles, author-year ones, Markdown ones (some with a sidecar
/// bibliography), a few files citegrade does not read, and two files that share a stem.
const ARTICLES: usize = 300;

/// A small deterministic generator (64-bit LCG), so the corpus is the same on every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % sides
    }

    fn year(&mut self) -> u64 {
        1985 + self.roll(41)
    }
}

const TOPICS: [&str; 6] = [
    "gabapentin for neuropathic pain",
    "statins in primary prevention",
    "exercise for depression",
    "salt reduction in hypertension",
    "beta-blockers for migraine",
    "vitamin D and fractures",
];
const DESIGNS: [&str; 5] = [
    "a randomised controlled trial",
    "a systematic review and meta-analysis",
    "a prospective cohort study",
    "eight cases",
    "a narrative review",
];
const AUTHORS: [&str; 6] = ["Smith", "Lee", "Nguyen", "Okafor", "Müller", "Garcia"];

/// A numbered article: "the YEAR study N" markers and [N] brackets, with a dangling citation,
/// a year mismatch and an uncited recommendation now and then.
fn numbered(i: usize, dice: &mut Dice) -> String {
    let topic = TOPICS[i % TOPICS.len()];
    let count = 3 + dice.roll(4) as usize;
    let years: Vec<u64> = (0..count).map(|_| dice.year()).collect();
    let mut text = format!("Does {topic} work? (article {i})\n\nFrom the Research\n\n");
    for (n, year) in years.iter().enumerate() {
        let stated = if dice.roll(6) == 0 { year + 1 } else { *year };
        text.push_str(&format!(
            "Patients improved with {topic}, as the {stated} study {} shows.\n",
            n + 1
        ));
    }
    text.push_str(&format!(
        "A further trial agrees [{}].\n",
        dice.roll(count as u64) + 1
    ));
    if dice.roll(3) == 0 {
        text.push_str(&format!(
            "Recent Evidence\n\nThe {} study {} confirms the benefit.\n",
            years[0],
            count + 1
        ));
    }
    if dice.roll(2) == 0 {
        text.push_str("Physiotherapy should be offered to every patient.\n");
    }
    text.push_str("\nReferences\n\n");
    for (n, year) in years.iter().enumerate() {
        let design = DESIGNS[dice.roll(DESIGNS.len() as u64) as usize];
        let author = AUTHORS[dice.roll(AUTHORS.len() as u64) as usize];
        text.push_str(&format!(
            "{}. {author} A, Park J. {topic} in adults: {design}. J Clin Med. {year};{}:{}-{}.\n",
            n + 1,
            i % 40 + 1,
            n * 10 + 1,
            n * 10 + 9
        ));
    }
    text
}

/// An author-year article: "(Smith et al., 2015)", with a dangling author now and then.
fn author_year(i: usize, dice: &mut Dice) -> String {
    let topic = TOPICS[(i + 1) % TOPICS.len()];
    let works: Vec<(&str, u64)> = (0..3)
        .map(|n| (AUTHORS[(i + n * 2) % AUTHORS.len()], dice.year()))
        .collect();
    let mut text = format!("What do we know about {topic}? (article {i})\n\n");
    for (author, year) in &works {
        text.push_str(&format!(
            "Outcomes improved with {topic} ({author} et al., {year}).\n"
        ));
    }
    if dice.roll(3) == 0 {
        text.push_str(&format!("Others disagree (Brown, {}).\n", works[0].1));
    }
    text.push_str("\nReferences\n\n");
    for (n, (author, year)) in works.iter().enumerate() {
        text.push_str(&format!(
            "{}. {author} AB, Jones C. {topic}: {}. Lancet. {year};{}:2-3.\n",
            n + 1,
            DESIGNS[(i + n) % DESIGNS.len()],
            n + 1
        ));
    }
    text
}

/// A Markdown article; with `sidecar`, its references come from a BibTeX file beside it.
fn markdown(i: usize, dice: &mut Dice, sidecar: bool) -> (String, Option<String>) {
    let topic = TOPICS[(i + 2) % TOPICS.len()];
    let (y1, y2) = (dice.year(), dice.year());
    if sidecar {
        let text = format!(
            "# {topic} ({i})\n\nIt helps [@a{i}] and it lasts [@b{i}; @c{i}].\n\nThe newest work agrees [@a{i}].\n"
        );
        let bib = format!(
            "@article{{a{i}, author={{Smith, Anna}}, title={{{topic}: a randomised trial}}, journal={{BMJ}}, year={{{y1}}}}}\n\
             @article{{b{i}, author={{Lee, Kim}}, title={{{topic} in older adults}}, journal={{JAMA}}, year={{{y2}}}}}\n\
             @article{{d{i}, author={{Park, Jo}}, title={{Uncited work}}, journal={{JAMA}}, year={{2001}}}}\n"
        );
        return (text, Some(bib));
    }
    let text = format!(
        "# {topic} ({i})\n\n## Background\n\nIt lowers risk [1]. The {y2} meta-analysis 2 found more [2-3].\n\n\
         ## References\n\n\
         1. He FJ. {topic}: a meta-analysis of randomised trials. BMJ. {y1};346:f1325.\n\
         2. Aburto NJ. {topic} and health. BMJ. {y2};346:f1326.\n"
    );
    (text, None)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// Write the corpus into `root`, spread over nested folders.
fn generate(root: &Path) {
    let mut dice = Dice(7);
    for i in 0..ARTICLES {
        let dir = root
            .join(format!("dept-{}", i % 4))
            .join(format!("year-{}", i % 3));
        match i % 10 {
            0..=4 => write(
                &dir.join(format!("article-{i}.txt")),
                &numbered(i, &mut dice),
            ),
            5..=7 => write(&dir.join(format!("ay-{i}.txt")), &author_year(i, &mut dice)),
            8 => {
                let (text, bib) = markdown(i, &mut dice, i % 20 == 8);
                write(&dir.join(format!("md-{i}.md")), &text);
                if let Some(bib) = bib {
                    write(&dir.join(format!("md-{i}.bib")), &bib);
                }
            }
            _ if i % 30 == 9 => write(&dir.join(format!("scan-{i}.pdf")), "%PDF-1.4\n"),
            _ => write(&dir.join(format!("note-{i}.txt")), &numbered(i, &mut dice)),
        }
    }
    // Two files with one stem keep their extension in their ids ("case.md", "case.txt"), which
    // then sort after "case-b": output order is discovery order, not the order of the ids.
    write(&root.join("same/case.txt"), &numbered(1, &mut dice));
    write(&root.join("same/case.md"), &markdown(2, &mut dice, false).0);
    write(&root.join("same/case-b.txt"), &numbered(3, &mut dice));
    write(&root.join("same/notes.odt"), "not an article");
}

fn merge(dirs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = citegrade();
    cmd.arg("merge")
        .args(dirs)
        .arg("--out")
        .arg(out)
        .args(extra);
    cmd.output().expect("citegrade runs")
}

fn merge_plain(dirs: &[&Path], out: &Path) -> Output {
    merge(dirs, out, &[])
}

/// The report formats beside the CSVs, which a merge must write as one run does.
const REPORT_FORMATS: [&str; 2] = ["--format", "json,sarif,junit"];

/// The stderr summary line without the folder it names.
fn summary_line(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().last().unwrap_or_default();
    line.split("; reports in")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The folder `actual` holds the same files as `expected`, byte for byte.
fn assert_same_files(expected: &Path, actual: &Path) {
    let (expected, actual) = (tree(expected), tree(actual));
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &expected {
        assert!(bytes == &actual[name], "{name} differs");
    }
}

/// The article reports a run wrote.
fn article_reports(out: &Path) -> BTreeSet<String> {
    tree(out)
        .into_keys()
        .filter(|name| name.starts_with("articles/"))
        .collect()
}

#[test]
fn three_shards_merged_write_what_one_run_writes_byte_for_byte() {
    let input = tempfile::tempdir().unwrap();
    generate(input.path());
    let runs = tempfile::tempdir().unwrap();
    let single = runs.path().join("single");
    let whole = audit(&[input.path()], &single, &REPORT_FORMATS);
    assert_eq!(whole.status.code(), Some(1), "the corpus has errors");

    let shards: Vec<PathBuf> = (1..=3)
        .map(|k| runs.path().join(format!("shard-{k}")))
        .collect();
    for (k, out) in (1..=3).zip(&shards) {
        let shard = format!("{k}/3");
        let run = audit(
            &[input.path()],
            out,
            &["--shard", &shard, REPORT_FORMATS[0], REPORT_FORMATS[1]],
        );
        assert!(run.status.code().is_some_and(|c| c <= 1), "shard {k}/3 ran");
        assert!(out.join("shard.jsonl").is_file());
    }
    let merged = runs.path().join("merged");
    let shard_dirs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let run = merge(&shard_dirs, &merged, &REPORT_FORMATS);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(summary_line(&run), summary_line(&whole));

    // The corpus exercises what a merge must carry: every kind of finding we planted, a
    // finding in a sidecar bibliography, and files listed as not audited.
    let expected = tree(&single);
    for report in ["citegrade.json", "citegrade.sarif", "junit.xml"] {
        assert!(expected.contains_key(report), "{report} written");
    }
    let summary = String::from_utf8_lossy(&expected["summary.md"]).into_owned();
    assert!(summary.contains(&format!("· {} articles ·", ARTICLES - 10 + 3)));
    assert!(summary.contains("## Not audited") && summary.contains("notes.odt"));
    let findings = rows(&single.join("findings.csv"));
    for code in ["CG101", "CG102", "CG103", "CG201", "CG202", "CG204"] {
        assert!(
            findings.iter().any(|r| r["code"] == code),
            "no {code} in the corpus"
        );
    }
    assert!(findings.iter().any(|r| r["path"].ends_with(".bib")));

    assert_same_files(&single, &merged);

    // Every article is in exactly one shard, and each shard has some.
    let mut seen = BTreeSet::new();
    for out in &shards {
        let reports = article_reports(out);
        assert!(
            reports.len() > ARTICLES / 6,
            "{} is lopsided",
            out.display()
        );
        for report in reports {
            assert!(seen.insert(report.clone()), "{report} is in two shards");
        }
    }
    assert_eq!(seen, article_reports(&single));
}

/// Three tiny shard outputs of one batch, and their input folder.
fn tiny_shards(root: &Path) -> (PathBuf, Vec<PathBuf>) {
    let input = root.join("input");
    for name in ["a", "b", "c", "d", "e", "f"] {
        write(
            &input.join(format!("{name}.txt")),
            "Title\n\nAspirin helps [1].\n\nReferences\n\n1. Lee K. Aspirin. BMJ. 2020;1:2.\n",
        );
    }
    let outs: Vec<PathBuf> = (1..=3).map(|k| root.join(format!("s{k}"))).collect();
    for (k, out) in (1..=3).zip(&outs) {
        let run = audit(&[&input], out, &["--shard", &format!("{k}/3")]);
        assert_eq!(run.status.code(), Some(0));
    }
    (input, outs)
}

#[test]
fn a_missing_duplicated_or_mixed_shard_stops_the_merge() {
    let root = tempfile::tempdir().unwrap();
    let (input, outs) = tiny_shards(root.path());
    let merged = root.path().join("merged");
    let stderr = |output: Output| {
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };

    let missing = stderr(merge_plain(&[&outs[0], &outs[2]], &merged));
    assert!(missing.contains("missing shard 2/3"), "{missing}");
    let twice = stderr(merge_plain(&[&outs[0], &outs[1], &outs[1]], &merged));
    assert!(twice.contains("shard 2/3 is given twice"), "{twice}");

    let halves = root.path().join("half");
    audit(&[&input], &halves, &["--shard", "1/2"]);
    let mixed = stderr(merge_plain(
        &[&outs[0], &outs[1], &outs[2], &halves],
        &merged,
    ));
    assert!(mixed.contains("the same number of ways"), "{mixed}");

    let other_date = root.path().join("other-date");
    let mut dated_run = citegrade();
    dated_run
        .arg("audit")
        .arg(&input)
        .arg("--out")
        .arg(&other_date);
    dated_run.args(["--shard", "3/3", "--as-of", "2020-01-01"]);
    assert!(dated_run.output().unwrap().status.code().is_some());
    let dated = stderr(merge_plain(&[&outs[0], &outs[1], &other_date], &merged));
    assert!(dated.contains("as of one date"), "{dated}");

    let plain = stderr(merge_plain(&[&input], &merged));
    assert!(plain.contains("cannot read the shard file"), "{plain}");
    assert!(!merged.exists(), "no reports from a refused merge");

    // A later run without --shard into a shard's folder leaves no shard file to merge.
    audit(&[&input], &outs[0], &[]);
    assert!(!outs[0].join("shard.jsonl").exists());
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (shard, message) in [
        ("0/3", "K must be between 1 and N (3)"),
        ("4/3", "K must be between 1 and N (3)"),
        ("1/0", "N must be at least 1"),
        ("2", "is not of the form K/N"),
    ] {
        let run = audit(&[input.path()], out.path(), &["--shard", shard]);
        assert_eq!(run.status.code(), Some(2), "--shard {shard}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(message), "--shard {shard}: {stderr}");
    }
}

#[test]
fn shards_under_a_baseline_merge_into_what_one_run_writes() {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("input");
    generate(&input);
    let baseline = root.path().join("baseline.json");
    let baseline_arg = baseline.to_str().unwrap();
    let recorded = audit(
        &[&input],
        &root.path().join("first"),
        &["--write-baseline", baseline_arg],
    );
    assert_eq!(recorded.status.code(), Some(0));
    // Fix one outdated reference and plant a new dangling citation: one stale entry, one new
    // finding, both of which the merge must report as the single run does.
    let fixed = input.join("dept-0/year-0/article-0.txt");
    let text = std::fs::read_to_string(&fixed).unwrap();
    let text = text.replacen("References", "A new claim [42].\n\nReferences", 1);
    std::fs::write(&fixed, text).unwrap();

    let with_baseline = ["--baseline", baseline_arg, "--format", "sarif"];
    let single = root.path().join("single");
    let whole = audit(&[&input], &single, &with_baseline);
    assert_eq!(whole.status.code(), Some(1), "the new citation fails");
    let shards: Vec<PathBuf> = (1..=3).map(|k| root.path().join(format!("s{k}"))).collect();
    for (k, out) in (1..=3).zip(&shards) {
        let shard = format!("{k}/3");
        let mut args = vec!["--shard", shard.as_str()];
        args.extend(with_baseline);
        audit(&[&input], out, &args);
    }
    let merged = root.path().join("merged");
    let dirs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let run = merge(&dirs, &merged, &with_baseline);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(summary_line(&run), summary_line(&whole));
    assert!(summary_line(&whole).contains("baselined"));
    assert_same_files(&single, &merged);
}

#[test]
fn merge_keeps_no_baseline_it_was_not_given_and_can_write_one() {
    let root = tempfile::tempdir().unwrap();
    let input = root.path().join("input");
    generate(&input);
    let whole_baseline = root.path().join("whole.json");
    let single = audit(
        &[&input],
        &root.path().join("single"),
        &["--write-baseline", whole_baseline.to_str().unwrap()],
    );
    assert_eq!(single.status.code(), Some(0));
    // A shard cannot write the batch's baseline; the merge can, and writes the same file.
    let refused = audit(
        &[&input],
        &root.path().join("refused"),
        &["--shard", "1/2", "--write-baseline", "x.json"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("give --write-baseline to"));
    let baseline = ["--baseline", whole_baseline.to_str().unwrap()];
    let shards: Vec<PathBuf> = (1..=2).map(|k| root.path().join(format!("s{k}"))).collect();
    for (k, out) in (1..=2).zip(&shards) {
        let shard = format!("{k}/2");
        let run = audit(
            &[&input],
            out,
            &["--shard", &shard, baseline[0], baseline[1]],
        );
        assert_eq!(run.status.code(), Some(0), "shard {k}: all baselined");
    }
    let dirs: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let merged_baseline = root.path().join("merged.json");
    let unbaselined = merge(
        &dirs,
        &root.path().join("merged"),
        &["--write-baseline", merged_baseline.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::read(&merged_baseline).unwrap(),
        std::fs::read(&whole_baseline).unwrap()
    );
    // Without --baseline the merge does not keep the shards' marks: the findings fail (the
    // merge's own --write-baseline accepts them, so that run passes; one without it fails).
    assert_eq!(unbaselined.status.code(), Some(0));
    let plain = merge_plain(&dirs, &root.path().join("plain"));
    assert_eq!(plain.status.code(), Some(1));
    assert!(
        !summary_line(&plain).contains("baselined"),
        "{}",
        summary_line(&plain)
    );
    // ...and writes what a run without a baseline writes, article reports included.
    let unmarked = root.path().join("unmarked");
    audit(&[&input], &unmarked, &[]);
    assert_same_files(&unmarked, &root.path().join("plain"));
}

#[test]
fn merge_refuses_an_input_as_out_and_clears_an_old_shard_file() {
    let root = tempfile::tempdir().unwrap();
    let (input, outs) = tiny_shards(root.path());
    let dirs: Vec<&Path> = outs.iter().map(PathBuf::as_path).collect();
    let into_input = merge_plain(&dirs, &outs[0]);
    assert_eq!(into_input.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&into_input.stderr).contains("is one of the shard folders"));
    assert!(
        outs[0].join("shard.jsonl").is_file(),
        "the input is untouched"
    );
    // An --out that once held a shard run's output holds only the merged reports after.
    let reused = root.path().join("reused");
    assert_eq!(
        audit(&[&input], &reused, &["--shard", "1/3"]).status.code(),
        Some(0)
    );
    assert_eq!(merge_plain(&dirs, &reused).status.code(), Some(0));
    assert!(!reused.join("shard.jsonl").exists());
}

#[test]
fn a_shard_run_with_a_bad_baseline_leaves_nothing_behind() {
    let root = tempfile::tempdir().unwrap();
    let (input, _) = tiny_shards(root.path());
    let bad = root.path().join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let out = root.path().join("bad-run");
    let run = audit(
        &[&input],
        &out,
        &["--shard", "1/3", "--baseline", bad.to_str().unwrap()],
    );
    assert_eq!(run.status.code(), Some(2));
    let left: Vec<String> = std::fs::read_dir(&out)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn shards_of_two_batches_of_one_size_do_not_merge() {
    let root = tempfile::tempdir().unwrap();
    let (input, outs) = tiny_shards(root.path());
    // The same number of articles, one of them another file: another batch.
    std::fs::rename(input.join("f.txt"), input.join("g.txt")).unwrap();
    let other: Vec<PathBuf> = (1..=3)
        .map(|k| {
            let out = root.path().join(format!("other-{k}"));
            audit(&[&input], &out, &["--shard", &format!("{k}/3")]);
            out
        })
        .collect();
    // Pick, for each K, the shard of either batch until the two are mixed.
    let mixed: Vec<&Path> = vec![&outs[0], &other[1], &outs[2]];
    let mixed_too: Vec<&Path> = vec![&other[0], &outs[1], &outs[2]];
    for dirs in [mixed, mixed_too] {
        let run = merge_plain(&dirs, &root.path().join("merged"));
        assert_eq!(run.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&run.stderr).contains("not cut from the same batch"),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn merge_into_the_folder_of_a_shard_file_named_bare_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (_, outs) = tiny_shards(root.path());
    let run = citegrade()
        .current_dir(&outs[0])
        .args(["merge", "shard.jsonl"])
        .arg(outs[1].join("shard.jsonl"))
        .arg(outs[2].join("shard.jsonl"))
        .args(["--out", "."])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(outs[0].join("shard.jsonl").is_file());
}
