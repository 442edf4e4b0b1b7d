#!/usr/bin/env python3
"""Writes BENCHMARKS.md (markdown on stdout) from the JSON files of one Benchmarks/compare.sh run.

usage: report.py OUT_DIR "the command that was run"
Ratios are ours / theirs: below 1 means imrsearch is faster (or smaller).
"""
import json, os, platform, subprocess, sys, datetime

out, command = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(out, name)
    return json.load(open(path)) if os.path.exists(path) else None


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def mem_gib():
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1048576, 1)
    except OSError:
        return "?"


def r(a, b):
    return "%.2f" % (a / b) if a is not None and b else "n/a"


def best(t, l):
    """The best peer's (p50, p99) for a class: the faster of tantivy's `t` and Lucene's `l` (None: tantivy)."""
    if not l:
        return t["p50_us"], t["p99_us"]
    return min(t["p50_us"], l["p50_us"]), min(t["p99_us"], l["p99_us"])


bo, bo1 = load("build-ours.json"), load("build-ours-t1.json")
bt, bt1, bf = load("build-tantivy.json"), load("build-tantivy-t1.json"), load("build-fts5.json")
qo, qt, qf = load("query-imrsearch.json"), load("query-tantivy.json"), load("query-fts5.json")
cmp_ = load("compare.json")
po, ps = load("parse-corpus.json"), load("parse-synth.json")
synth = load("synth.json")

