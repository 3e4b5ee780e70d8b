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
use citegrade::report::{github, grade_table, jsonl, terminal};
use citegrade::settings::{AuditSettings, FailOn};

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
    /// How findings are printed on stdout: `full` (rustc-style diagnostics with the source line
    /// and a caret under the citation), `concise` (path:line:column: CODE ...), `github`
    /// (workflow commands that GitHub Actions shows as annotations) or `jsonl` (one JSON object
    /// per finding). Machine formats print nothing else on stdout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    format: OutputFormat,
    /// Colour in `full` output: `auto` colours when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Audit only the articles git says changed since this ref (with their sidecars).
    #[arg(long, value_name = "GIT_REF")]
    changed_since: Option<String>,
    /// Print only the closing summary line, not each finding.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Full,
    Concise,
    Github,
    Jsonl,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Audit(args) => audit(args),
        Command::Grade(args) => grade(args),
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
    })
}

fn audit(args: AuditArgs) -> u8 {
    let mut settings = match settings(args.common, args.paths, Some(args.out), ReadMode::Article) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    settings.jobs = args.jobs.map(usize::from);
    settings.changed_since = args.changed_since;
    settings.quiet = args.quiet;
    let mut printer = Printer::new(settings.quiet || args.statistics, false);
    printer.format = args.format;
    let colour = match args.color {
        ColorChoice::Auto => diagnostic::colour_by_default(),
        ColorChoice::Always => true,
        ColorChoice::Never => false,
    };
    printer.diagnostics = Diagnostics::new(colour);
    printer.statistics = args.statistics;
    run(&settings, printer)
}

fn grade(args: GradeArgs) -> u8 {
    let mut settings = match settings(args.common, args.files, args.out, ReadMode::Bibliography) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    settings.quiet = args.quiet;
    run(&settings, Printer::new(settings.quiet, true))
}

fn run(settings: &AuditSettings, mut printer: Printer) -> u8 {
    match citegrade::pipeline::run(settings, &mut printer) {
        Ok(summary) => {
            printer.finish();
            if printer.statistics {
                print_statistics(&summary);
            }
            let out = settings.out.as_ref().map(|o| o.to_string_lossy());
            eprintln!("{}", terminal::summary_line(&summary, out.as_deref()));
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
    format: OutputFormat,
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
            format: OutputFormat::Concise,
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
                for finding in audited.findings.iter().filter(|_| !self.quiet) {
                    let line = match self.format {
                        OutputFormat::Full => self.diagnostics.render(audited, finding),
                        OutputFormat::Concise => terminal::finding_line(audited, finding),
                        OutputFormat::Github => github::annotation(audited, finding),
                        OutputFormat::Jsonl => jsonl::line(audited, finding),
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
                let meta = rule.meta();
                println!(
                    "# {} {}\n\nDefault severity: {}\n\n{}",
                    meta.code,
                    meta.name,
                    meta.severity,
                    meta.doc_text()
                );
                0
            }
            None => {
                eprintln!("citegrade: error: no rule '{code}' (see `citegrade rules`)");
                2
            }
        },
    }
}
