//! The `citegrade` command line: parse flags, call the library, map the result to an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use citegrade::audit::AuditedArticle;
use citegrade::checks::{rule_by_code, RULES};
use citegrade::config::{self, Config};
use citegrade::input::ReadMode;
use citegrade::model::Severity;
use citegrade::pipeline::Observer;
use citegrade::report::diagnostic::{self, Diagnostics};
use citegrade::report::{github, grade_table, jsonl, terminal, Format, Formats};
use citegrade::settings::{AuditSettings, FailOn};
use citegrade::shard::Shard;

#[derive(Parser)]
#[command(
    name = "citegrade",
    version,
    about = "Audit the citations of medical and scientific articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Audit articles and write CSV and Markdown reports.
    Audit(AuditArgs),
    /// Grade bare reference lists (BibTeX, RIS, MEDLINE, PubMed XML, CSL-JSON, CSV, or a .txt
    /// of free-text references) and print every reference's design, level and age.
    Grade(GradeArgs),
    /// Merge the reports of shard runs (`audit --shard K/N`) into the reports one run over the
    /// whole batch would have written.
    Merge(MergeArgs),
    /// Write a commented default citegrade.toml into the current folder.
    Init {
        /// Replace an existing citegrade.toml.
        #[arg(long)]
        force: bool,
    },
    /// List the rules, or explain one: `citegrade rules CG101`.
    Rules {
        /// A rule code (CG101) or name (dangling-citation).
        code: Option<String>,
    },
}

/// Options `audit` and `grade` share: how articles are judged.
#[derive(clap::Args)]
struct CommonArgs {
    /// Date ages are computed against (YYYY-MM-DD); today when omitted.
    #[arg(long, value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Lowest severity that makes the exit status 1 [default: error, or `fail_on` in
    /// citegrade.toml].
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Configuration file (default: the citegrade.toml closest to the first path, upwards).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Retraction Watch CSV (as Crossref distributes it): references it lists are CG206.
    #[arg(long, value_name = "FILE")]
    retractions: Option<PathBuf>,
}

#[derive(clap::Args)]
struct AuditArgs {
    /// Articles or folders of articles to audit.
    #[arg(default_value = "references")]
    paths: Vec<PathBuf>,
    /// Folder the reports are written to.
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(flatten)]
    output: OutputArgs,
    /// Audit only the articles git says changed since this ref (with their sidecars).
    #[arg(long, value_name = "GIT_REF")]
    changed_since: Option<String>,
    /// Baseline file (see --write-baseline): the findings it records do not fail the run and
    /// are not printed (they stay in the reports); entries that no longer occur are listed.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record this run's findings (path, code, reference, count; no line numbers) in a
    /// baseline file; they are accepted in this run too.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Audit only shard K of N (1 <= K <= N): the articles whose relative path hashes to K-1
    /// modulo N. Writes shard.jsonl beside the reports for `citegrade merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

#[derive(clap::Args)]
struct MergeArgs {
    /// The --out folders of the shard runs (or their shard.jsonl files), one per shard.
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Folder the merged reports are written to.
    #[arg(long, default_value = "reports")]
    out: PathBuf,
    /// Lowest severity that makes the exit status 1 [default: error, or `fail_on` in
    /// citegrade.toml].
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Configuration file (default: the citegrade.toml closest to the current folder, upwards).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Baseline file, as for `audit`: give the one the shard runs were given.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the whole batch's findings in a baseline file, as `audit --write-baseline` does
    /// for a run that is not sharded.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    // Give the report formats (json, sarif, junit) the shard runs were given to have them
    // merged too.
    #[command(flatten)]
    output: OutputArgs,
}

/// How `audit` and `merge` print what they find.
#[derive(clap::Args)]
struct OutputArgs {
    /// Output format; repeat it (or separate with commas) for several. On stdout, at most one
    /// of: `full` (rustc-style diagnostics with the source line and a caret under the citation,
    /// the default), `concise` (path:line:column: CODE ...), `github` (workflow commands that
    /// GitHub Actions shows as annotations), `jsonl` (one JSON object per finding); machine
    /// formats print nothing else on stdout. Written into --out beside the CSVs: `json`
    /// (citegrade.json), `sarif` (citegrade.sarif), `junit` (junit.xml). Replaces `format` in
    /// citegrade.toml.
    #[arg(long, value_name = "FMT", value_parser = parse_format, value_delimiter = ',')]
    format: Vec<Format>,
    /// Colour in `full` output: `auto` colours when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Print only the closing summary line, not each finding.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct GradeArgs {
    /// Reference lists to grade.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Also write references.csv, findings.csv and the Markdown reports into this folder.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
    /// Print only the tables, not each finding.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(arg: FailOnArg) -> Self {
        match arg {
            FailOnArg::Error => FailOn::Severity(Severity::Error),
            FailOnArg::Warning => FailOn::Severity(Severity::Warning),
            FailOnArg::Info => FailOn::Severity(Severity::Info),
            FailOnArg::Never => FailOn::Never,
        }
    }
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date of the form YYYY-MM-DD"))
}

