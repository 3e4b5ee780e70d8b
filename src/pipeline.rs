//! The run: discover articles, audit them in parallel, stream the results to the reports in a
//! deterministic order.
//!
//! Articles are audited in chunks: each chunk is spread over the rayon pool and its results are
//! written in discovery order before the next chunk starts. Memory stays bounded by the chunk
//! size whatever the batch size, and the output is byte-identical whatever `--jobs` is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::audit::{audit_article, AuditedArticle};
use crate::baseline::{Baseline, BaselineReport, Recorder};
use crate::error::{Error, Result};
use crate::input;
use crate::report::{ArticleReports, ReportWriter, Summary};
use crate::retractions;
use crate::settings::AuditSettings;
use crate::shard::{self, file::Header, file::ShardWriter};

/// Articles audited in parallel before their results are written.
const CHUNK: usize = 256;

/// A file to audit and the id its reports use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub id: String,
    /// Files the article reads as part of itself besides a same-stem sidecar (its `\input`
    /// chapters, the bibliographies it names), absolute: `--changed-since` keeps the article
    /// when one of them changed.
    pub companions: Vec<PathBuf>,
}

/// What discovery found under the given paths.
#[derive(Debug, Default)]
pub struct Discovery {
    pub sources: Vec<Source>,
    /// Files found in directories whose format citegrade does not read.
    pub skipped: Vec<PathBuf>,
    /// Files left out of the audit because an article is expected to read them as part of
    /// itself: absolute, and as found. Those no article reads are listed as not audited.
    pub claimed: Vec<(PathBuf, PathBuf)>,
}

/// What discovery leaves out, and how much it looks for.
#[derive(Clone, Copy, Default)]
pub struct DiscoverOptions<'a> {
    /// Paths never audited, wherever they are: the reports folder, the baseline files.
    pub never: &'a [&'a Path],
    /// The configuration's `exclude` globs: the files they match are listed as not audited,
    /// and read as part of no article.
    pub exclude: Option<&'a crate::config::Exclude>,
    /// List each article's companions even where none of them could be an audited file (for
    /// `--changed-since`, which must see a bibliography outside the audited folder change).
    pub every_companion: bool,
}

/// Find the articles under `paths`. A file named directly is audited (unless `exclude`d); in a
/// directory, files in a format citegrade reads are, except hidden files and folders, the
/// `never` paths, `exclude`d files, bibliographies that are the sidecar of an article beside
/// them, and the files an article reads as part of itself (see `input::companions`), wherever
/// in `paths` that article is, named or found.
pub fn discover(paths: &[PathBuf], options: DiscoverOptions<'_>) -> Result<Discovery> {
    let never = Excluded::new(options.never);
    let mut skipped = Vec::new();
    let mut named: Vec<PathBuf> = Vec::new();
    // Each walked file with the root its id is relative to.
    let mut walked: Vec<(PathBuf, &Path)> = Vec::new();
    for root in paths {
        if !root.exists() {
            return Err(Error::MissingPath { path: root.clone() });
        }
        if root.is_file() {
            named.push(root.clone());
        } else {
            let (files, links) = walk(root, &never)?;
            walked.extend(files.into_iter().map(|f| (f, root.as_path())));
            skipped.extend(links);
        }
    }
    if let Some(exclude) = options.exclude {
        // Excluded files are listed in the summary, never dropped unseen.
        let is_excluded = |path: &PathBuf| exclude.matches(path);
        skipped.extend(
            walked
                .iter()
                .map(|(p, _)| p)
                .filter(|p| is_excluded(p))
                .cloned(),
        );
        skipped.extend(named.iter().filter(|p| is_excluded(p)).cloned());
        walked.retain(|(p, _)| !is_excluded(p));
        named.retain(|p| !is_excluded(p));
    }
    let mut discovery = classify(&walked, &named, options.every_companion);
    discovery.skipped.extend(skipped);
    discovery
        .sources
        .sort_by(|a, b| (&a.id, &a.path).cmp(&(&b.id, &b.path)));
    // One file given twice, or spelled two ways (`k/a.md` and `./k/a.md`), is one article.
    let mut seen = HashSet::new();
    discovery
        .sources
        .retain(|s| seen.insert(input::companions::absolute(&s.path)));
    make_ids_unique(&mut discovery.sources);
    discovery.skipped.sort();
    let mut seen = HashSet::new();
    discovery
        .skipped
        .retain(|p| seen.insert(input::companions::absolute(p)));
    let mut seen = HashSet::new();
    discovery
        .claimed
        .retain(|(absolute, _)| seen.insert(absolute.clone()));
    Ok(discovery)
}

