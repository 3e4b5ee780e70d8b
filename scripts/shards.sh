#!/usr/bin/env bash
# Sharded audit vs one run: builds a corpus of COPIES copies of the plain-text and Markdown
# example articles in references/, then times with hyperfine (median) one `citegrade audit`,
# each `audit --shard K/3`, and `citegrade merge` of the three, and checks that the merge wrote
# the same files as the single run.
#   scripts/shards.sh [COPIES]      e.g. TMPDIR=/dev/shm scripts/shards.sh 1000
# (a tmpfs TMPDIR keeps the disk out of the figures: small articles are bound by file writes).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1000}
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/citegrade
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for i in $(seq 1 "$copies"); do
    dir="$work/in/$((i / 250))/$i"
    mkdir -p "$dir"
    cp references/*.txt references/sodium-hypertension.md "$dir/"
done
echo "$(find "$work/in" -type f | wc -l) articles"
audit="$bin audit $work/in --as-of 2026-11-24 --quiet --fail-on never"
hyperfine --warmup 1 --runs 7 --export-json "$work/times.json" \
    -n single "$audit --out $work/single" \
    -n shard-1/3 "$audit --out $work/s1 --shard 1/3" \
    -n shard-2/3 "$audit --out $work/s2 --shard 2/3" \
    -n shard-3/3 "$audit --out $work/s3 --shard 3/3" \
    -n merge "$bin merge $work/s1 $work/s2 $work/s3 --out $work/merged --quiet --fail-on never" \
    -n "3 shards then merge, one machine" \
    "$audit --out $work/t1 --shard 1/3 && $audit --out $work/t2 --shard 2/3 && $audit --out $work/t3 --shard 3/3 && $bin merge $work/t1 $work/t2 $work/t3 --out $work/t --quiet --fail-on never" >&2
python3 - "$work/times.json" <<'PY'
import json, sys
print("| run | median s | user s | sys s |\n|---|---:|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['median']:.2f} | {r['user']:.2f} | {r['system']:.2f} |")
PY
diff -r "$work/single" "$work/merged" && echo "merged reports = single-run reports"
du -sh "$work/s1/shard.jsonl" "$work/s2/shard.jsonl" "$work/s3/shard.jsonl"
