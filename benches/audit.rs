//! Per-article cost of the whole pipeline short of the disk: decode, read, resolve, grade,
//! check, render. `cargo bench --bench audit`.

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegrade::audit::audit_article;
use citegrade::input::{read_bytes, ReadMode};
use citegrade::retractions::RetractionList;
use citegrade::settings::Policy;

const ARTICLES: &[(&str, &str)] = &[
    (
        "thalamic-pain.txt",
        include_str!("../references/thalamic-pain.txt"),
    ),
    (
        "migraine-prophylaxis.txt",
        include_str!("../references/migraine-prophylaxis.txt"),
    ),
    (
        "statin-primary-prevention.txt",
        include_str!("../references/statin-primary-prevention.txt"),
    ),
];

fn audit(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date");
    let thresholds = Policy::default();
    let retractions = RetractionList::default();
    let mut group = c.benchmark_group("audit");
    for (name, text) in ARTICLES {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let article = read_bytes(
                    black_box(text.as_bytes()),
                    Path::new(name),
                    "a".into(),
                    ReadMode::Article,
                );
                black_box(audit_article(article, as_of, &thresholds, &retractions))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, audit);
criterion_main!(benches);
