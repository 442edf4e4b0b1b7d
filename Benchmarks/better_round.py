#!/usr/bin/env python3
"""Merges the interleaved rounds of compare.sh's query runs: for each NAME, OUT/NAME-r1.json, OUT/NAME-r2.json,
... become OUT/NAME.json, keeping per class the better (lower) p50, p95 and p99 of the rounds and per query the
better p50 ("rounds" says how many). Hit counts and top ids are the same in every round (checked).

usage: better_round.py OUT NAME [NAME ...]      (a NAME without round files is skipped)
"""
import json, os, sys

out, names = sys.argv[1], sys.argv[2:]
for name in names:
    rounds = []
    k = 1
    while os.path.exists(os.path.join(out, "%s-r%d.json" % (name, k))):
        rounds.append(json.load(open(os.path.join(out, "%s-r%d.json" % (name, k)))))
        k += 1
    if not rounds:
        continue
    merged = rounds[0]
    for other in rounds[1:]:
        for cls, v in other["classes"].items():
            m = merged["classes"][cls]
            if m.get("hits") != v.get("hits"):
                sys.exit("better_round.py: %s: class %s finds %s items in one round, %s in another"
                         % (name, cls, m.get("hits"), v.get("hits")))
            for key in ("p50_us", "p95_us", "p99_us"):
                if key in v:
                    m[key] = min(m[key], v[key])
        by_query = {(q["class"], q["query"]): q for q in other["per_query"]}
        for q in merged["per_query"]:
            o = by_query.get((q["class"], q["query"]))
            if o:
                q["p50_us"] = min(q["p50_us"], o["p50_us"])
    merged["rounds"] = len(rounds)
    json.dump(merged, open(os.path.join(out, name + ".json"), "w"))
