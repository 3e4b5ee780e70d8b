//! `citegrade.toml`: thresholds, rule selection and severities, claim-lexicon and evidence-level
//! overrides, the default `--fail-on` and the output formats. Found from the audited path
//! upwards (the closest file wins) or named with `--config`. `[[overrides]]` tables change the
//! judging settings for the files their globs match. Unknown keys and bad values stop the run
//! (exit 2) with the file, the line and the key, so a typo never silently does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
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
    #[serde(default)]
    overrides: Vec<toml::Spanned<OverrideTable>>,
}

/// One `[[overrides]]` table: globs, and the judging settings that differ for the files they
/// match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideTable {
    paths: Vec<String>,
    recent_within_years: Option<i32>,
    outdated_after_years: Option<i32>,
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Level>,
    #[serde(default)]
    claims: ClaimsConfig,
    #[serde(default)]
    levels: BTreeMap<String, LevelOverride>,
}

/// The settings that judge articles, read from the top level of the file or from one override,
/// to be applied on top of a policy.
struct Judging<'a> {
    recent_within_years: Option<i32>,
    outdated_after_years: Option<i32>,
    /// Replaces the rules selected so far, when set.
    select: Option<&'a [String]>,
    /// Added to the rules ignored so far.
    ignore: &'a [String],
    severity: &'a BTreeMap<String, Level>,
    claims: &'a ClaimsConfig,
    levels: &'a BTreeMap<String, LevelOverride>,
}

impl<'a> Judging<'a> {
    fn top_level(file: &'a ConfigFile) -> Self {
        Judging {
            recent_within_years: file.recent_within_years,
            outdated_after_years: file.outdated_after_years,
            select: Some(&file.select),
            ignore: &file.ignore,
            severity: &file.severity,
            claims: &file.claims,
            levels: &file.levels,
        }
    }

    fn of_override(table: &'a OverrideTable) -> Self {
        Judging {
            recent_within_years: table.recent_within_years,
            outdated_after_years: table.outdated_after_years,
            select: table.select.as_deref(),
            ignore: &table.ignore,
            severity: &table.severity,
            claims: &table.claims,
            levels: &table.levels,
        }
    }
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
    /// The policies of `[[overrides]]`, for the files they match.
    pub overrides: Overrides,
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
        relative_to(&self.root, path).is_some_and(|relative| self.globs.is_match(relative))
    }
}

/// `path` relative to `root` (the configuration's folder), when it lies inside it.
fn relative_to(root: &Path, path: &Path) -> Option<PathBuf> {
    let absolute = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    absolute.strip_prefix(root).ok().map(Path::to_path_buf)
}

/// `[[overrides]]`, each resolved once into a complete policy: the top-level settings with the
/// override's on top.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// The folder the globs are relative to.
    root: PathBuf,
    /// In file order, so that the last match is the one that wins.
    entries: Vec<(GlobSet, Policy)>,
}

impl Overrides {
    /// The policy of the last override whose globs match `path`, if any does.
    pub fn policy_for(&self, path: &Path) -> Option<&Policy> {
        if self.entries.is_empty() {
            return None;
        }
        let relative = relative_to(&self.root, path)?;
        self.entries
            .iter()
            .rev()
            .find(|(globs, _)| globs.is_match(&relative))
            .map(|(_, policy)| policy)
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
# full, concise, github, jsonl for stdout, and any of json, sarif, junit, written into --out as
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

# Settings that differ for some files. `paths` are globs relative to this file's folder; an
# override may set recent_within_years, outdated_after_years, select (replaces the list above),
# ignore (adds to it), [overrides.severity], [overrides.claims] and [overrides.levels], on top
# of the settings above. When several overrides match a file, the last one decides: overrides
# do not stack.
# [[overrides]]
# paths = ["drafts/**", "legacy/*.md"]
# ignore = ["CG2"]
# [overrides.severity]
# CG201 = "info"
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
    // `--config citegrade.toml` has the parent "", the current folder.
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let root = folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf());
    if let Some(exclude) = config.exclude.as_mut() {
        exclude.root = root.clone();
    }
    config.overrides.root = root;
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
    let line_of = |needle: &str| line_in(text, 0..text.len(), needle);
    let mut policy = Policy::default();
    apply(&Judging::top_level(&file), &mut policy, &line_of)?;
    let overrides = overrides(text, &file.overrides, &policy)?;
    let exclude = exclude(&file.exclude, &line_of)?;
    Ok(Config {
        path: None,
        policy,
        fail_on: file.fail_on.map(fail_on),
        exclude,
        overrides,
        formats: formats(file.format.as_deref(), &line_of)?,
    })
}