/// The files under `root`, in file-name order, hidden and excluded ones left out; then the
/// symbolic links found, which are not followed (a link can lead out of the audited folder, or
/// round in a loop) and are listed as not audited.
fn walk(root: &Path, exclude: &Excluded) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let entries = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden_or_excluded(e.path(), exclude));
    let mut files = Vec::new();
    let mut links = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Walk {
            path: root.to_path_buf(),
            source,
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        } else if entry.path_is_symlink() {
            links.push(entry.into_path());
        }
    }
    Ok((files, links))
}

/// Sort the walked files into articles, files read with an article, and files not audited;
/// the `named` files are articles whatever they are, and claim their companions too.
fn classify(walked: &[(PathBuf, &Path)], named: &[PathBuf], every_companion: bool) -> Discovery {
    let formats: Vec<Option<input::Format>> =
        walked.iter().map(|(f, _)| input::format_of(f)).collect();
    let named_formats: Vec<Option<input::Format>> =
        named.iter().map(|f| input::format_of(f)).collect();
    let all = || {
        walked
            .iter()
            .map(|(path, _)| path)
            .zip(&formats)
            .chain(named.iter().zip(&named_formats))
    };
    // A bibliography with the same stem as a text article beside it is that article's sidecar.
    let article_stems: HashSet<PathBuf> = all()
        .filter(|(_, format)| format.is_some_and(|f| !f.is_bibliography()))
        .map(|(path, _)| input::companions::absolute(&path.with_extension("")))
        .collect();
    let is_sidecar = |path: &Path, format: input::Format| {
        format.is_bibliography()
            && article_stems.contains(&input::companions::absolute(&path.with_extension("")))
    };
    // Only a LaTeX file, or a bibliography that is no sidecar, can be read with an article.
    let may_name = all().any(|(path, format)| {
        format.is_some_and(|f| {
            f == input::Format::Latex || f.is_bibliography() && !is_sidecar(path, f)
        })
    });
    let companions = if may_name || every_companion {
        let articles: Vec<(PathBuf, input::Format)> = all()
            .filter_map(|(path, format)| format.map(|f| (path.clone(), f)))
            .collect();
        input::companions::of(&articles)
    } else {
        BTreeMap::new()
    };
    let read_with_an_article: HashSet<&PathBuf> = companions.values().flatten().collect();
    let mut discovery = Discovery::default();
    for ((path, root), format) in walked.iter().zip(formats) {
        let Some(format) = format else {
            discovery.skipped.push(path.clone());
            continue;
        };
        if is_sidecar(path, format) {
            continue;
        }
        if !read_with_an_article.is_empty() {
            let absolute = input::companions::absolute(path);
            if read_with_an_article.contains(&absolute) {
                discovery.claimed.push((absolute, path.clone()));
                continue;
            }
        }
        let relative = path.strip_prefix(root).unwrap_or(path).with_extension("");
        discovery.sources.push(Source {
            id: relative.to_string_lossy().replace('\\', "/"),
            path: path.clone(),
            companions: companions.get(path).cloned().unwrap_or_default(),
        });
    }
    for path in named {
        let stem = path.file_stem().map_or_else(
            || path.to_string_lossy().into_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        discovery.sources.push(Source {
            id: stem,
            path: path.clone(),
            companions: companions.get(path).cloned().unwrap_or_default(),
        });
    }
    discovery
}

fn is_hidden_or_excluded(path: &Path, exclude: &Excluded) -> bool {
    let hidden = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    hidden || exclude.contains(path)
}

/// Paths discovery must not audit, as the file system resolves them.
struct Excluded(Vec<PathBuf>);

impl Excluded {
    fn new(paths: &[&Path]) -> Self {
        Excluded(paths.iter().filter_map(|p| p.canonicalize().ok()).collect())
    }

    fn contains(&self, path: &Path) -> bool {
        // Resolving every path the walk meets is costly; only a path with an excluded path's
        // name can be one.
        let named = |ex: &PathBuf| ex.file_name() == path.file_name();
        self.0.iter().any(named) && path.canonicalize().is_ok_and(|p| self.0.contains(&p))
    }
}

/// Two files that would share an id ("a.txt" and "a.text") keep their extension in it.
fn make_ids_unique(sources: &mut [Source]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for source in sources.iter() {
        *counts.entry(source.id.clone()).or_default() += 1;
    }
    for source in sources.iter_mut() {
        if counts[&source.id] > 1 {
            let extension = source
                .path
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            source.id = format!("{}.{extension}", source.id);
        }
    }
}

/// Watches a run: told how many articles there are, then shown each one in output order.
pub trait Observer {
    fn start(&mut self, _articles: usize) {}
    fn article(&mut self, audited: &AuditedArticle);
}

/// The writing half of a run: the reports, the summary and the observer, fed audited articles
/// in output order — by the audit below, or by `citegrade merge` replaying shard files.
pub struct Output<'a> {
    writer: Option<ReportWriter>,
    summary: Summary,
    observer: &'a mut dyn Observer,
    /// The findings `--baseline` accepts are marked as articles pass.
    baseline: Option<Baseline>,
    /// `--write-baseline`: the file and the findings recorded for it.
    recorder: Option<(PathBuf, Recorder)>,
    /// The run audits part of the batch (`--shard`, `--changed-since`): that the baseline
    /// names no audited file says nothing then.
    partial: bool,
    /// Files discovery left to be read with an article (see `Discovery::claimed`; first as
    /// `companions::portable` writes them), and those the articles so far did read.
    claimed: Vec<(PathBuf, PathBuf)>,
    read: HashSet<PathBuf>,
}

