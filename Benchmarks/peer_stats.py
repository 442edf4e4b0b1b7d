#!/usr/bin/env python3
"""tantivy doing the job of `imrsearch stats`, for the side-by-side latency of outcome statistics.

The peer that would do this job is tantivy's aggregation framework (`searcher.aggregate`): a nested terms
aggregation over fast fields. From the same `imrsearch parse` JSON Lines the benchmark indexes, this builds
one tantivy document per item with

  treatment, rationale, guideline   text (default tokenizer, positions), the default search fields
  decision, category                raw strings, indexed and fast; category as the item's "category" key
  year                              i64, fast: the decision year, else the UR denial's, else the injury's

and for each query of Benchmarks/stats_queries.tsv (name, breakdown fields, query) times the query parse
and the aggregation: terms on the first field, inside it terms on the second, innermost terms on decision,
plus a top-level terms on decision for the totals: the counts `imrsearch stats` computes. Each query runs
once to warm up, then --repeat times.

  peer_stats.py --items ITEMS.jsonl --index DIR --queries FILE [--repeat R]      prints one JSON object
"""
import argparse
import json
import os
import shutil
import time

import tantivy


def build(items_path, index_dir):
    sb = tantivy.SchemaBuilder()
    for name in ("treatment", "rationale", "guideline"):
        sb.add_text_field(name, stored=False)
    sb.add_text_field("decision", stored=False, fast=True, tokenizer_name="raw")
    sb.add_text_field("category", stored=False, fast=True, tokenizer_name="raw")
    sb.add_integer_field("year", stored=False, indexed=True, fast=True)
    schema = sb.build()
    if os.path.exists(index_dir):
        shutil.rmtree(index_dir)
    os.makedirs(index_dir)
    index = tantivy.Index(schema, path=index_dir)
    writer = index.writer(heap_size=512_000_000)
    items = 0
    with open(items_path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            letter = json.loads(line)
            dates = letter.get("dates") or {}
            year_source = dates.get("decision") or dates.get("ur_denial") or dates.get("injury")
            for item in letter.get("items") or []:
                guideline = " ".join(x for x in (item.get("claims_administrator_guideline"),
                                                  item.get("reviewer_guideline")) if x)
                fields = {"treatment": item.get("treatment") or "", "rationale": item.get("rationale") or "",
                          "guideline": guideline, "decision": item.get("decision") or "other"}
                if item.get("category"):
                    fields["category"] = item["category"]
                if year_source:
                    fields["year"] = int(year_source[:4])
                writer.add_document(tantivy.Document(**fields))
                items += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, items


def tantivy_query_text(text):
    """imrsearch ANDs the clauses side by side; tantivy's parser ORs them: each clause gets a '+'."""
    if text.strip() == "*":
        return "*"
    clauses, current, quoted = [], "", False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == " " and not quoted:
            if current:
                clauses.append(current)
            current = ""
        else:
            current += ch
    if current:
        clauses.append(current)
    return " ".join("+" + c for c in clauses)


def aggregation(fields):
    inner = {"decision": {"terms": {"field": "decision", "size": 16}}}
    for field in reversed(fields):
        inner = {field: {"terms": {"field": field, "size": 10000}, "aggs": inner}}
    inner["total"] = {"terms": {"field": "decision", "size": 16}}
    return inner


def percentile(values, p):
    values = sorted(values)
    if not values:
        return 0.0
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    t = time.perf_counter()
    index, items = build(args.items, args.index)
    build_seconds = time.perf_counter() - t
    searcher = index.searcher()
    out = {"cmd": "stats", "engine": "tantivy", "repeat": args.repeat, "items": items,
           "build_seconds": round(build_seconds, 3),
           "timed": "query parse + searcher.aggregate (nested terms aggregation on fast fields)", "queries": []}
    with open(args.queries, encoding="utf-8") as fh:
        rows = [l.rstrip("\n").split("\t", 2) for l in fh if l.strip() and not l.startswith("#")]
    for name, by, text in rows:
        fields = by.split(",")
        agg = aggregation(fields)
        def once():
            query = index.parse_query(tantivy_query_text(text), ["treatment", "rationale", "guideline"])
            return searcher.aggregate(query, agg)
        result = once()
        samples = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = once()
            samples.append((time.perf_counter() - t) * 1e6)
        totals = {b["key"]: b["doc_count"] for b in result["total"]["buckets"]}
        out["queries"].append({"name": name, "query": text, "by": by, "total": sum(totals.values()),
                               "overturned": totals.get("overturned", 0),
                               "rows": len(result[fields[0]]["buckets"]),
                               "p50_us": round(percentile(samples, 50), 1),
                               "p99_us": round(percentile(samples, 99), 1)})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
