//! `citegrade.toml`: thresholds, rule selection and severities, claim-lexicon and evidence-level
//! overrides, the default `--fail-on` and the output formats. Found from the audited path
//! upwards (the closest file wins) or named with `--config`. Unknown keys and bad values stop
//! the run (exit 2) with the file, the line and the key, so a typo never silently does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::checks::claims::CueKind;
use crate::checks::RULES;
use crate::error::{Error, Result};
use crate::model::Severity;
use crate::report::{Format, Formats};
use crate::settings::{FailOn, Policy};

/// The file name looked for.
pub const FILE_NAME: &str = "citegrade.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    recent_within_years: Option<i32>,
    outdated_after_years: Option<i32>,
    fail_on: Option<Level>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Level>,
    #[serde(default)]
    claims: ClaimsConfig,
    #[serde(default)]
    levels: BTreeMap<String, LevelOverride>,
    format: Option<Vec<String>>,
}

/// Phrases to add to the claim lexicon, by kind, and phrases whose entries to turn off.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimsConfig {
    #[serde(default)]
    recommendation: Vec<String>,
    #[serde(default)]
    efficacy: Vec<String>,
    #[serde(default)]
    strong: Vec<String>,
    #[serde(default)]
    recency: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelOverride {
    level: Option<String>,
    certainty: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Error,
    Warning,
    Info,
    Never,
}

/// What a configuration file decided.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    pub policy: Policy,
    /// The default `--fail-on`, when the file sets one.
    pub fail_on: Option<FailOn>,
    /// Files not to audit (`exclude`), matched relative to the configuration's folder.
    pub exclude: Option<Exclude>,
    /// The output formats (`format`), when the file names them; `--format` replaces them.
    pub formats: Option<Formats>,
}

/// `exclude` globs and the folder they are relative to.
#[derive(Debug, Clone)]
pub struct Exclude {
    pub root: PathBuf,
    pub globs: GlobSet,
}

impl Exclude {
    /// True when `path` (a file found by discovery) matches an `exclude` glob.
    pub fn matches(&self, path: &Path) -> bool {
        let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        absolute
            .strip_prefix(&self.root)
            .is_ok_and(|relative| self.globs.is_match(relative))
    }
}

/// The commented default configuration `citegrade init` writes: every setting at its default,
/// so that editing a value is all a project needs to do.
pub const DEFAULT_FILE: &str = r#"# citegrade configuration. citegrade reads the citegrade.toml closest to the audited path,
# looking upwards, or the file named with --config. Command-line flags win over this file.

# A "recent" claim may cite work up to this many years old (CG202).
recent_within_years = 5
# References older than this many years are outdated (CG201).
outdated_after_years = 10
# The lowest severity that makes `citegrade audit` exit with status 1: error, warning, info, never.
fail_on = "error"

# Files not to audit, as globs relative to this file's folder ("drafts/**", "**/*.draft.md").
exclude = []

# Output formats, as --format takes them (which replaces this list when given): at most one of
# concise, github, jsonl for stdout, and any of json, sarif, junit, written into --out as
# citegrade.json, citegrade.sarif and junit.xml.
# format = ["sarif", "junit"]

# Run only the rules whose codes start with one of these (empty: all), and never these.
select = []
ignore = []

# A rule's severity in this project: error, warning or info.
[severity]
# CG201 = "error"

# The claim lexicon: phrases to add as cues, and phrases whose default entries to turn off.
[claims]
recommendation = []
efficacy = []
strong = []
recency = []
disable = []

# The design -> CEBM level and GRADE certainty table; designs as in references.csv.
[levels]
# case-report = { level = "5", certainty = "very-low" }
"#;