impl<'a> Output<'a> {
    /// Prepare the reports `settings` asks for (none without `--out`) for `articles` articles.
    pub fn create(
        settings: &AuditSettings,
        articles: usize,
        observer: &'a mut dyn Observer,
    ) -> Result<Output<'a>> {
        // Read before any report is written, so a bad baseline leaves none half done.
        let baseline = settings
            .baseline
            .as_deref()
            .map(Baseline::load)
            .transpose()?;
        let recorder = settings
            .write_baseline
            .clone()
            .map(|file| (file, Recorder::default()));
        let writer = match &settings.out {
            Some(out) => {
                let mut writer = ReportWriter::create(out, settings.as_of)?;
                writer.add_reports(&settings.formats.reports)?;
                Some(writer)
            }
            None => None,
        };
        observer.start(articles);
        Ok(Output {
            writer,
            summary: Summary::new(settings.as_of),
            observer,
            baseline,
            recorder,
            partial: settings.shard.is_some() || settings.changed_since.is_some(),
            claimed: Vec::new(),
            read: HashSet::new(),
        })
    }

    /// Files discovery left to be read with an article: any no article reads is listed as
    /// not audited when the run finishes, so a file is never dropped unseen.
    pub fn expect_read(&mut self, claimed: Vec<(PathBuf, PathBuf)>) {
        self.claimed = claimed;
    }

    /// The writer of per-article reports, which worker threads may share.
    /// `None` under a baseline: an article's report then says which findings the baseline
    /// accepts, which is known only once `add` has marked them in output order, so `add`
    /// writes it.
    pub fn article_reports(&self) -> Option<ArticleReports> {
        if self.marks_findings() {
            return None;
        }
        self.writer.as_ref().map(ReportWriter::article_reports)
    }

    /// A baseline is read or written: findings are marked as accepted as articles pass.
    fn marks_findings(&self) -> bool {
        self.baseline.is_some() || self.recorder.is_some()
    }

    /// The next article in output order (its own report is written by `article_reports`,
    /// or here under a baseline).
    pub fn add(&mut self, audited: &mut AuditedArticle) -> Result<()> {
        // Marks come from this run's baseline alone: a merge replays the shards' marks, which
        // a merge without `--baseline` must not keep.
        for finding in &mut audited.findings {
            finding.baselined = false;
        }
        // In output order, so the baseline covers the same findings in every run.
        if let Some(baseline) = self.baseline.as_mut() {
            baseline.mark(audited);
        }
        if let Some((_, recorder)) = self.recorder.as_mut() {
            recorder.record(audited);
        }
        let marked = self.marks_findings();
        if let Some(writer) = self.writer.as_mut() {
            if marked {
                writer.article_reports().write(audited)?;
            }
            writer.write(audited)?;
        }
        if !self.claimed.is_empty() {
            self.read.extend(audited.article.read_files.iter().cloned());
        }
        self.summary.add(audited);
        self.observer.article(audited);
        Ok(())
    }

    /// Finish the reports, listing `skipped` as not audited.
    pub fn finish(self, mut skipped: Vec<PathBuf>) -> Result<Summary> {
        let read = &self.read;
        skipped.extend(
            self.claimed
                .iter()
                .filter(|(absolute, _)| !read.contains(absolute))
                .map(|(_, found)| found.clone()),
        );
        skipped.sort();
        let mut summary = self.summary;
        summary.skipped = skipped;
        summary.baseline = match (self.baseline, &self.recorder) {
            (Some(baseline), _) => {
                let mut report = baseline.finish();
                report.none_audited &= !self.partial;
                Some(report)
            }
            // The run's findings are the new baseline's: all of them are accepted.
            (None, Some((file, _))) => Some(BaselineReport {
                file: file.clone(),
                stale: Vec::new(),
                none_audited: false,
            }),
            (None, None) => None,
        };
        if let Some(writer) = self.writer {
            writer.finish(&summary)?;
        }
        if let Some((file, recorder)) = self.recorder {
            recorder.write(&file)?;
        }
        Ok(summary)
    }
}