fn parse_format(text: &str) -> Result<Format, String> {
    Format::from_name(text).ok_or_else(|| format!("'{text}' is not a format: {}", Format::names()))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Audit(args) => audit(args),
        Command::Grade(args) => grade(args),
        Command::Merge(args) => merge(args),
        Command::Init { force } => init(force),
        Command::Rules { code } => rules(code.as_deref()),
    };
    ExitCode::from(code)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn init(force: bool) -> u8 {
    let path = Path::new(config::FILE_NAME);
    if path.exists() && !force {
        eprintln!(
            "citegrade: error: {}: already exists (use --force to replace it)",
            path.display()
        );
        return 2;
    }
    match std::fs::write(path, config::DEFAULT_FILE) {
        Ok(()) => {
            eprintln!("citegrade: wrote {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("citegrade: error: {}: cannot write: {e}", path.display());
            2
        }
    }
}

/// The configuration for a run over `paths`, or the message that stops it.
fn configuration(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Config, u8> {
    config::load(explicit, paths.first().map(PathBuf::as_path)).map_err(|e| {
        eprintln!("citegrade: error: {e}");
        2
    })
}

/// `--fail-on` when given, else the configuration's, else `error`.
fn fail_on(flag: Option<FailOnArg>, config: &Config) -> FailOn {
    flag.map(FailOn::from)
        .or(config.fail_on)
        .unwrap_or(FailOn::Severity(Severity::Error))
}

/// What `audit` and `grade` run with, from their options and the configuration they find.
fn settings(
    common: CommonArgs,
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    mode: ReadMode,
) -> Result<AuditSettings, u8> {
    let config = configuration(common.config.as_deref(), &paths)?;
    Ok(AuditSettings {
        fail_on: fail_on(common.fail_on, &config),
        exclude: config.exclude,
        overrides: config.overrides,
        policy: config.policy,
        paths,
        out,
        mode,
        as_of: common.as_of.unwrap_or_else(today),
        jobs: None,
        retractions: common.retractions,
        changed_since: None,
        quiet: false,
        baseline: None,
        write_baseline: None,
        formats: config.formats.unwrap_or_default(),
        shard: None,
    })
}

fn audit(args: AuditArgs) -> u8 {
    let mut settings = match settings(args.common, args.paths, Some(args.out), ReadMode::Article) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    settings.jobs = args.jobs.map(usize::from);
    settings.changed_since = args.changed_since;
    settings.baseline = args.baseline;
    settings.write_baseline = args.write_baseline;
    settings.shard = args.shard;
    if settings.shard.is_some() && settings.write_baseline.is_some() {
        eprintln!(
            "citegrade: error: --write-baseline records the whole batch's findings, and a shard \
             holds only part of them: give --write-baseline to `citegrade merge` instead"
        );
        return 2;
    }
    match findings_printer(&args.output, &mut settings) {
        Ok(printer) => run(&settings, printer),
        Err(code) => code,
    }
}

/// Whether `full` output is coloured: `auto` when stdout is a terminal and NO_COLOR is unset.
fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Auto => diagnostic::colour_by_default(),
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    }
}

/// The printer `output` asks for; its `--format`, when given, replaces the configuration's
/// formats in `settings`.
fn findings_printer(output: &OutputArgs, settings: &mut AuditSettings) -> Result<Printer, u8> {
    if !output.format.is_empty() {
        settings.formats = Formats::from_list(&output.format).map_err(|message| {
            eprintln!("citegrade: error: --format: {message}");
            2
        })?;
    }
    settings.quiet = output.quiet;
    let mut printer = Printer::new(output.quiet || output.statistics, false);
    printer.format = settings.formats.stdout.unwrap_or(Format::Full);
    printer.diagnostics = Diagnostics::new(colour(output.color));
    printer.statistics = output.statistics;
    Ok(printer)
}

fn grade(args: GradeArgs) -> u8 {
    let mut settings = match settings(args.common, args.files, args.out, ReadMode::Bibliography) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    settings.quiet = args.quiet;
    run(&settings, Printer::new(settings.quiet, true))
}