/// The `citegrade.toml` closest to `start` (a file or a folder), looking upwards.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = start.canonicalize().ok()?;
    let folder = if absolute.is_file() {
        absolute.parent()?.to_path_buf()
    } else {
        absolute
    };
    folder
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Read the configuration: `explicit` when given, else the file found from `start` upwards,
/// else the defaults.
pub fn load(explicit: Option<&Path>, start: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => start.and_then(discover),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Config {
        path: path.clone(),
        line: 0,
        message: format!("cannot read the configuration: {e}"),
    })?;
    let mut config = parse(&text).map_err(|(line, message)| Error::Config {
        path: path.clone(),
        line,
        message,
    })?;
    if let Some(exclude) = config.exclude.as_mut() {
        let folder = path.parent().unwrap_or(Path::new("."));
        exclude.root = folder
            .canonicalize()
            .unwrap_or_else(|_| folder.to_path_buf());
    }
    config.path = Some(path);
    Ok(config)
}

/// Parse and check a configuration; an error is (line, message).
fn parse(text: &str) -> std::result::Result<Config, (usize, String)> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        (line, e.message().to_string())
    })?;
    // The first line that holds `needle` outside a comment: a commented-out example above the
    // key must not take the blame.
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    let mut policy = Policy::default();
    thresholds(&file, &mut policy, &line_of)?;
    rules(&file, &mut policy, &line_of)?;
    claims(&file.claims, &mut policy, &line_of)?;
    for (design, row) in &file.levels {
        policy.levels = std::mem::take(&mut policy.levels)
            .override_labels(design, row.level.as_deref(), row.certainty.as_deref())
            .map_err(|e| (line_of(design), format!("[levels] {design}: {e}")))?;
    }
    Ok(Config {
        path: None,
        policy,
        fail_on: file.fail_on.map(fail_on),
        exclude: exclude(&file.exclude, &line_of)?,
        formats: formats(file.format.as_deref(), &line_of)?,
    })
}

type LineOf<'a> = dyn Fn(&str) -> usize + 'a;

fn thresholds(
    file: &ConfigFile,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    let t = &mut policy.thresholds;
    if let Some(years) = file.recent_within_years {
        t.recent_within_years = years;
    }
    if let Some(years) = file.outdated_after_years {
        t.outdated_after_years = years;
    }
    if t.recent_within_years < 0 || t.outdated_after_years < t.recent_within_years {
        return Err((
            line_of("_years"),
            format!(
                "recent_within_years ({}) must be 0 or more and at most outdated_after_years ({})",
                t.recent_within_years, t.outdated_after_years
            ),
        ));
    }
    Ok(())
}

fn rules(
    file: &ConfigFile,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    let known = |prefix: &str| {
        RULES
            .iter()
            .any(|r| r.meta().code.starts_with(&prefix.to_ascii_uppercase()))
    };
    for (key, codes) in [("select", &file.select), ("ignore", &file.ignore)] {
        if let Some(bad) = codes.iter().find(|c| !known(c)) {
            return Err((
                line_of(bad),
                format!("{key}: no rule code starts with \"{bad}\""),
            ));
        }
    }
    policy.rules.select = file.select.clone();
    policy.rules.ignore = file.ignore.clone();
    for (code, level) in &file.severity {
        let code_upper = code.to_ascii_uppercase();
        if !RULES.iter().any(|r| r.meta().code == code_upper) {
            return Err((line_of(code), format!("[severity] {code}: no such rule")));
        }
        let severity = match level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
            Level::Never => {
                return Err((
                    line_of(code),
                    format!("[severity] {code}: use ignore to turn a rule off"),
                ))
            }
        };
        policy.rules.severity.insert(code_upper, severity);
    }
    Ok(())
}

fn claims(
    claims: &ClaimsConfig,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    for phrase in &claims.disable {
        if policy.lexicon.remove(phrase) == 0 {
            return Err((
                line_of(phrase),
                format!("[claims] disable: no lexicon entry matches \"{phrase}\""),
            ));
        }
    }
    let added = [
        (&claims.recommendation, CueKind::Recommendation),
        (&claims.efficacy, CueKind::Efficacy),
        (&claims.strong, CueKind::Strong),
        (&claims.recency, CueKind::Recency),
    ];
    for (phrases, kind) in added {
        for phrase in phrases.iter().filter(|p| !p.trim().is_empty()) {
            policy.lexicon.add(phrase, kind);
        }
    }
    Ok(())
}