/// Audit everything `settings` names and write the reports.
pub fn run(settings: &AuditSettings, observer: &mut dyn Observer) -> Result<Summary> {
    // Read once, before any article, so a bad list fails the run before reports are written.
    let retractions = retractions::load_optional(settings.retractions.as_deref())?;
    let never: Vec<&Path> = [&settings.out, &settings.baseline, &settings.write_baseline]
        .into_iter()
        .filter_map(Option::as_deref)
        .collect();
    let mut discovery = discover(
        &settings.paths,
        DiscoverOptions {
            never: &never,
            exclude: settings.exclude.as_ref(),
            every_companion: settings.changed_since.is_some(),
        },
    )?;
    if let Some(reference) = &settings.changed_since {
        let start = settings
            .paths
            .first()
            .map_or(Path::new("."), PathBuf::as_path);
        let folder = if start.is_file() {
            start.parent().unwrap_or(Path::new("."))
        } else {
            start
        };
        let changed = crate::changed::changed_files(folder, reference)?;
        crate::changed::keep_changed(&mut discovery.sources, &changed);
    }
    // The files left to be read with the articles this run audits (`--changed-since` may have
    // set some articles aside, and the files only they read with them).
    let expected: HashSet<&PathBuf> = discovery
        .sources
        .iter()
        .flat_map(|s| &s.companions)
        .collect();
    let claimed: Vec<(PathBuf, PathBuf)> = std::mem::take(&mut discovery.claimed)
        .into_iter()
        .filter(|(absolute, _)| expected.contains(absolute))
        .collect();
    let batch_size = discovery.sources.len();
    let batch = match settings.shard {
        Some(_) => shard::batch_fingerprint(discovery.sources.iter().map(|s| s.id.as_str())),
        None => String::new(),
    };
    // Each article keeps its place in the whole batch, which a shard file records for the merge.
    let sources: Vec<(usize, Source)> = std::mem::take(&mut discovery.sources)
        .into_iter()
        .enumerate()
        .filter(|(_, s)| settings.shard.is_none_or(|shard| shard.contains(&s.id)))
        .collect();
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = settings.jobs {
        builder = builder.num_threads(jobs);
    }
    let pool = builder.build().map_err(|e| Error::ThreadPool {
        jobs: settings.jobs.unwrap_or(0),
        message: e.to_string(),
    })?;
    // The output first: it reads the baseline, which may stop the run before anything is written.
    let mut output = Output::create(settings, sources.len(), observer)?;
    // A shard expects only what its own articles read; the merge, what the batch's do.
    let own: HashSet<&PathBuf> = sources.iter().flat_map(|(_, s)| &s.companions).collect();
    // Compared with the files articles read, which they name as `companions::portable` does.
    let portable = |(absolute, found): &(PathBuf, PathBuf)| {
        (input::companions::portable(absolute), found.clone())
    };
    output.expect_read(
        claimed
            .iter()
            .filter(|(absolute, _)| own.contains(absolute))
            .map(portable)
            .collect(),
    );
    let mut shard_file = shard_file(
        settings,
        (batch_size, batch),
        sources.len(),
        (&discovery.skipped, claimed.iter().map(portable).collect()),
    )?;
    let article_reports = output.article_reports();
    for chunk in sources.chunks(CHUNK) {
        // Each article's own report is written by the worker that audited it; the shared
        // tables are written here, in discovery order.
        let audited: Vec<(usize, AuditedArticle, Result<()>)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(index, s)| {
                    let article = input::read_article(&s.path, s.id.clone(), settings.mode);
                    let policy = settings.policy_for(&s.path);
                    let audited = audit_article(article, settings.as_of, policy, &retractions);
                    let written = article_reports
                        .as_ref()
                        .map_or(Ok(()), |r| r.write(&audited));
                    (*index, audited, written)
                })
                .collect()
        });
        for (index, mut article, written) in audited {
            written?;
            output.add(&mut article)?;
            if let Some(file) = shard_file.as_mut() {
                file.write(index, &article)?;
            }
        }
    }
    let summary = output.finish(discovery.skipped)?;
    if let Some(file) = shard_file {
        file.finish()?;
    }
    Ok(summary)
}