type LineOf<'a> = dyn Fn(&str) -> usize + 'a;

/// The 1-based line of the first line within `range` of `text` holding `needle`, else the line
/// `range` starts on (0 when `text` is empty).
fn line_in(text: &str, range: std::ops::Range<usize>, needle: &str) -> usize {
    let start = range.start.min(text.len());
    let first = text
        .get(..start)
        .map_or(0, |before| before.matches('\n').count());
    text.get(start..range.end.min(text.len()))
        // Outside comments: a commented-out example above the key must not take the blame.
        .and_then(|scope| {
            scope
                .lines()
                .position(|l| !l.trim_start().starts_with('#') && l.contains(needle))
        })
        .map_or(first + usize::from(!text.is_empty()), |i| first + i + 1)
}

/// Apply one set of judging settings on top of `policy`.
fn apply(
    judging: &Judging<'_>,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    thresholds(judging, policy, line_of)?;
    rules(judging, policy, line_of)?;
    claims(judging.claims, policy, line_of)?;
    for (design, row) in judging.levels {
        policy.levels = std::mem::take(&mut policy.levels)
            .override_labels(design, row.level.as_deref(), row.certainty.as_deref())
            .map_err(|e| (line_of(design), format!("[levels] {design}: {e}")))?;
    }
    Ok(())
}

/// Resolve every `[[overrides]]` table on top of the top-level `base`. A mistake in a table is
/// reported on its line, found between the table's header and the next override's.
fn overrides(
    text: &str,
    tables: &[toml::Spanned<OverrideTable>],
    base: &Policy,
) -> std::result::Result<Overrides, (usize, String)> {
    let mut entries = Vec::with_capacity(tables.len());
    for (i, table) in tables.iter().enumerate() {
        let end = tables
            .get(i + 1)
            .map_or(text.len(), |next| next.span().start);
        let scope = table.span().start..end;
        let line_of = |needle: &str| line_in(text, scope.clone(), needle);
        let at_line = |(line, message): (usize, String)| (line, format!("[[overrides]] {message}"));
        let table = table.get_ref();
        if table.paths.is_empty() {
            return Err(at_line((
                line_of("paths"),
                "paths: name at least one glob".into(),
            )));
        }
        let globs = glob_set("paths", &table.paths, &line_of).map_err(at_line)?;
        let mut policy = base.clone();
        apply(&Judging::of_override(table), &mut policy, &line_of).map_err(at_line)?;
        entries.push((globs, policy));
    }
    Ok(Overrides {
        root: PathBuf::new(),
        entries,
    })
}

