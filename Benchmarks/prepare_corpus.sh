#!/usr/bin/env bash
# Makes sure OUT/synth-N (N synthetic letters, `imrbench synth`) and OUT/items-N.jsonl (their items, exported
# with `imrsearch parse` for the peers) exist; each is made only when missing. Used by compare.sh and scale.sh.
#
#   Benchmarks/prepare_corpus.sh N OUT SYNTH_JSON      (SYNTH_JSON: where imrbench synth's report goes)
set -euo pipefail
letters=$1 out=$2 report=$3
bin=.build/release
corpus=$out/synth-$letters
if [ ! -f "$corpus/labels.jsonl" ]; then
  printf '\n== synthesising %s letters\n' "$letters" >&2
  $bin/imrbench synth --letters "$letters" --out "$corpus" > "$report"
fi
if [ ! -s "$out/items-$letters.jsonl" ]; then
  printf '\n== exporting items with imrsearch parse\n' >&2
  (cd "$corpus" && find . -name '*.txt' | sort) | sed "s|^\./|$corpus/|" | xargs "$bin/imrsearch" parse > "$out/items-$letters.jsonl"
fi
