#!/usr/bin/env bash
# The equal-work build comparison alone: imrsearch (`imrbench build`, from the letter files) and tantivy given
# the same content (Benchmarks/peer_equal_work.py), on 1 thread and on all cores, in R interleaved rounds
# (imrsearch, tantivy, imrsearch, tantivy, ...). compare.sh runs it for BENCHMARKS.md; run alone, it is the
# quick A/B for a change to the build (about 2 minutes a round at 100k letters).
#
#   Benchmarks/equal_work_builds.sh [--letters N] [--out DIR] [--rounds R] [--bin DIR]
#
# --bin DIR   where imrbench is (default .build/release): another checkout's, for a before/after of a change.
#
# Writes DIR/build-{eq-ours-t1,tantivy-equal-t1,eq-ours,tantivy-equal}-rK.json, each name's median round as
# DIR/build-NAME.json and its round times as DIR/build-NAME-rounds.json; prints the medians and ratios.
# Needs the corpus and items of Benchmarks/prepare_corpus.sh and the .bench-venv that compare.sh installs.
# Nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
letters=100000 out=bench-out rounds=5 bin=.build/release
while [ $# -gt 0 ]; do
  case "$1" in
    --letters) letters=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "equal_work_builds.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
py=.bench-venv/bin/python
corpus=$out/synth-$letters
items=$out/items-$letters.jsonl
[ -x "$py" ] || { echo "equal_work_builds.sh: run Benchmarks/compare.sh once first (it installs .bench-venv)" >&2; exit 2; }
[ -f "$corpus/labels.jsonl" ] && [ -s "$items" ] || {
  echo "equal_work_builds.sh: no $corpus or $items (Benchmarks/prepare_corpus.sh $letters $out $out/synth.json)" >&2
  exit 2
}
# Build times drift by 20% on a shared machine: the two engines alternate, and each figure is the round
# with the median time (build-*-rounds.json keeps every round).
rm -f "$out"/build-eq-ours*-r*.json "$out"/build-tantivy-equal*-r*.json
for round in $(seq 1 "$rounds"); do
  rm -f "$out/eq-ours.idx"
  $bin/imrbench build --corpus "$corpus" --index "$out/eq-ours.idx" --jobs 1 > "$out/build-eq-ours-t1-r$round.json"
  $py Benchmarks/peer_equal_work.py --items "$items" --index "$out/idx-tantivy-equal" --threads 1 > "$out/build-tantivy-equal-t1-r$round.json"
  rm -rf "$out/idx-tantivy-equal"
  rm -f "$out/eq-ours.idx"
  $bin/imrbench build --corpus "$corpus" --index "$out/eq-ours.idx" > "$out/build-eq-ours-r$round.json"
  $py Benchmarks/peer_equal_work.py --items "$items" --index "$out/idx-tantivy-equal" > "$out/build-tantivy-equal-r$round.json"
  rm -rf "$out/idx-tantivy-equal"
done
rm -f "$out/eq-ours.idx" "$out/eq-ours.idx.lock"
python3 - "$out" "$rounds" <<'PY'
import json, sys, shutil
out, count = sys.argv[1], int(sys.argv[2])
median = {}
for name in ("eq-ours-t1", "tantivy-equal-t1", "eq-ours", "tantivy-equal"):
    rounds = [json.load(open(f"{out}/build-{name}-r{k}.json")) for k in range(1, count + 1)]
    ranked = sorted(range(count), key=lambda k: rounds[k]["seconds"])
    shutil.copy(f"{out}/build-{name}-r{ranked[count // 2] + 1}.json", f"{out}/build-{name}.json")
    json.dump([r["seconds"] for r in rounds], open(f"{out}/build-{name}-rounds.json", "w"))
    median[name] = rounds[ranked[count // 2]]
print("| | imrsearch | tantivy, equal work | ratio |")
print("|---|---|---|---|")
for label, ours, peer in (("1 thread", "eq-ours-t1", "tantivy-equal-t1"), ("all cores", "eq-ours", "tantivy-equal")):
    for what, key in (("seconds", "seconds"), ("CPU seconds", "cpu_seconds")):
        a, b = median[ours].get(key, 0), median[peer].get(key, 0)
        print("| %s, %s | %.2f | %.2f | %.2f |" % (label, what, a, b, a / b if b else float("nan")))
a, b = median["eq-ours"]["index_bytes"], median["tantivy-equal"]["index_bytes"]
print("| index bytes | {:,} | {:,} | {:.2f} |".format(a, b, a / b))
PY