fn exclude(
    patterns: &[String],
    line_of: &LineOf<'_>,
) -> std::result::Result<Option<Exclude>, (usize, String)> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|e| (line_of(pattern), format!("exclude: \"{pattern}\": {e}")))?;
        builder.add(glob);
    }
    let globs = builder
        .build()
        .map_err(|e| (line_of("exclude"), format!("exclude: {e}")))?;
    Ok(Some(Exclude {
        root: PathBuf::new(),
        globs,
    }))
}

fn formats(
    names: Option<&[String]>,
    line_of: &LineOf<'_>,
) -> std::result::Result<Option<Formats>, (usize, String)> {
    let Some(names) = names else {
        return Ok(None);
    };
    let mut formats = Vec::new();
    for name in names {
        let format = Format::from_name(name).ok_or_else(|| {
            (
                line_of(name),
                format!(
                    "format: no format \"{name}\" (formats: {})",
                    Format::names()
                ),
            )
        })?;
        formats.push(format);
    }
    let formats =
        Formats::from_list(&formats).map_err(|e| (line_of("format"), format!("format: {e}")))?;
    Ok(Some(formats))
}

fn fail_on(level: Level) -> FailOn {
    match level {
        Level::Error => FailOn::Severity(Severity::Error),
        Level::Warning => FailOn::Severity(Severity::Warning),
        Level::Info => FailOn::Severity(Severity::Info),
        Level::Never => FailOn::Never,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read() {
        let config = parse(
            "recent_within_years = 3\nfail_on = \"warning\"\nignore = [\"CG205\"]\n\n[severity]\nCG201 = \"error\"\n\n[claims]\nefficacy = [\"abolishes\"]\n\n[levels]\ncase-report = { level = \"5\" }\n",
        )
        .unwrap();
        assert_eq!(config.policy.thresholds.recent_within_years, 3);
        assert_eq!(config.fail_on, Some(FailOn::Severity(Severity::Warning)));
        assert!(!config.policy.rules.enabled("CG205"));
        assert!(config.policy.rules.enabled("CG201"));
        assert_eq!(config.policy.rules.severity["CG201"], Severity::Error);
        assert_eq!(
            config.policy.levels.level(crate::model::Design::CaseReport),
            crate::model::EvidenceLevel::Level(5)
        );
    }

    #[test]
    fn the_default_file_is_the_default_configuration() {
        let config = parse(DEFAULT_FILE).unwrap();
        let defaults = Policy::default();
        assert_eq!(
            config.policy.thresholds.recent_within_years,
            defaults.thresholds.recent_within_years
        );
        assert_eq!(
            config.policy.thresholds.outdated_after_years,
            defaults.thresholds.outdated_after_years
        );
        assert_eq!(config.fail_on, Some(FailOn::Severity(Severity::Error)));
        assert!(RULES
            .iter()
            .all(|r| config.policy.rules.enabled(r.meta().code)));
    }

    #[test]
    fn formats_are_read_and_checked() {
        let config = parse("format = [\"sarif\", \"junit\"]\n").unwrap();
        let formats = config.formats.unwrap();
        assert_eq!(formats.stdout, None);
        assert_eq!(formats.reports, [Format::Sarif, Format::Junit]);
        assert!(parse("").unwrap().formats.is_none());
        let (line, message) =
            parse("fail_on = \"error\"\nformat = [\"sarif\", \"xml\"]\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(
            message.starts_with("format: no format \"xml\""),
            "{message}"
        );
        let (line, message) =
            parse("# format = [\"sarif\"]\nformat = [\"github\", \"jsonl\"]\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("github and jsonl"), "{message}");
    }

    #[test]
    fn unknown_keys_and_bad_values_name_their_line() {
        let (line, message) =
            parse("recent_within_years = 3\nrecent_whithin_years = 4\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("recent_whithin_years"), "{message}");
        let (line, message) = parse("\n[severity]\nCG999 = \"error\"\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(message.contains("CG999"), "{message}");
        let (line, _) = parse("fail_on = \"sometimes\"\n").unwrap_err();
        assert_eq!(line, 1);
        let (line, message) = parse("[levels]\nsurvey = { level = \"2\" }\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("survey"), "{message}");
    }
}
