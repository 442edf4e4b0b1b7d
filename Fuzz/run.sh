#!/bin/sh
# Fuzz/run.sh query|letter [SECONDS]: builds the libFuzzer targets (release, ASan) and fuzzes one parser
# for SECONDS (default 300), starting from real inputs: the benchmark queries and the README's syntax
# examples, or the bundled letters. New inputs libFuzzer finds are kept in .build/fuzz-corpus/TARGET (a
# later run resumes from them); a crashing input is written to .build/fuzz-artifacts/. Extra arguments
# after SECONDS go to libFuzzer (e.g. -jobs=2, -seed=1, or a crash file to replay).
set -eu
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh query|letter [SECONDS] [LIBFUZZER-OPTION...]}
seconds=${2:-300}
[ $# -ge 2 ] && shift 2 || shift $#
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
work=.build/fuzz-corpus/$target
mkdir -p "$work" .build/fuzz-artifacts
case $target in
query)
    seeds=.build/fuzz-seeds/query
    mkdir -p "$seeds"
    n=0
    { grep -v '^#' ../Benchmarks/queries.tsv | cut -f2
      grep -v '^#' ../Benchmarks/stats_queries.tsv | cut -f3
      cat <<'QUERIES'
"functional improvement" decision:upheld
treatment:acupuncture decision:overturned
"red flag"~3 source:mtus
norco OR hydrocodone -tramadol year:2016..
acupunct* page:8
specialty:"family practice"
a^2 "a b"^0.5 (a OR b)^3 category:surgery^2
treatment:(mri OR "x ray") summary:"injured worker"
age:40..60 injured:2012-01-01..2013-06-30 decided:..2016-06 year:[2014 TO *]
NOT massage +patient AND (knee OR shoulder)
QUERIES
    } | while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" > "$seeds/q$n"
    done
    set -- -dict=query.dict "$@"
    ;;
letter)
    seeds="../corpus/real ../corpus/seeds"
    set -- -max_len=65536 "$@"
    ;;
*)
    echo "usage: Fuzz/run.sh query|letter [SECONDS]" >&2
    exit 2
    ;;
esac
# shellcheck disable=SC2086
exec ".build/release/fuzz-$target-parser" "$work" $seeds -max_total_time="$seconds" -timeout=10 \
    -artifact_prefix=".build/fuzz-artifacts/$target-" -print_final_stats=1 "$@"
