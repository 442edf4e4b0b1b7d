// SuggestBenchmark: `imrbench suggest --index FILE (--words FILE | --word W | --mutate N) [--length 10]
// [--seed S] [--repeat R] [--brute]` — latency of spelling suggestions (`SpellingSuggester.suggestions`,
// the dictionary walk plus ranking) for words that are not in the index, p50/p99 µs per word as JSON.
// `--mutate N` makes N misspellings per class from the index's own item-text words (letters only, in at
// least 5 decisions), each `--length` bytes long and absent from the dictionary: one deletion, insertion,
// substitution or transposition (distance 1), and two random edits at distance exactly 2; `top1` is the
// share whose first suggestion is the word misspelled. `--brute` also times the scan of every term.
import IMRSearch
import IMRSynthesis

enum SuggestBenchmark {
    static func run(_ arguments: [String]) -> Int32 {
        let options = Options(arguments)
        let indexPath = options.require("--index")
        let repeatCount = max(1, options.int("--repeat", 5))
        let reader: IndexReader
        do {
            reader = try IndexReader(path: indexPath)
        } catch {
            StandardStreams.error("imrbench suggest: \(error)\n")
            return 1
        }
        let suggester = SpellingSuggester(reader: reader)
        // (class, word, the word it misspells if known)
        var words: [(String, String, String?)] = []
        if let word = options.string("--word") { words.append(("word", word, nil)) }
        if let path = options.string("--words") {
            guard let bytes = try? FileIO.readAll(path) else {
                StandardStreams.error("imrbench suggest: cannot read \(path)\n")
                return 1
            }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let parts = line.split(separator: "\t").map(String.init)
                if parts.isEmpty || parts[0].hasPrefix("#") { continue }
                words.append(
                    parts.count >= 2 ? (parts[0], parts[1], parts.count > 2 ? parts[2] : nil) : ("file", parts[0], nil))
            }
        }
        let perClass = options.int("--mutate", 0)
        if perClass > 0 {
            words += misspellings(
                reader: reader, perClass: perClass, length: options.int("--length", 10),
                seed: UInt64(options.int("--seed", 42)))
        }
        guard !words.isEmpty else {
            StandardStreams.error("imrbench suggest: give --word W, --words FILE or --mutate N\n")
            return 2
        }
        var samples = [[Double]](repeating: [], count: words.count)
        var results: [[SpellingSuggestion]] = []
        for (_, word, _) in words { results.append(suggester.suggestions(for: word, field: .itemText)) }  // warm-up
        for _ in 0..<repeatCount {
            for (i, (_, word, _)) in words.enumerated() {
                let t = Stopwatch()
                let found = suggester.suggestions(for: word, field: .itemText)
                samples[i].append(Double(t.nanoseconds) / 1000)
                if found.count > 99 { StandardStreams.error("") }  // keep the result alive
            }
        }
        var bruteSamples: [Double] = []
        if options.flags.contains("--brute") {
            for (_, word, _) in words {
                let bytes = Array(word.utf8)
                let t = Stopwatch()
                let found = suggester.bruteForceCandidates(
                    for: bytes, field: .itemText, maxDistance: SpellingSuggester.maxDistance(forLength: bytes.count))
                bruteSamples.append(Double(t.nanoseconds) / 1000)
                if found.count > 1 << 30 { StandardStreams.error("") }
            }
        }
        var w = JSONWriter()
        w.beginObject()
        w.field("cmd", "suggest")
        w.field("index", indexPath)
        w.field("terms", reader.dictionary(.itemText).termCount)
        w.field("repeat", repeatCount)
        w.field("timed", "SpellingSuggester.suggestions(for:field: .itemText), in-process, warm")
        func summary(_ indices: [Int]) {
            let all = indices.flatMap { samples[$0] }.sorted()
            w.field("words", indices.count)
            w.field("p50_us", percentile(all, 50), digits: 1)
            w.field("p99_us", percentile(all, 99), digits: 1)
            w.field("max_us", all.last ?? 0, digits: 1)
            let known = indices.filter { words[$0].2 != nil }
            if !known.isEmpty {
                let hit = known.filter { results[$0].first?.term == words[$0].2 }.count
                w.field("top1", Double(hit) / Double(known.count), digits: 3)
            }
            w.field("with_suggestions", indices.filter { !results[$0].isEmpty }.count)
        }
        var classes: [String] = []
        for (c, _, _) in words where !classes.contains(c) { classes.append(c) }
        w.key("all")
        w.beginObject()
        summary(Array(words.indices))
        w.endObject()
        w.key("classes")
        w.beginObject()
        for c in classes {
            w.key(c)
            w.beginObject()
            summary(words.indices.filter { words[$0].0 == c })
            w.endObject()
        }
        w.endObject()
        if !bruteSamples.isEmpty {
            let s = bruteSamples.sorted()
            w.key("brute_force_scan")
            w.beginObject()
            w.field("p50_us", percentile(s, 50), digits: 1)
            w.field("p99_us", percentile(s, 99), digits: 1)
            w.endObject()
        }
        w.key("examples")
        w.beginArray()
        for i in words.indices.prefix(12) {
            w.beginObject()
            w.field("class", words[i].0)
            w.field("word", words[i].1)
            w.field("source", words[i].2)
            w.field("suggestions", results[i].map { "\($0.term) d\($0.distance) \($0.docFreq)" })
            w.field("p50_us", percentile(samples[i].sorted(), 50), digits: 1)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        StandardStreams.output(w.string + "\n")
        return 0
    }

