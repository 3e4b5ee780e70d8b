//! citegrade audits the citations of medical and scientific articles: it reads each article's
//! reference list, grades every study by year and design, cross-checks every in-text citation
//! and claim against the list, and writes CSV and Markdown reports.
//!
//! Data flows one way: [`pipeline`] discovers files -> [`input`] reads them into the
//! [`model`] -> [`resolve`] links citations -> [`grade`] grades references -> [`checks`] find
//! problems -> [`report`] writes them.

pub mod audit;
pub mod baseline;
pub mod changed;
pub mod checks;
pub mod config;
pub mod error;
pub mod grade;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod resolve;
pub mod retractions;
pub mod settings;
pub mod shard;
pub mod suppress;

pub use error::{Error, Result};
