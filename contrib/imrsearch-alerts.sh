#!/bin/sh
# imrsearch-alerts.sh: run after the nightly `imrsearch index --update`; finds what is new for each saved
# query and writes it to a dated file, and mails it when an address is set.
#
# Each line of $IMRSEARCH_QUERIES is a query ("#" comment lines and blank lines are skipped). It runs as
#   "$IMRSEARCH_BIN" "<query> added:<since>.." --json --limit $IMRSEARCH_ALERTS_LIMIT --index "$IMRSEARCH_INDEX"
# so it finds only the decisions of letters added since <since> (default: today, the day of the update).
# The report $IMRSEARCH_ALERTS_DIR/<since>.txt starts with one summary line, then for each query with
# new decisions a "## <query> (N new)" line and its hits as JSON Lines (imrsearch's --json schema).
# When there are new decisions and $IMRSEARCH_MAILTO is set, the report is mailed with mail(1).
#
# Environment (see contrib/systemd/imrsearch.env):
#   IMRSEARCH_QUERIES      the saved queries file (required)
#   IMRSEARCH_INDEX        the index (required)
#   IMRSEARCH_ALERTS_DIR   the folder of the reports (required; created if missing)
#   IMRSEARCH_BIN          the imrsearch binary (default: imrsearch on PATH)
#   IMRSEARCH_MAILTO       mail the report there when something is new (default: empty, no mail)
#   IMRSEARCH_ALERTS_SINCE the first day counted as new, YYYY-MM-DD (default: today)
#   IMRSEARCH_ALERTS_LIMIT at most this many hits a query (default 1000)
# Prints nothing when all went well. Exit status: 0 done (new decisions or not), 1 a query failed (the
# others still ran; imrsearch's message is printed), 2 a setting is missing or the report cannot be written.
set -u

queries=${IMRSEARCH_QUERIES:-}
index=${IMRSEARCH_INDEX:-}
dir=${IMRSEARCH_ALERTS_DIR:-}
bin=${IMRSEARCH_BIN:-imrsearch}
mailto=${IMRSEARCH_MAILTO:-}
since=${IMRSEARCH_ALERTS_SINCE:-$(date +%Y-%m-%d)}
limit=${IMRSEARCH_ALERTS_LIMIT:-1000}

fail() {
    echo "imrsearch-alerts: $*" >&2
    exit 2
}
[ -n "$queries" ] || fail "IMRSEARCH_QUERIES is not set (the saved queries file)"
[ -n "$index" ] || fail "IMRSEARCH_INDEX is not set (the index file)"
[ -n "$dir" ] || fail "IMRSEARCH_ALERTS_DIR is not set (the folder of the reports)"
[ -r "$queries" ] || fail "cannot read the saved queries file $queries"
mkdir -p "$dir" || fail "cannot create $dir"

report="$dir/$since.txt"
body="$report.tmp-$$"
errors="$report.err-$$"
whole="$report.all-$$"
trap 'rm -f "$body" "$errors" "$whole"' EXIT
: >"$body" || fail "cannot write $body"

status=0
total=0
while IFS= read -r line || [ -n "$line" ]; do
    # Trim blanks; skip blank lines and comments.
    query=$(printf '%s\n' "$line" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    case $query in
    '' | '#'*) continue ;;
    esac
    hits=$("$bin" "$query added:$since.." --json --limit "$limit" --index "$index" </dev/null 2>"$errors")
    code=$?
    case $code in
    0)
        count=$(printf '%s\n' "$hits" | wc -l | tr -d ' ')
        total=$((total + count))
        {
            printf '## %s (%s new)\n' "$query" "$count"
            printf '%s\n' "$hits"
        } >>"$body"
        ;;
    1) ;; # nothing new (or a "did you mean" note on stderr)
    *)
        echo "imrsearch-alerts: query failed (exit $code): $query" >&2
        cat "$errors" >&2
        status=1
        ;;
    esac
done <"$queries"

{
    echo "# imrsearch alerts: $total new decisions for the saved queries in $queries, letters added since $since"
    cat "$body"
} >"$whole" && mv "$whole" "$report" || fail "cannot write $report"

if [ "$total" -gt 0 ] && [ -n "$mailto" ]; then
    if ! mail -s "imrsearch: $total new decisions for saved queries ($since)" "$mailto" <"$report"; then
        echo "imrsearch-alerts: mail to $mailto failed; the report is $report" >&2
        status=1
    fi
fi
exit $status
