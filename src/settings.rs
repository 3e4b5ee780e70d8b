//! Validated settings for one run. The CLI turns flags into these once; the core never sees a
//! raw string that should have been a type.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::checks::claims::Lexicon;
use crate::checks::RuleSettings;
use crate::grade::level::LevelTable;
use crate::input::ReadMode;
use crate::model::Severity;

/// The lowest severity that makes `audit` exit with status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl FailOn {
    pub fn is_reached_by(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(threshold) => severity >= threshold,
            FailOn::Never => false,
        }
    }
}

/// Thresholds the grading and the checks use.
#[derive(Clone, Debug)]
pub struct Thresholds {
    /// A reference is `current` up to this age and "recent" claims may cite it.
    pub recent_within_years: i32,
    /// A reference older than this is `outdated` (CG201).
    pub outdated_after_years: i32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            recent_within_years: 5,
            outdated_after_years: 10,
        }
    }
}

/// How articles are judged: thresholds, claim lexicon, evidence levels and rule selection —
/// the defaults, or what `citegrade.toml` makes of them.
#[derive(Clone, Debug, Default)]
pub struct Policy {
    pub thresholds: Thresholds,
    pub lexicon: Lexicon,
    pub levels: LevelTable,
    pub rules: RuleSettings,
}

/// Everything an audit run needs to know.
#[derive(Clone, Debug)]
pub struct AuditSettings {
    pub paths: Vec<PathBuf>,
    /// Where reports go; `None` writes none (`grade` without `--out`).
    pub out: Option<PathBuf>,
    /// How files are taken: articles, or bare reference lists (`grade`).
    pub mode: ReadMode,
    pub as_of: NaiveDate,
    pub fail_on: FailOn,
    /// Worker threads; `None` lets rayon pick one per core.
    pub jobs: Option<usize>,
    pub policy: Policy,
    /// The Retraction Watch list CG206 looks references up in (`--retractions`).
    pub retractions: Option<PathBuf>,
    /// Files the configuration excludes from the audit.
    pub exclude: Option<crate::config::Exclude>,
    /// Policies `[[overrides]]` in the configuration set for some files.
    pub overrides: crate::config::Overrides,
    /// Audit only the articles git says changed since this ref (`--changed-since`).
    pub changed_since: Option<String>,
    /// Print progress and the summary line on stderr.
    pub quiet: bool,
    /// Findings this baseline file accepts do not fail the run (`--baseline`).
    pub baseline: Option<PathBuf>,
    /// Write the run's findings to this baseline file (`--write-baseline`).
    pub write_baseline: Option<PathBuf>,
    /// How findings print on stdout, and the report formats written into `out` beside the
    /// CSVs (`json`, `sarif`, `junit`).
    pub formats: crate::report::Formats,
    /// Audit only this shard of the articles, and leave a shard file for `citegrade merge`
    /// (`--shard K/N`).
    pub shard: Option<crate::shard::Shard>,
}

impl AuditSettings {
    /// The policy that judges the article at `path`: its `[[overrides]]` policy, else the
    /// run's.
    pub fn policy_for(&self, path: &std::path::Path) -> &Policy {
        self.overrides.policy_for(path).unwrap_or(&self.policy)
    }
}
