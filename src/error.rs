//! Errors that stop a run (exit status 2). Problems with one article are not errors: they become
//! CG002 findings and the batch goes on.

use std::path::PathBuf;

/// A failure of the run itself, with the file and the cause.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: no such file or directory")]
    MissingPath { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Walk {
        path: PathBuf,
        #[source]
        source: walkdir::Error,
    },
    #[error("{path}: cannot write report: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write report: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
    #[error("cannot start {jobs} worker threads: {message}")]
    ThreadPool { jobs: usize, message: String },
    #[error("{path}:{line}: {message}")]
    Config {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}:{line}: retraction list: {message}")]
    RetractionList {
        path: PathBuf,
        line: u64,
        message: String,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    #[error("{}{}: baseline: {message}", path.display(), line.map_or(String::new(), |l| format!(":{l}")))]
    Baseline {
        path: PathBuf,
        /// The line of a JSON error.
        line: Option<usize>,
        message: String,
    },
    /// Shard files that do not make up one complete split of one batch (`citegrade merge`).
    #[error("merge: {message}")]
    Merge { message: String },
}

impl Error {
    /// The exit status this error maps to.
    pub fn exit_code(&self) -> i32 {
        2
    }
}

pub type Result<T> = std::result::Result<T, Error>;
