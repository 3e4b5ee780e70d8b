//! Helpers: run the binary, read the CSV reports back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// Every test pins the date ages are computed against.
pub const AS_OF: &str = "2026-11-24";

/// The repository root (where `references/` and `reports/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn citegrade() -> Command {
    let mut cmd = Command::cargo_bin("citegrade").expect("the citegrade binary is built");
    cmd.current_dir(repo()).env("NO_COLOR", "1");
    cmd
}

/// `citegrade audit PATHS --out OUT --as-of AS_OF EXTRA...`
pub fn audit(paths: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = citegrade();
    cmd.arg("audit").args(paths).arg("--out").arg(out);
    cmd.args(["--as-of", AS_OF]).args(extra);
    cmd.output().expect("citegrade runs")
}

/// The rows of a CSV report, each as column name -> value.
pub fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).expect("report exists");
    let headers = reader.headers().expect("header row").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("valid CSV row");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// (code, line, reference) of every finding of `article`, in report order.
pub fn finding_keys(out: &Path, article: &str) -> Vec<(String, String, String)> {
    rows(&out.join("findings.csv"))
        .into_iter()
        .filter(|r| r["article"] == article)
        .map(|r| (r["code"].clone(), r["line"].clone(), r["reference"].clone()))
        .collect()
}

/// Every file under `dir`, relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walkable");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("inside dir");
            let bytes = std::fs::read(entry.path()).expect("readable");
            files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
        }
    }
    files
}

/// A plain-text article with two references (1991 and 2009: both outdated in 2026) and a
/// citation of a missing third.
pub const STIMULATION: &str = "\
Does stimulation help thalamic pain?

Motor cortex stimulation relieved pain in early reports [1].
Spinal cord stimulation helped eight patients [2] and others [3].

References

1. Tsubokawa T, Katayama Y. Chronic motor cortex stimulation for central pain: a randomised trial. Acta Neurochir Suppl. 1991;52:137-9.
2. Kumar K, Toth C. Spinal cord stimulation for chronic pain: a randomised trial. Neurosurgery. 2009;40:503-8.
";
