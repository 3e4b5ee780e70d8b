# Conveniences; every recipe is a plain cargo command you can run without just.

# Audit references/ into reports/ (the committed sample).
audit *ARGS:
    cargo run --release -- audit {{ARGS}}

# Run the whole test suite.
test:
    cargo test

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --check
    cargo clippy --all-targets -- -D warnings

# Everything CI runs.
ci:
    bash .ci/run

# Every structured bibliography under DATA (e.g. ../shared/corpus): entries read vs held.
eval-formats DATA:
    cargo run --release --example eval_formats -- {{DATA}}

# Free-text reference parsing accuracy against labelled data under DATA.
eval-refs DATA:
    cargo run --release --example eval_refs -- {{DATA}}

# Measure design grading against MEDLINE publication types: DATA is the corpus folder holding
# medline/ (for example ../shared/corpus).
eval-grading DATA:
    cargo run --release --example eval_grading -- {{DATA}}