    /// `perClass` misspellings of each class, each `length` bytes and absent from the item-text terms.
    static func misspellings(reader: IndexReader, perClass: Int, length: Int, seed: UInt64) -> [(
        String, String, String?
    )] {
        let dictionary = reader.dictionary(.itemText)
        var sources: [[UInt8]] = []
        dictionary.forEachTerm { ordinal, term in
            if term.count >= length - 2 && term.count <= length + 2 && term.allSatisfy({ $0 >= 97 && $0 <= 122 }),
                (dictionary.info(ordinal)?.docFreq ?? 0) >= 5
            {
                sources.append(term)
            }
            return true
        }
        var random = SyntheticRandom(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        func edit(_ word: inout [UInt8], _ kind: Int) {
            switch kind {
            case 0:
                word.remove(at: random.below(word.count))
            case 1:
                word.insert(random.pick(letters), at: random.below(word.count + 1))
            case 2:
                let i = random.below(word.count)
                var c = random.pick(letters)
                while c == word[i] { c = random.pick(letters) }
                word[i] = c
            default:
                let i = random.below(word.count - 1)
                word.swapAt(i, i + 1)
            }
        }
        let kinds = ["deletion", "insertion", "substitution", "transposition"]
        var out: [(String, String, String?)] = []
        guard !sources.isEmpty else { return out }
        var seen: Set<[UInt8]> = []
        for cls in 0..<5 {
            var made = 0
            var attempts = 0
            while made < perClass && attempts < perClass * 10_000 {
                attempts += 1
                let source = random.pick(sources)
                var word = source
                let distance = cls < 4 ? 1 : 2
                if cls < 4 {
                    edit(&word, cls)
                } else {
                    edit(&word, random.below(4))
                    if word.count >= 2 { edit(&word, random.below(4)) }
                }
                guard word.count == length, !seen.contains(word), dictionary.ordinal(of: word) == nil,
                    SpellingSuggester.distance(source, word) == distance
                else { continue }
                seen.insert(word)
                made += 1
                let name = cls < 4 ? "d1-\(kinds[cls])" : "d2-two-edits"
                out.append(
                    (name, String(decoding: word, as: UTF8.self), String(decoding: source, as: UTF8.self)))
            }
        }
        return out
    }
}
