#!/usr/bin/env bash
# Per-format throughput of `citegrade audit`: builds a corpus of COPIES copies of each example
# article format in references/ (JATS from DATA/jats when given), then times the release binary
# with hyperfine and prints MB/s from the median.
#   scripts/throughput.sh [COPIES] [DATA]      e.g. scripts/throughput.sh 2000 ../shared/corpus
# FORMATS="md jats" limits the run to some formats.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-2000}
data=${2:-}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/citegrade
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus() { # name, files...
    local name=$1; shift
    mkdir -p "$work/$name"
    # One folder per copy keeps file names, so sidecars and \bibliography{} still resolve.
    for i in $(seq 1 "$copies"); do
        local dir="$work/$name/$((i / 500))/$i"
        mkdir -p "$dir"
        cp "$@" "$dir/"
    done
}
corpus txt references/thalamic-pain.txt references/migraine-prophylaxis.txt references/statin-primary-prevention.txt
corpus md references/sodium-hypertension.md
corpus html references/*.html
corpus tex references/hypertension-elderly.tex references/hypertension-elderly.bib
corpus docx references/asthma-biologics.docx
if [ -n "$data" ] && [ -d "$data/jats" ]; then
    mkdir -p "$work/jats"
    for i in $(seq 1 $((copies / 200 + 1))); do mkdir -p "$work/jats/$i"; cp "$data"/jats/* "$work/jats/$i/"; done
fi

printf '| format | files | MB | median s | MB/s |\n|---|---:|---:|---:|---:|\n'
for name in ${FORMATS:-txt md html tex docx jats}; do
    [ -d "$work/$name" ] || continue
    files=$(find "$work/$name" -type f | wc -l)
    bytes=$(find "$work/$name" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
    hyperfine -N --warmup 1 --runs 7 --export-json "$work/$name.json" \
        "$bin audit $work/$name --out $work/out-$name --as-of 2026-11-24 --quiet --fail-on never" >/dev/null
    median=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$work/$name.json")
    python3 -c "import sys; f,b,m=int(sys.argv[1]),int(sys.argv[2]),float(sys.argv[3]); print(f'| {sys.argv[4]} | {f} | {b/1e6:.1f} | {m:.2f} | {b/1e6/m:.1f} |')" "$files" "$bytes" "$median" "$name"
done