fn merge(args: MergeArgs) -> u8 {
    let common = CommonArgs {
        as_of: None,
        fail_on: args.fail_on,
        config: args.config,
        retractions: None,
    };
    // The configuration is looked for from the current folder; `as_of` comes from the shards.
    let here = vec![PathBuf::from(".")];
    let mut settings = match settings(common, here, Some(args.out), ReadMode::Article) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    settings.baseline = args.baseline;
    settings.write_baseline = args.write_baseline;
    let mut printer = match findings_printer(&args.output, &mut settings) {
        Ok(printer) => printer,
        Err(code) => return code,
    };
    let result = citegrade::shard::merge::run(&args.dirs, &settings, &mut printer);
    conclude(&settings, printer, result)
}

fn run(settings: &AuditSettings, mut printer: Printer) -> u8 {
    let result = citegrade::pipeline::run(settings, &mut printer);
    conclude(settings, printer, result)
}

/// The end of a run: the statistics and the summary line, and the exit status.
fn conclude(
    settings: &AuditSettings,
    mut printer: Printer,
    result: citegrade::Result<citegrade::report::Summary>,
) -> u8 {
    match result {
        Ok(summary) => {
            printer.finish();
            if printer.statistics {
                print_statistics(&summary);
            }
            let out = settings.out.as_ref().map(|o| o.to_string_lossy());
            eprintln!("{}", terminal::summary_line(&summary, out.as_deref()));
            if let Some(stale) = summary.baseline.as_ref().and_then(|b| b.message()) {
                eprintln!("{stale}");
            }
            let failed = summary
                .worst_severity()
                .is_some_and(|s| settings.fail_on.is_reached_by(s));
            u8::from(failed)
        }
        Err(e) => {
            eprintln!("citegrade: error: {e}");
            2
        }
    }
}

/// `--statistics`: findings per rule, most first, as ruff prints them.
fn print_statistics(summary: &citegrade::report::Summary) {
    let mut counts: Vec<(&str, usize)> = summary.by_rule().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (code, count) in counts {
        let name = rule_by_code(code).map_or("", |r| r.meta().name);
        println!("{count:>6}  {code}  {name}");
    }
}

/// Prints each finding as it comes, with a progress bar on an interactive terminal.
struct Printer {
    quiet: bool,
    /// The stdout format: `full`, `concise`, `github` or `jsonl`.
    format: Format,
    /// Renders `full` output.
    diagnostics: Diagnostics,
    /// Print counts per rule at the end instead of the findings (`--statistics`).
    statistics: bool,
    /// Print each article's grade table (`citegrade grade`).
    tables: bool,
    bar: Option<ProgressBar>,
    stdout: std::io::Stdout,
}

impl Printer {
    fn new(quiet: bool, tables: bool) -> Self {
        Printer {
            quiet,
            format: Format::Concise,
            diagnostics: Diagnostics::new(false),
            statistics: false,
            tables,
            bar: None,
            stdout: std::io::stdout(),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

/// Batches smaller than this finish before a progress bar would be worth drawing.
const PROGRESS_MIN_ARTICLES: usize = 200;

impl Observer for Printer {
    fn start(&mut self, articles: usize) {
        if articles >= PROGRESS_MIN_ARTICLES && std::io::stderr().is_terminal() {
            let style = ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            self.bar = Some(ProgressBar::new(articles as u64).with_style(style));
        }
    }

    fn article(&mut self, audited: &AuditedArticle) {
        if !self.quiet || self.tables {
            let print = || {
                let mut out = self.stdout.lock();
                if self.tables {
                    let _ = write!(out, "{}", grade_table::render(audited));
                }
                // Findings the baseline accepts stay in the reports, not on the terminal.
                let shown = audited
                    .findings
                    .iter()
                    .filter(|f| !self.quiet && !f.baselined);
                for finding in shown {
                    let line = match self.format {
                        Format::Full => self.diagnostics.render(audited, finding),
                        Format::Github => github::annotation(audited, finding),
                        Format::Jsonl => jsonl::line(audited, finding),
                        // Report formats are files, never the stdout format.
                        Format::Concise | Format::Json | Format::Sarif | Format::Junit => {
                            terminal::finding_line(audited, finding)
                        }
                    };
                    // A closed pipe (`| head`) is not an error worth reporting.
                    let _ = writeln!(out, "{line}");
                }
            };
            match &self.bar {
                Some(bar) => bar.suspend(print),
                None => print(),
            }
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

fn rules(code: Option<&str>) -> u8 {
    match code {
        None => {
            for rule in RULES {
                let meta = rule.meta();
                println!(
                    "{}  {:<20} {:<8} {}",
                    meta.code,
                    meta.name,
                    meta.severity,
                    meta.summary()
                );
            }
            0
        }
        Some(code) => match rule_by_code(code) {
            Some(rule) => {
                println!("{}", rule.meta().explanation());
                0
            }
            None => {
                eprintln!("citegrade: error: no rule '{code}' (see `citegrade rules`)");
                2
            }
        },
    }
}
