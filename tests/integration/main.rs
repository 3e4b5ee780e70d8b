//! Integration tests: run the `citegrade` binary on fixtures and check its reports and exit
//! status. One test binary, one module per feature.

mod bad_input;
mod baseline;
mod changed;
mod claims;
mod cli;
mod config;
mod determinism;
mod docx;
mod formats;
mod grading;
mod html;
mod jats;
mod latex;
mod list_rules;
mod machine_formats;
mod markdown;
mod reports_fresh;
mod retractions;
mod seed;
mod shard;
mod suppress;
mod terminal;
mod util;