/// The shard file a `--shard` run writes beside its reports. Any other run with reports removes
/// one an earlier shard run left there.
fn shard_file(
    settings: &AuditSettings,
    (batch_size, batch): (usize, String),
    shard_size: usize,
    (skipped, claimed): (&[PathBuf], Vec<(PathBuf, PathBuf)>),
) -> Result<Option<ShardWriter>> {
    let Some(out) = &settings.out else {
        return Ok(None);
    };
    let Some(shard) = settings.shard else {
        shard::file::remove_stale(out)?;
        return Ok(None);
    };
    let mut header = Header::new(
        shard,
        settings.as_of,
        batch_size,
        shard_size,
        skipped,
        batch,
    );
    header.claimed = claimed;
    ShardWriter::create(out, &header).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_relative_and_unique() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        for name in [
            "a.txt",
            "a.text",
            "sub/b.txt",
            "sub/b.bib",
            "c.pdf",
            ".hidden.txt",
            "d.ris",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()], DiscoverOptions::default()).unwrap();
        let ids: Vec<&str> = found.sources.iter().map(|s| s.id.as_str()).collect();
        // sub/b.bib is the sidecar of sub/b.txt; d.ris stands alone.
        assert_eq!(ids, ["a.text", "a.txt", "d", "sub/b"]);
        assert_eq!(found.skipped.len(), 1);
        assert!(found.skipped[0].ends_with("c.pdf"));
    }

    #[test]
    fn a_missing_path_stops_the_run() {
        let err =
            discover(&[PathBuf::from("/no/such/dir")], DiscoverOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/dir: no such file or directory");
    }
}
