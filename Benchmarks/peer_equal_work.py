#!/usr/bin/env python3
"""tantivy doing the indexing work imrsearch does, for the equal-work build comparison.

../shared/bench/peers.py gives tantivy the three item text fields only. imrsearch's index holds more: the
letter's summary (positions), ten keyword fields, six numeric columns and the whole letter text, stored once
per letter. This builds a tantivy index with the same content from the same `imrsearch parse` JSON Lines:

  per item:   treatment, rationale, guideline       text, positions (stored: no; the letter text is)
              decision, source, section, page, specialty, state, sex, priority, case, file
                                                    raw keywords, multi-valued, indexed
              age, injured, decided, assigned, ur, year
                                                    i64 fast fields (columns)
  per letter: summary                               text, positions, on the letter's first item
              the letter file's text                stored, on the letter's first item

The letter files are read and the Python Document objects built before the clock starts, as peers.py loads its
items before its clock; the timed part is tantivy's own work: add_document (which converts each Document into
tantivy's own document), the final commit and the merges it waits for. The time the Document objects took is
reported as python_document_seconds.

  peer_equal_work.py --items ITEMS.jsonl --index DIR [--threads N]     prints one JSON object
"""
import argparse
import datetime
import json
import os
import re
import time

KEYWORDS = ("decision", "source", "section", "page", "specialty", "state", "sex", "priority", "case", "file")
NUMBERS = ("age", "injured", "decided", "assigned", "ur", "year")
EPOCH = datetime.date(1970, 1, 1)


def days(text):
    if not text:
        return None
    y, m, d = (int(x) for x in text.split("-"))
    return (datetime.date(y, m, d) - EPOCH).days


def pages(text):
    """Every page a 'Page(s)' string cites; a range expands to each page (at most 200)."""
    out = []
    for a, b in re.findall(r"(\d+)(?:\s*-\s*(\d+))?", text):
        lo = int(a)
        hi = int(b) if b else lo
        out.extend(range(lo, hi + 1) if 0 <= hi - lo <= 200 else [lo, hi])
    return out


def load(path):
    docs = []
    text_bytes = 0
    letters = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            letter = json.loads(line)
            letters += 1
            with open(letter["file"], "rb") as lf:
                letter_text = lf.read()
            text_bytes += len(letter_text)
            dates = letter.get("dates") or {}
            reviewer = letter.get("reviewer") or {}
            patient = letter.get("patient") or {}
            year_source = dates.get("decision") or dates.get("ur_denial") or dates.get("injury")
            shared_keywords = [("specialty", s) for s in reviewer.get("specialties") or []]
            shared_keywords += [("state", s) for s in reviewer.get("licensure") or []]
            for name, value in (("sex", patient.get("sex")), ("priority", letter.get("priority")),
                                ("case", letter.get("case_number")),
                                ("file", os.path.basename(letter["file"]).lower())):
                if value:
                    shared_keywords.append((name, str(value).lower()))
            numbers = {"age": patient.get("age"), "injured": days(dates.get("injury")),
                       "decided": days(dates.get("decision")), "assigned": days(dates.get("assigned")),
                       "ur": days(dates.get("ur_denial")), "year": int(year_source[:4]) if year_source else None}
            for n, item in enumerate(letter.get("items") or []):
                guideline = " ".join(x for x in (item.get("claims_administrator_guideline"),
                                                  item.get("reviewer_guideline")) if x)
                keywords = [("decision", (item.get("decision") or "").lower())]
                keywords += [("source", s.lower()) for s in item.get("sources") or []]
                keywords += [("section", s.lower()) for s in item.get("sections") or []]
                keywords += [("page", str(p)) for text in item.get("pages") or [] for p in pages(text)]
                docs.append({
                    "treatment": item.get("treatment") or "", "rationale": item.get("rationale") or "",
                    "guideline": guideline, "keywords": keywords + shared_keywords, "numbers": numbers,
                    "summary": (letter.get("summary") or "") if n == 0 else None,
                    "letter": letter_text if n == 0 else None,
                })
    return docs, letters, text_bytes


def make_document(tantivy, d):
    doc = tantivy.Document()
    doc.add_text("treatment", d["treatment"])
    doc.add_text("rationale", d["rationale"])
    doc.add_text("guideline", d["guideline"])
    if d["summary"] is not None:
        doc.add_text("summary", d["summary"])
    for name, value in d["keywords"]:
        doc.add_text(name, value)
    for name in NUMBERS:
        value = d["numbers"][name]
        doc.add_integer(name, value if value is not None else -(1 << 31))
    if d["letter"] is not None:
        doc.add_bytes("letter", d["letter"])
    return doc


def document_seconds(docs):
    """Time to build the Python Document objects alone: interpreter work inside the timed build loop."""
    import tantivy
    t0 = time.perf_counter()
    for d in docs:
        make_document(tantivy, d)
    return time.perf_counter() - t0


def build(docs, index, threads):
    import tantivy
    sb = tantivy.SchemaBuilder()
    for f in ("treatment", "rationale", "guideline", "summary"):
        sb.add_text_field(f, stored=False, tokenizer_name="default", index_option="position")
    for f in KEYWORDS:
        sb.add_text_field(f, stored=False, tokenizer_name="raw", index_option="basic")
    for f in NUMBERS:
        sb.add_integer_field(f, stored=False, indexed=False, fast=True)
    sb.add_bytes_field("letter", stored=True, indexed=False, fast=False)
    os.makedirs(index, exist_ok=True)
    idx = tantivy.Index(sb.build(), path=index, reuse=False)
    writer = idx.writer(heap_size=1_000_000_000, num_threads=threads or 0)
    documents = [make_document(tantivy, d) for d in docs]  # before the clock, as peers.py loads its items
    import resource
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    for document in documents:
        writer.add_document(document)
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    w2 = tantivy.Index.open(index).writer(heap_size=50_000_000, num_threads=1)
    w2.garbage_collect_files()
    w2.wait_merging_threads()
    return seconds, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    docs, letters, text_bytes = load(a.items)
    python_seconds = document_seconds(docs)
    seconds, cpu = build(docs, a.index, a.threads)
    size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(a.index) for f in fs)
    import resource
    print(json.dumps({"cmd": "build", "engine": "tantivy-equal-work", "items": len(docs), "letters": letters,
                      "input_bytes": text_bytes, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                      "items_per_s": round(len(docs) / seconds), "index_bytes": size,
                      "python_document_seconds": round(python_seconds, 3),
                      "threads": a.threads or "engine default",
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}, indent=1))


if __name__ == "__main__":
    main()
