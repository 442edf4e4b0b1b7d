// UpdateBenchmark: `imrbench update --corpus DIR --work DIR [--new 500] [--changed 50] [--deleted 50]
// [--jobs N] [--repeat R] [--queries FILE]` — the nightly job of issue 12 measured: the corpus is mirrored
// into WORK/letters by hard links, built whole, then changed as a night changes it (new synthetic letters,
// letters rewritten, letters removed); the update is timed against a full rebuild over the same files in
// the same run, and the queries are timed on the updated index (base + delta) and on the fully built one,
// interleaved, with their answers compared. Prints one JSON object.
import IMRSearch
import IMRSynthesis

#if canImport(Glibc)
    import Glibc
#endif

enum UpdateBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let corpus = options.require("--corpus")
        let work = options.require("--work")
        let newCount = options.int("--new", 500)
        let changedCount = options.int("--changed", 50)
        let deletedCount = options.int("--deleted", 50)
        let jobs = options.int("--jobs", 0)
        let repeatCount = options.int("--repeat", 5)
        let queriesPath = options.string("--queries") ?? "Benchmarks/queries.tsv"
        do {
            let letters = work + "/letters"
            _ = mkdir(work, 0o755)
            let files = CorpusWalker(paths: [corpus]).files
            guard files.count > changedCount + deletedCount else {
                StandardStreams.error("imrbench update: \(corpus) holds too few letters\n")
                return 1
            }
            // Mirror the corpus by hard links (a changed letter is written as a new file, never in place).
            var mirrored: [String] = []
            for (k, file) in files.enumerated() {
                let dir = letters + "/" + String(k / 1000)
                if k % 1000 == 0 {
                    _ = mkdir(letters, 0o755)
                    _ = mkdir(dir, 0o755)
                }
                let target = dir + "/" + lastComponent(file)
                if link(file, target) != 0 && errno != EEXIST {
                    let bytes = try FileIO.readAll(file)
                    let out = try AtomicFileWriter(destination: target)
                    try out.write(bytes)
                    try out.commit()
                }
                mirrored.append(target)
            }
            let base = work + "/updated.idx"
            let full = work + "/full.idx"
            for path in [base, base + ".delta", full, full + ".delta"] { unlink(path) }
            let initial = try IndexBuilder.build(IndexBuildOptions(paths: [letters], indexPath: base, jobs: jobs))

            // The night's changes, spread over the corpus.
            let step = max(1, mirrored.count / (changedCount + deletedCount + 1))
            var changed: [String] = []
            var deleted: [String] = []
            for k in 0..<(changedCount + deletedCount) {
                let path = mirrored[(k + 1) * step % mirrored.count]
                if k % 2 == 0 && changed.count < changedCount || deleted.count >= deletedCount {
                    changed.append(path)
                } else {
                    deleted.append(path)
                }
            }
            for path in changed {
                let bytes = try FileIO.readAll(path) + Array("\nThe request was reconsidered on appeal.\n".utf8)
                unlink(path)
                let out = try AtomicFileWriter(destination: path)
                try out.write(bytes)
                try out.commit()
            }
            for path in deleted { unlink(path) }
            _ = mkdir(letters + "/new", 0o755)
            for k in 0..<newCount {
                let letter = SyntheticLetters.letter(index: 50_000_000 + k, seed: 4242)
                let out = try AtomicFileWriter(destination: letters + "/new/" + String(k) + ".txt")
                try out.write(letter.bytes)
                try out.commit()
            }

            let update = try IndexUpdater.update(IndexBuildOptions(paths: [letters], indexPath: base, jobs: jobs))
            let rebuild = try IndexBuilder.build(IndexBuildOptions(paths: [letters], indexPath: full, jobs: jobs))

            // Queries on both, interleaved; answers compared.
            let updated = try IndexSnapshot.open(path: base)
            let merged = try IndexSnapshot.open(path: full)
            let queries: [(String, QueryNode)] = try loadQueryFile(queriesPath).compactMap { cls, text in
                (try? QueryParser.parse(text)).map { (cls, $0) }
            }
            var mismatches = 0
            for (_, q) in queries {
                let a = try Searcher(index: updated).search(q, limit: 10)
                let b = try Searcher(index: merged).search(q, limit: 10)
                if a.count != b.count || zip(a, b).contains(where: { abs($0.score - $1.score) > 1e-9 }) {
                    mismatches += 1
                }
                if try Searcher(index: updated).count(q) != Searcher(index: merged).count(q) { mismatches += 1 }
            }
            var samples: [String: (updated: [Double], merged: [Double])] = [:]
            var classes: [String] = []
            let searchers = (Searcher(index: updated), Searcher(index: merged))
            for round in 0..<(repeatCount + 1) {
                for (cls, q) in queries {
                    if samples[cls] == nil {
                        samples[cls] = ([], [])
                        classes.append(cls)
                    }
                    let order = round % 2 == 0 ? [true, false] : [false, true]
                    for useUpdated in order {
                        let t = Stopwatch()
                        _ = try (useUpdated ? searchers.0 : searchers.1).search(q, limit: 10)
                        let us = Double(t.nanoseconds) / 1000
                        if round == 0 { continue }  // warm-up
                        if useUpdated { samples[cls]!.updated.append(us) } else { samples[cls]!.merged.append(us) }
                    }
                }
            }
            var w = JSONWriter()
            w.beginObject()
            w.field("cmd", "update")
            w.field("letters", update.letters)
            w.field("items", update.items)
            w.field("jobs", update.jobs)
            w.field("initial_build_s", initial.seconds, digits: 3)
            w.field("update_s", update.seconds, digits: 3)
            w.field("full_rebuild_s", rebuild.seconds, digits: 3)
            w.field("speedup", rebuild.seconds / max(update.seconds, 1e-9), digits: 1)
            w.field("added", update.added)
            w.field("changed", update.changed)
            w.field("deleted", update.deleted)
            w.field("unchanged", update.unchanged)
            w.field("delta_bytes", Int(FileIO.status(base + ".delta")?.size ?? 0))
            w.field("answer_mismatches", mismatches)
            w.key("latency")
            w.beginObject()
            var worst = 0.0
            var allUpdated: [Double] = []
            var allMerged: [Double] = []
            for cls in classes {
                let s = samples[cls]!
                let u = s.updated.sorted()
                let m = s.merged.sorted()
                allUpdated += u
                allMerged += m
                let ratio = percentile(u, 50) / max(percentile(m, 50), 1e-9)
                worst = max(worst, ratio)
                w.key(cls)
                w.beginObject()
                w.field("updated_p50_us", percentile(u, 50), digits: 1)
                w.field("merged_p50_us", percentile(m, 50), digits: 1)
                w.field("updated_p99_us", percentile(u, 99), digits: 1)
                w.field("merged_p99_us", percentile(m, 99), digits: 1)
                w.field("p50_ratio", ratio, digits: 3)
                w.endObject()
            }
            w.endObject()
            let totalUpdated = allUpdated.reduce(0, +)
            let totalMerged = allMerged.reduce(0, +)
            w.field("total_time_ratio", totalUpdated / max(totalMerged, 1e-9), digits: 3)
            w.field("worst_class_p50_ratio", worst, digits: 3)
            w.endObject()
            StandardStreams.output(w.string + "\n")
            return 0
        } catch {
            StandardStreams.error("imrbench update: \(error)\n")
            return 1
        }
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