fn thresholds(
    judging: &Judging<'_>,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    let t = &mut policy.thresholds;
    if let Some(years) = judging.recent_within_years {
        t.recent_within_years = years;
    }
    if let Some(years) = judging.outdated_after_years {
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
    judging: &Judging<'_>,
    policy: &mut Policy,
    line_of: &LineOf<'_>,
) -> std::result::Result<(), (usize, String)> {
    let known = |prefix: &str| {
        RULES
            .iter()
            .any(|r| r.meta().code.starts_with(&prefix.to_ascii_uppercase()))
    };
    let select = judging.select.unwrap_or_default();
    for (key, codes) in [("select", select), ("ignore", judging.ignore)] {
        if let Some(bad) = codes.iter().find(|c| !known(c)) {
            return Err((
                line_of(bad),
                format!("{key}: no rule code starts with \"{bad}\""),
            ));
        }
    }
    if let Some(select) = judging.select {
        policy.rules.select = select.to_vec();
    }
    policy.rules.ignore.extend_from_slice(judging.ignore);
    for (code, level) in judging.severity {
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
    Ok(Some(Exclude {
        root: PathBuf::new(),
        globs: glob_set("exclude", patterns, line_of)?,
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

/// The globs of setting `key`, each relative to the configuration's folder. As in `.gitignore`,
/// `*` stays within one folder and `**` crosses folders.
fn glob_set(
    key: &str,
    patterns: &[String],
    line_of: &LineOf<'_>,
) -> std::result::Result<GlobSet, (usize, String)> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| (line_of(pattern), format!("{key}: \"{pattern}\": {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| (line_of(key), format!("{key}: {e}")))
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

    const OVERRIDES: &str = "ignore = [\"CG205\"]\noutdated_after_years = 12\n\n[severity]\nCG202 = \"error\"\n\n[[overrides]]\npaths = [\"drafts/**\", \"legacy/*.md\"]\nignore = [\"CG2\"]\n[overrides.severity]\nCG101 = \"info\"\n\n[[overrides]]\npaths = [\"drafts/final/**\"]\nrecent_within_years = 2\nselect = [\"CG1\"]\n[overrides.severity]\nCG101 = \"warning\"\n";

    #[test]
    fn an_override_applies_on_top_of_the_top_level_settings() {
        let config = parse(OVERRIDES).unwrap();
        let overrides = &config.overrides;
        assert!(overrides.policy_for(Path::new("article.txt")).is_none());
        assert!(overrides.policy_for(Path::new("legacy/sub/a.md")).is_none());
        let draft = overrides.policy_for(Path::new("drafts/a.txt")).unwrap();
        assert!(!draft.rules.enabled("CG201"), "the override's ignore");
        assert!(
            !draft.rules.enabled("CG205"),
            "the top level's ignore, kept"
        );
        assert!(draft.rules.enabled("CG101"));
        assert_eq!(draft.rules.severity["CG101"], Severity::Info);
        assert_eq!(draft.rules.severity["CG202"], Severity::Error);
        assert_eq!(draft.thresholds.outdated_after_years, 12);
        assert!(overrides.policy_for(Path::new("legacy/a.md")).is_some());
        // The top-level policy itself is untouched.
        assert!(config.policy.rules.enabled("CG201"));
        assert!(!config.policy.rules.severity.contains_key("CG101"));
    }

    #[test]
    fn the_last_matching_override_wins() {
        let config = parse(OVERRIDES).unwrap();
        let last = config
            .overrides
            .policy_for(Path::new("drafts/final/a.txt"))
            .unwrap();
        assert_eq!(last.rules.severity["CG101"], Severity::Warning);
        assert_eq!(last.thresholds.recent_within_years, 2);
        assert!(last.rules.enabled("CG103"));
        assert!(
            !last.rules.enabled("CG201"),
            "select replaces: only CG1 rules"
        );
        // Overrides do not stack: the first override's ignore is not this one's.
        assert_eq!(last.rules.ignore, ["CG205"]);
    }

    #[test]
    fn mistakes_in_an_override_name_its_line() {
        let text = "[severity]\nCG201 = \"info\"\n\n[[overrides]]\npaths = [\"a/**\"]\nignor = [\"CG2\"]\n";
        let (line, message) = parse(text).unwrap_err();
        assert_eq!(line, 6);
        assert!(message.contains("ignor"), "{message}");
        // The same code at the top level and in the override: the override's line is named.
        let text = "ignore = [\"CG9\"]\n";
        assert_eq!(parse(text).unwrap_err().0, 1);
        let text = "[severity]\nCG201 = \"info\"\n\n[[overrides]]\npaths = [\"a/**\"]\n[overrides.severity]\nCG201 = \"never\"\n";
        let (line, message) = parse(text).unwrap_err();
        assert_eq!(line, 7);
        assert!(
            message.contains("[[overrides]]") && message.contains("CG201"),
            "{message}"
        );
        let (line, message) = parse("\n[[overrides]]\nignore = [\"CG2\"]\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("paths"), "{message}");
        let (line, _) = parse("[[overrides]]\npaths = [\"a[\"]\n").unwrap_err();
        assert_eq!(line, 2);
        let (line, message) =
            parse("[[overrides]]\npaths = [\"a\"]\noutdated_after_years = 3\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(message.contains("outdated_after_years"), "{message}");
    }
}