print("# Benchmarks\n")
print("All figures from **one run** of `%s` on %s (%s, %d cores, %s GiB), %s." % (
    command, platform.node() or "this machine", cpu(), os.cpu_count(), mem_gib(),
    datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")))
print("Ratios are **imrsearch ÷ peer**: below 1.00 means imrsearch is faster or smaller. Absolute times on this")
print("shared machine drift between runs; the ratios, measured side by side, are what to compare.\n")
if bo:
    print("Corpus: %d synthetic letters (`imrbench synth`, seed 42), %d disputed items; %.0f MB of letter text, of which"
          % (bo["letters"], bo["items"], bo["input_bytes"] / 1e6))
    if bt:
        print("%.0f MB is the item text the peers index (treatment, rationale, guideline). imrsearch indexes the whole"
              % (bt["input_bytes"] / 1e6))
        print("letter (summary and keyword fields too) and stores the whole letter text; the peers store the three")
        print("item fields. imrsearch's build time runs from the letter files (reading and parsing included); the")
        print("peers' from items already decoded in memory.\n")

print("## Build\n")
print("| | imrsearch | tantivy | ratio | SQLite FTS5 | ratio |")
print("|---|---|---|---|---|---|")
if bo and bt:
    print("| 1 thread, seconds | %.2f | %.2f | %s | %.2f | %s |" % (bo1["seconds"], bt1["seconds"], r(bo1["seconds"], bt1["seconds"]), bf["seconds"], r(bo1["seconds"], bf["seconds"])))
    print("| all cores (%s), seconds | %.2f | %.2f | %s | (1 thread) | |" % (bo["threads"], bo["seconds"], bt["seconds"], r(bo["seconds"], bt["seconds"])))
    print("| items/s, all cores | %d | %d | | %d | |" % (bo["items_per_s"], bt["items_per_s"], bf["items_per_s"]))
    print("| index bytes | %s | %s | %s | %s | %s |" % (f'{bo["index_bytes"]:,}', f'{bt["index_bytes"]:,}', r(bo["index_bytes"], bt["index_bytes"]), f'{bf["index_bytes"]:,}', r(bo["index_bytes"], bf["index_bytes"])))
    print("| peak RSS, MB | %.0f | %.0f | | %.0f | |" % (bo["peak_rss_mb"], bt["peak_rss_mb"], bf["peak_rss_mb"]))
    ph = bo.get("phases", {})
    print("\nimrsearch phases (all cores): read %.2f thread-s, parse %.2f thread-s, invert %.2f thread-s, merge %.2f s, write %.2f s."
          % (ph.get("read_thread_s", 0), ph.get("parse_thread_s", 0), ph.get("invert_thread_s", 0), ph.get("merge_s", 0), ph.get("write_s", 0)))
    ph1 = bo1.get("phases", {})
    print("imrsearch phases (1 thread): read %.2f s, parse %.2f s, invert %.2f s, merge %.2f s, write %.2f s."
          % (ph1.get("read_thread_s", 0), ph1.get("parse_thread_s", 0), ph1.get("invert_thread_s", 0), ph1.get("merge_s", 0), ph1.get("write_s", 0)))
te, te1 = load("build-tantivy-equal.json"), load("build-tantivy-equal-t1.json")
eo, eo1 = load("build-eq-ours.json"), load("build-eq-ours-t1.json")
if eo and eo1:
    bo, bo1 = eo, eo1  # the equal-work table compares the median rounds of the interleaved builds
if bo and bo1 and te and te1:
    ph1 = bo1.get("phases", {})
    records1 = bo1["seconds"] - ph1.get("read_thread_s", 0) - ph1.get("parse_thread_s", 0)
    print("\n### Build, equal work\n")
    rounds = {n: load("build-%s-rounds.json" % n) for n in ("eq-ours-t1", "tantivy-equal-t1", "eq-ours", "tantivy-equal")}
    if all(rounds.values()):
        print("%d interleaved rounds (imrsearch, tantivy, imrsearch, tantivy, ...); each figure is the round with the"
              % len(rounds["eq-ours"]))
        print("median time. Every round, seconds: imrsearch 1 thread %s, tantivy 1 thread %s; imrsearch all cores %s,"
              % tuple(", ".join("%.2f" % x for x in rounds[n]) for n in ("eq-ours-t1", "tantivy-equal-t1", "eq-ours")))
        print("tantivy all cores %s.\n" % ", ".join("%.2f" % x for x in rounds["tantivy-equal"]))
    print("tantivy given the content imrsearch indexes (`Benchmarks/peer_equal_work.py`): the three item text fields")
    print("and the summary with positions, the ten keyword fields, six numeric fast fields, and the whole letter text")
    print("stored once per letter. Its input is the same parsed JSON; imrsearch's figure runs from the letter files.")
    print("The second row leaves out imrsearch's reading and parsing of the files (its own phase timers), which the")
    print("peer's figure does not contain.\n")
    print("| | imrsearch | tantivy, equal work | ratio |")
    print("|---|---|---|---|")
    print("| 1 thread, seconds, from the letter files | %.2f | %.2f | %s |" % (bo1["seconds"], te1["seconds"], r(bo1["seconds"], te1["seconds"])))
    print("| 1 thread, seconds, from parsed records | %.2f | %.2f | %s |" % (records1, te1["seconds"], r(records1, te1["seconds"])))
    print("| 1 thread, CPU seconds (user + system, all threads) | %.2f | %.2f | %s |" % (bo1.get("cpu_seconds", 0), te1.get("cpu_seconds", 0), r(bo1.get("cpu_seconds", 0), te1.get("cpu_seconds", 1))))
    print("| all cores (%s), seconds, from the letter files | %.2f | %.2f | %s |" % (bo["threads"], bo["seconds"], te["seconds"], r(bo["seconds"], te["seconds"])))
    print("| all cores, CPU seconds | %.2f | %.2f | %s |" % (bo.get("cpu_seconds", 0), te.get("cpu_seconds", 0), r(bo.get("cpu_seconds", 0), te.get("cpu_seconds", 1))))
    print("| index bytes | %s | %s | %s |" % (f'{bo["index_bytes"]:,}', f'{te["index_bytes"]:,}', r(bo["index_bytes"], te["index_bytes"])))
    print("| peak RSS, MB (1 thread) | %.0f | %.0f | |" % (bo1["peak_rss_mb"], te1["peak_rss_mb"]))
    print("| peak RSS, MB (all cores) | %.0f | %.0f | |" % (bo["peak_rss_mb"], te["peak_rss_mb"]))
    print("\nThe peer's Python Document objects are built before its clock (%.2f s, not counted), as peers.py loads its"
          % te1.get("python_document_seconds", 0))
    print("items before its clock. \"1 thread\" is one indexing thread on both sides: tantivy compresses its document")
    print("store on a dedicated thread beside it (and merges segments on others), imrsearch compresses its stored")
    print("text on a thread of its own beside the one inverting worker (`--jobs 1`); the CPU rows count every thread.\n")
if po:
    print("Parse throughput on one core: %.0f MB/s on the bundled real letters (`imrbench parse --corpus corpus --repeat 100`)%s.\n"
          % (po["mb_per_s"], ", %.0f MB/s on the synthetic corpus" % ps["mb_per_s"] if ps else ""))

ql = load("query-lucene.json")
bl = load("build-lucene.json")
if bl and bo:
    print("Lucene 9.9.1 (`../shared/bench/lucene`, %d threads) builds the peers' items in %.2f s, %s index bytes.\n"
          % (bl["threads"], bl["seconds"], f'{bl["index_bytes"]:,}'))
print("## Queries (in-process, k = 10, p50 / p99 in µs)\n")
print("Same 172 queries (`Benchmarks/queries.tsv`, a copy of ../shared/bench/queries.tsv), 5 timed passes after a warm-up,")
print("in two interleaved rounds (every engine runs both query sets, then every engine again; each engine keeps its")
print("better round per class, `Benchmarks/better_round.py`: this machine's speed drifts from minute to minute);")
print("timed: query parsing, top-10 search and the fetch of the 10 ids. tantivy and FTS5 are called through their")
print("Python bindings (peers.py), so their figures include a few µs of interpreter overhead per query; Lucene is")
print("timed inside Java after a JIT warm-up (../shared/bench/lucene). **best** is the faster of tantivy and Lucene")
print("for the class, and its ratio the one that counts.\n")
if ql:
    print("| class | hits | imrsearch p50 | tantivy p50 | Lucene p50 | best ÷ | FTS5 p50 | imrsearch p99 | tantivy p99 | Lucene p99 | best ÷ |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
else:
    print("| class | hits | imrsearch p50 | tantivy p50 | ratio | FTS5 p50 | ratio | imrsearch p99 | tantivy p99 | ratio | FTS5 p99 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
if qo and qt:
    for cls, o in qo["classes"].items():
        t, f = qt["classes"].get(cls), (qf or {}).get("classes", {}).get(cls)
        if ql:
            l = ql["classes"].get(cls)
            best50, best99 = best(t, l)
            print("| %s | %d | %.0f | %.0f | %s | %s | %s | %.0f | %.0f | %s | %s |" % (
                cls, o["hits"], o["p50_us"], t["p50_us"], "%.0f" % l["p50_us"] if l else "n/a", r(o["p50_us"], best50),
                "%.0f" % f["p50_us"] if f else "n/a", o["p99_us"], t["p99_us"], "%.0f" % l["p99_us"] if l else "n/a",
                r(o["p99_us"], best99)))
        else:
            print("| %s | %d | %.0f | %.0f | %s | %s | %s | %.0f | %.0f | %s | %s |" % (
                cls, o["hits"], o["p50_us"], t["p50_us"], r(o["p50_us"], t["p50_us"]),
                "%.0f" % f["p50_us"] if f else "n/a", r(o["p50_us"], f["p50_us"]) if f else "n/a",
                o["p99_us"], t["p99_us"], r(o["p99_us"], t["p99_us"]), "%.0f" % f["p99_us"] if f else "n/a"))
po_, pt_, pl_ = load("phrases-imrsearch.json"), load("phrases-tantivy.json"), load("phrases-lucene.json")
if po_ and pt_:
    print("\n### Phrases of very common words (`Benchmarks/phrase_queries.tsv`, issue 14; p50 / p99 in µs)\n")
    print("Boilerplate of the letters' rationales as users type it, alone and with a decision filter; the same")
    print("protocol as above. **best** is the faster of tantivy and Lucene.\n")
    print("| class | hits | imrsearch p50 | tantivy p50 | Lucene p50 | best ÷ | imrsearch p99 | tantivy p99 | Lucene p99 | best ÷ |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for cls, o in po_["classes"].items():
        t = pt_["classes"].get(cls)
        l = (pl_ or {}).get("classes", {}).get(cls)
        best50, best99 = best(t, l)
        print("| %s | %d | %.0f | %.0f | %s | %s | %.0f | %.0f | %s | %s |" % (
            cls, o["hits"], o["p50_us"], t["p50_us"], "%.0f" % l["p50_us"] if l else "n/a", r(o["p50_us"], best50),
            o["p99_us"], t["p99_us"], "%.0f" % l["p99_us"] if l else "n/a", r(o["p99_us"], best99)))
if cmp_:
    print("\nAgreement (`peers.py compare`):")
    for pair, v in cmp_["pairs"].items():
        print("- %s: %d of %d queries find the same number of items; mean top-10 overlap %s" % (
            pair, v["same_hit_count"], v["queries"], v["mean_top_k_overlap"]))

so, st = load("stats-imrsearch.json"), load("stats-tantivy.json")
if so and st:
    print("\n## Outcome statistics (`imrsearch stats` beside tantivy's terms aggregation; p50 / p99 in µs)\n")
    print("Each query of `Benchmarks/stats_queries.tsv` counts every matching item by decision, broken down by the")
    print("fields named: imrsearch in process (`imrbench stats`: query parsing, the exact match set, the breakdown);")
    print("tantivy through `searcher.aggregate` with nested terms aggregations on fast fields (`Benchmarks/peer_stats.py`:")
    print("first field, second field, decision; plus decision totals). 20 timed runs after a warm-up.\n")
    print("| query | by | items | imrsearch p50 | tantivy p50 | ratio | imrsearch p99 | tantivy p99 | ratio | same totals |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    peer = {q["name"]: q for q in st["queries"]}
    for q in so["queries"]:
        t = peer.get(q["name"])
        if not t:
            continue
        same = "yes" if (q["total"], q["overturned"]) == (t["total"], t["overturned"]) else "NO"
        print("| `%s` | %s | %d | %.0f | %.0f | %s | %.0f | %.0f | %s | %s |" % (
            q["query"], q["by"], q["total"], q["p50_us"], t["p50_us"], r(q["p50_us"], t["p50_us"]),
            q["p99_us"], t["p99_us"], r(q["p99_us"], t["p99_us"]), same))

u = load("update.json")
if u:
    print("\n## Nightly update\n")
    print("`imrbench update --corpus $corpus --work $out/update-work --repeat 7` (in compare.sh): the corpus is mirrored")
    print("by hard links, built whole, then changed as a night changes it: %d new letters, %d rewritten, %d removed;" % (
        u["added"], u["changed"], u["deleted"]))
    print("`index --update` is timed against a full rebuild over the same files in the same run (both in process, all")
    print("cores), and the 172 queries are timed on the updated index (base + delta) and on the fully built one,")
    print("interleaved, 7 rounds after a warm-up (%s answers differed).\n" % (
        "no" if u["answer_mismatches"] == 0 else str(u["answer_mismatches"])))
    print("| | update | full rebuild | speed-up |")
    print("|---|---|---|---|")
    print("| seconds | %.3f | %.2f | **%.1f×** |" % (u["update_s"], u["full_rebuild_s"], u["speedup"]))
    print("\nDelta file: %s bytes beside an index of %d letters. Query latency after the update, updated ÷ fully built:\n" % (
        format(u["delta_bytes"], ","), u["letters"]))
    print("| class | updated p50 µs | merged p50 µs | ratio | updated p99 µs | merged p99 µs |")
    print("|---|---|---|---|---|---|")
    for cls, v in u["latency"].items():
        print("| %s | %.0f | %.0f | %.3f | %.0f | %.0f |" % (
            cls, v["updated_p50_us"], v["merged_p50_us"], v["p50_ratio"], v["updated_p99_us"], v["merged_p99_us"]))
    print("\nAll classes together: %.3f of the fully built index's time; the worst class p50 %.3f." % (
        u["total_time_ratio"], u["worst_class_p50_ratio"]))

print("\n## Cold query (a new process opens the index and answers one query; median of 11, page cache warm)\n")
print("| query | imrsearch ms | (Swift floor ms) | tantivy ms | (Python start ms) | ratio | FTS5 ms | ratio |")
print("|---|---|---|---|---|---|---|---|")
for kind, q in (("term", "acupuncture"), ("filter", '"functional improvement" decision:upheld')):
    o, t, f = load("cold-imrsearch-%s.json" % kind), load("cold-tantivy-%s.json" % kind), load("cold-fts5-%s.json" % kind)
    if o and t and f:
        print("| `%s` | %.1f | %.1f | %.1f | %.1f | %s | %.1f | %s |" % (
            q, o["median_ms"], o["floor_median_ms"], t["median_ms"], t["python_start_median_ms"],
            r(o["median_ms"], t["median_ms"]), f["median_ms"], r(o["median_ms"], f["median_ms"])))
print("\nimrsearch's cold figure is the whole command as a user runs it: it prints 10 hits with snippets.")

sweep = sorted(int(n[len("sweep-build-"):-5]) for n in os.listdir(out) if n.startswith("sweep-build-"))
if sweep:
    print("\n## Scale sweep (imrsearch, all cores)\n")
    print("| letters | items | build s | (reading letters, thread-s) | letters/s | peak RSS MB | index bytes/letter | term p50 µs | phrase2 p50 µs | filter p50 µs |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sweep:
        b, q = load("sweep-build-%d.json" % n), load("sweep-query-%d.json" % n)
        print("| %d | %d | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |" % (
            n, b["items"], b["seconds"], b.get("phases", {}).get("read_thread_s", 0), b["letters"] / b["seconds"],
            b["peak_rss_mb"], b["index_bytes"] / b["letters"],
            q["classes"]["term"]["p50_us"], q["classes"]["phrase2"]["p50_us"], q["classes"]["filter"]["p50_us"]))
    print("\nEach row: `imrbench synth --letters N`, `imrbench build` (all cores), `imrbench query --repeat 3` on this")
    print("machine; the 1,000,000- and 1,800,000-letter rows (5.4 and 9.8 GB of letters) are generated on demand")
    print("(`--sweep --letters-max 1800000`), never in CI. Peak RSS is the whole build process's (getrusage), including")
    print("the runs held in memory (768 MiB budget). The big rows read letters that no longer fit the page cache beside")
    print("everything else, so their build time is bound by the disk and varies from run to run.")

words = command.split()
scale_n = int(words[words.index("--scale") + 1]) if "--scale" in words else 0
scale_dirs = [(scale_n, "scale-%d" % scale_n)] if scale_n and os.path.exists(
    os.path.join(out, "scale-%d" % scale_n, "query-imrsearch.json")) else []
for n, sub in scale_dirs:
    sl = lambda name: load(os.path.join(sub, name))
    sbo, sbt, sbl, rd = sl("build-ours.json"), sl("build-tantivy.json"), sl("build-lucene.json"), sl("reading.json")
    print("\n## %s letters (`Benchmarks/scale.sh --letters %d`, in this run)\n" % (f"{n:,}", n))
    if sbo:
        print("%s synthetic letters (%.1f GB of letter text), %s disputed items. Builds with a warm page cache, all cores;"
              % (f'{sbo["letters"]:,}', sbo["input_bytes"] / 1e9, f'{sbo["items"]:,}'))
        print("imrsearch from the letter files, the peers from the exported items (their own reading of the JSON")
        print("included, as peers.py streams it). Queries: 3 timed passes after a warm-up, k = 10.\n")
        print("| | imrsearch | tantivy | Lucene |")
        print("|---|---|---|---|")
        cell = lambda b, k, f: (f % b[k]) if b and k in b else "n/a"
        print("| build seconds | %.1f | %s | %s |" % (sbo["seconds"], cell(sbt, "seconds", "%.1f"), cell(sbl, "seconds", "%.1f")))
        print("| index bytes | %s | %s | %s |" % (f'{sbo["index_bytes"]:,}', f'{sbt["index_bytes"]:,}' if sbt else "n/a",
                                                  f'{sbl["index_bytes"]:,}' if sbl else "n/a"))
        print("| peak RSS, MB | %.0f | %s | n/a |" % (sbo["peak_rss_mb"], cell(sbt, "peak_rss_mb", "%.0f")))
        ph = sbo.get("phases", {})
        print("\nimrsearch phases: read %.1f thread-s, parse %.1f thread-s, invert %.1f thread-s, merge %.1f s, write %.1f s."
              % (ph.get("read_thread_s", 0), ph.get("parse_thread_s", 0), ph.get("invert_thread_s", 0),
                 ph.get("merge_s", 0), ph.get("write_s", 0)))
    if rd:
        state = "page cache dropped before each" if rd["cold"] else "page cache NOT dropped (not root): warm figures"
        print("\n**Reading the letters from disk** (%s files, %.2f GB; %s):\n" % (f'{rd["files"]:,}', rd["bytes"] / 1e9, state))
        print("| | seconds | MB/s |")
        print("|---|---|---|")
        print("| `dd iflag=direct bs=4M` of the same bytes as one file (the disk's sequential rate) | %.1f | %.0f |" % (rd["dd_seconds"], rd["dd_mb_s"]))
        print("| `cat` of the letter files in sorted order (one process) | %.1f | %.0f |" % (rd["cat_seconds"], rd["cat_mb_s"]))
        for k in sorted(int(x[len("read_"):-len("_readers")]) for x in rd if x.startswith("read_") and x.endswith("_readers")):
            v = rd["read_%d_readers" % k]
            print("| `imrbench read --readers %d` (the build's reading alone) | %.1f | %.0f |" % (k, v["seconds"], v["mb_per_s"]))
        print("| `imrbench build` from a cold cache, the whole build (reading beside parsing) | %.1f | %.0f |" % (rd["build_seconds"], rd["build_mb_s"]))
        if "build_read_thread_s" in rd:
            print("\nIn that cold build the workers waited %.1f thread-s for their letters (the warm build: %.1f)."
                  % (rd["build_read_thread_s"], sbo.get("phases", {}).get("read_thread_s", 0) if sbo else 0))
    for title, qname in (("the 172 queries of `Benchmarks/queries.tsv`", "query"), ("phrases of very common words", "phrases")):
        o, t, l = sl("%s-imrsearch.json" % qname), sl("%s-tantivy.json" % qname), sl("%s-lucene.json" % qname)
        o1 = sl("%s-imrsearch-t1.json" % qname)
        if not (o and t):
            continue
        print("\nQueries at %s letters, %s (p50 / p99 in ms; **best** is the faster of tantivy and Lucene):\n" % (f"{n:,}", title))
        print("| class | hits | imrsearch p50 | p99 | 1 thread p50 | p99 | tantivy p50 | p99 | Lucene p50 | p99 | best p50 ÷ | best p99 ÷ | 1 thread: best p50 ÷ | best p99 ÷ |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        ms = lambda x: "%.1f" % (x / 1000)
        for cls, q in o["classes"].items():
            tq = t["classes"].get(cls)
            lq = (l or {}).get("classes", {}).get(cls)
            q1 = (o1 or {}).get("classes", {}).get(cls)
            b50, b99 = best(tq, lq)
            print("| %s | %d | %s | %s%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                cls, q["hits"], ms(q["p50_us"]), ms(q["p99_us"]), " ⚠" if q["p99_us"] > 50000 else "",
                ms(q1["p50_us"]) if q1 else "n/a", (ms(q1["p99_us"]) + (" ⚠" if q1["p99_us"] > 50000 else "")) if q1 else "n/a",
                ms(tq["p50_us"]), ms(tq["p99_us"]), ms(lq["p50_us"]) if lq else "n/a", ms(lq["p99_us"]) if lq else "n/a",
                r(q["p50_us"], b50), r(q["p99_us"], b99),
                r(q1["p50_us"], b50) if q1 else "n/a", r(q1["p99_us"], b99) if q1 else "n/a"))
    print("\n⚠ marks an imrsearch p99 above the 50 ms goal of issue 14. **imrsearch** is the default (`imrbench query`):")
    print("a query that verifies positions over ≥ %s estimated candidates is cut into stretches of items searched on" % "250,000")
    print("all the cores at once (README, Ranking; at 1M letters that is the phrases of common words; below about")
    print("500,000 items nothing is cut, so every 100k figure above is one thread's). **1 thread** is `imrbench query")
    print("--threads 1`, every query on one thread as the peers run theirs (tantivy and Lucene can search segments on")
    print("several threads too, but peers.py runs them on one).")

print("\n## How to reproduce\n")
print("```sh\n%s\n```" % command)
print("Single steps: `imrbench synth|build|query|cold|parse` (README, Benchmarks); the peers: ../shared/bench/peers.py.")
