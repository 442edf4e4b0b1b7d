// SpellingSuggester: "did you mean" for query words that match nothing — the indexed terms of the word's
// field within Damerau–Levenshtein distance 2, ranked, and the stderr text of a query without hits.
//
// Distance: optimal string alignment (OSA, the "restricted" Damerau–Levenshtein distance): insertions,
// deletions, substitutions and transpositions of two adjacent bytes cost 1 each, and no substring is edited
// twice (so "ca" → "abc" is 3, not 2 as in the unrestricted distance). It works on the UTF-8 bytes of
// terms, which after the tokenizer's folding are ASCII for Latin text.
//
// Search: one walk of the field's sorted term dictionary (`TermCursor`) that runs the word's Levenshtein automaton
// (with transpositions) over each term, one step per term byte. The automaton is the nondeterministic one, simulated
// bit-parallel (Wu–Manber, Baeza-Yates–Navarro; Hyyrö's transposition term): after a term prefix of i bytes, state
// vector R_d has bit j set when the word's first j bytes are within OSA distance d of it (R_d = {j : D[i][j] <= d},
// the DP matrix's row i thresholded), so one step is k + 1 shift/and/or words instead of a row of cells (words of up
// to 63 bytes; a longer one, only ever a long keyword value, is compared with every term). Consecutive terms share
// prefixes (the front coding stores the length) and the state of a prefix depends only on that prefix, so a stack of
// states per prefix length is kept and only the differing suffix is stepped. When R_k is empty — every cell of the
// DP row exceeds k — no term with that prefix can come within k (a later cell derives from a cell of that row, or by
// a transposition from the row before, whose cell would put a neighbour in this row within k: the usual OSA
// argument), so the walk skips every term with that prefix: an exponential then binary search on the blocks' first
// terms jumps to the block where the prefix ends (`seek(toFirstTermAfterPrefix:)`), and the terms left of it in that
// block are passed over undecoded (`next(skippingPrefix:)`). The walk thus visits about the terms whose prefixes are
// within k of some prefix of the word — what the automaton intersected with the dictionary's trie visits — plus up
// to 15 front-coded neighbours per skip, and allocates nothing per term. (A DP walk over capped, band-limited rows,
// same pruning, measured 12% slower: p50 680 vs 600 µs on a 232k-term dictionary.)
// - Complexity: O(V · k) word operations, V the term bytes stepped — for a 10-letter word about 1/5 of the
//   dictionary's non-shared bytes on the bundled corpus (2,071 terms), 1/75 on a 232k-term dictionary (12k of
//   934k) — plus O(log(blocks skipped)) block-first-term comparisons per skip.
//
// Ranking (documented in README "Spelling suggestions"): candidates are the terms at distance 1…maxDistance
// (maxDistance 2, or 1 for words of up to 4 bytes) that occur in the searched columns. A candidate whose
// decision count is under 1% of the most frequent candidate's is dropped (a typo indexed from the letters
// themselves next to the word it misspells); the rest rank by distance, then those that keep the word's first
// letter (typos there are rarer), then by decision count (higher first), then by bytes; the first 3 are shown.

/// A query word that matched nothing in its field, recorded by the planner (outside NOT clauses).
public struct UnmatchedQueryWord: Sendable, Hashable {
    /// The field searched: `itemText` (with `columns`), `summary`, or the `drug` keyword field.
    public var field: IndexField
    /// For `itemText`: the frequency columns searched (bit 0 treatment, 1 rationale, 2 guideline).
    public var columns: Int
    /// The word as looked up (tokenized, or the normalised keyword value).
    public var word: String
    /// What precedes the word in the query as shown: "", "treatment:", "summary:", "drug:".
    public var label: String
    /// The planner's note for this word (a keyword value), which the suggestion line replaces.
    public var note: String?

    public init(field: IndexField, columns: Int, word: String, label: String, note: String? = nil) {
        self.field = field
        self.columns = columns
        self.word = word
        self.label = label
        self.note = note
    }
}

/// One suggested term.
public struct SpellingSuggestion: Sendable, Equatable {
    public var term: String
    /// OSA distance from the word, 1 or 2.
    public var distance: Int
    /// Decisions (items) with the term in the searched columns; letters for the summary field.
    public var docFreq: Int

    public init(term: String, distance: Int, docFreq: Int) {
        self.term = term
        self.distance = distance
        self.docFreq = docFreq
    }
}

/// The suggestions for one unmatched word, and the line that shows them.
public struct WordSuggestions: Sendable, Equatable {
    public var word: UnmatchedQueryWord
    public var suggestions: [SpellingSuggestion]
    /// `no decisions match "acupunture"; did you mean "acupuncture" (14,958 decisions)?`
    public var line: String
}

public struct SpellingSuggester {
    public let reader: IndexReader
    /// The other files of an updated index (base + delta): their terms are suggested too, counts summed.
    let others: [IndexReader]

    /// Suggestions shown per word.
    public static let defaultLimit = 3
    /// A candidate with fewer decisions than this share of the best candidate's is dropped.
    public static let minimumShareOfBest = 0.01

    public init(reader: IndexReader) {
        self.reader = reader
        others = []
    }

    /// Suggestions from every file of `index` (the delta's new words too).
    public init(index: IndexSnapshot) {
        reader = index.base
        others = index.segments.dropFirst().map(\.reader)
    }

    /// The largest distance suggested for a word of `length` bytes: 2, 1 up to 4 bytes, 0 (none) for 1.
    public static func maxDistance(forLength length: Int) -> Int {
        length <= 1 ? 0 : length <= 4 ? 1 : 2
    }

    // MARK: distance

    /// The optimal-string-alignment distance of two byte strings (transposing adjacent bytes costs 1).
    /// - Complexity: O(a.count · b.count).
    public static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = a.count
        let m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        var d = [Int](repeating: 0, count: (n + 1) * (m + 1))
        let w = m + 1
        for i in 0...n { d[i * w] = i }
        for j in 0...m { d[j] = j }
        for i in 1...n {
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = min(v, d[(i - 2) * w + j - 2] + 1)
                }
                d[i * w + j] = v
            }
        }
        return d[n * w + m]
    }

    public static func distance(_ a: String, _ b: String) -> Int { distance(Array(a.utf8), Array(b.utf8)) }

    // MARK: candidates

    /// Every term of `field` at distance 1…`maxDistance` from `word`, in term order, as (ordinal,
    /// distance), found by the pruned dictionary walk described at the top of this file.
    public func candidates(for word: [UInt8], field: IndexField, maxDistance k: Int) -> [(
        ordinal: Int, distance: Int
    )] {
        var rowsComputed = 0
        return candidates(for: word, field: field, maxDistance: k, rowsComputed: &rowsComputed)
    }

    /// The same set as `candidates(for:field:maxDistance:)` by computing the distance to every term: the
    /// reference the tests compare the walk with.
    public func bruteForceCandidates(for word: [UInt8], field: IndexField, maxDistance k: Int) -> [(
        ordinal: Int, distance: Int
    )] {
        var found: [(ordinal: Int, distance: Int)] = []
        reader.dictionary(field).forEachTerm { ordinal, term in
            let d = SpellingSuggester.distance(term, word)
            if d > 0 && d <= k { found.append((ordinal, d)) }
            return true
        }
        return found
    }

    /// The walk; `rowsComputed` counts the rows (term bytes) computed — the tests check that it prunes.
    func candidates(for word: [UInt8], field: IndexField, maxDistance k: Int, rowsComputed: inout Int) -> [(
        ordinal: Int, distance: Int
    )] {
        var found: [(ordinal: Int, distance: Int)] = []
        let m = word.count
        guard m > 0, k > 0 else { return found }
        // The state vectors hold 64 bits; longer words (only long keyword values) are compared with every term.
        if m > 63 || k > 7 { return bruteForceCandidates(for: word, field: field, maxDistance: k) }
        var masks = [UInt64](repeating: 0, count: 256)
        for (j, b) in word.enumerated() { masks[Int(b)] |= 1 << UInt64(j + 1) }
        let stride = k + 1
        var states = [UInt64](repeating: 0, count: stride * (m + k + 2))
        for d in 0...k { states[d] = (1 << UInt64(d + 1)) - 1 }
        let accept: UInt64 = 1 << UInt64(m)
        let live: UInt64 = (accept << 1) &- 1  // bits 0...m; shifts must not carry states past the word
        var cursor = TermCursor(reader.dictionary(field))
        var valid = 0
        var skipDepth = Int.max
        states.withUnsafeMutableBufferPointer { r in
            masks.withUnsafeBufferPointer { b in
                while cursor.next(skippingPrefix: skipDepth) {
                    skipDepth = Int.max
                    if valid > cursor.shared { valid = cursor.shared }
                    let length = cursor.length
                    var pruneAt = 0
                    cursor.withTerm { t in
                        var i = valid + 1
                        while i <= length {
                            let row = i * stride
                            let previous = row - stride
                            let bc = b[Int(t[i - 1])]
                            var r0 = (r[previous] << 1) & bc
                            r[row] = r0
                            var swapMask: UInt64 = 0
                            if i > 1 { swapMask = (bc << 1) & b[Int(t[i - 2])] }
                            for d in 1...k {
                                let before = r[previous + d - 1]
                                var v = ((r[previous + d] << 1) & bc) | before | (before << 1) | (r0 << 1)
                                if i > 1 { v |= (r[previous - stride + d - 1] << 2) & swapMask }
                                v &= live
                                r[row + d] = v
                                r0 = v
                            }
                            valid = i
                            rowsComputed += 1
                            if r0 == 0 {
                                pruneAt = i
                                break
                            }
                            i += 1
                        }
                    }
                    if pruneAt > 0 {
                        skipDepth = pruneAt
                        cursor.seek(toFirstTermAfterPrefix: pruneAt)
                        continue
                    }
                    let row = length * stride
                    if r[row] & accept == 0 {
                        for d in 1...k where r[row + d] & accept != 0 {
                            found.append((cursor.ordinal, d))
                            break
                        }
                    }
                }
            }
        }
        return found
    }

    // MARK: suggestions

    /// Decisions with term `ordinal` of `field` in the columns `columns` (itemText; all columns when it
    /// covers them all, else the one named); the docFreq for other fields.
    private func count(_ ordinal: Int, field: IndexField, columns: Int) -> Int {
        guard let info = reader.dictionary(field).info(ordinal) else { return 0 }
        let all = (1 << field.frequencyColumns) - 1
        if field.frequencyColumns <= 1 || columns & all == all || columns == 0 { return info.docFreq }
        // A named text field searches one column; for a mask of several, the largest column is a lower
        // bound of the decisions (the exact count would need the postings).
        var best = 0
        for c in 0..<field.frequencyColumns where columns & (1 << c) != 0 {
            best = max(best, info.columnDocFreq[c])
        }
        return best
    }

    /// Up to `limit` indexed terms of `field` close to `word`, best first (see the ranking rule above);
    /// none when the word itself occurs in the searched columns, is shorter than 2 bytes or longer than 63,
    /// or is a number. `columns` selects itemText's columns (default all).
    public func suggestions(
        for word: String, field: IndexField, columns: Int = 0b111, limit: Int = SpellingSuggester.defaultLimit
    ) -> [SpellingSuggestion] {
        guard !others.isEmpty else { return fileSuggestions(for: word, field: field, columns: columns, limit: limit) }
        // Each file's candidates, counts summed per term (the base's deleted letters still count: a ranking,
        // not an answer), then ranked as one list.
        var merged: [String: (distance: Int, docFreq: Int)] = [:]
        for file in [reader] + others {
            let one = SpellingSuggester(reader: file)
            if one.holds(word, field: field, columns: columns) { return [] }
            for s in one.fileSuggestions(for: word, field: field, columns: columns, limit: 64) {
                merged[s.term, default: (s.distance, 0)].docFreq += s.docFreq
            }
        }
        let terms = merged.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let first = word.utf8.first
        let found = terms.enumerated().map { k, term in
            Candidate(
                ordinal: k, distance: merged[term]!.distance, docFreq: merged[term]!.docFreq,
                keepsFirstByte: term.utf8.first == first)
        }
        return SpellingSuggester.rank(found, limit: limit).map { c in
            SpellingSuggestion(term: terms[c.ordinal], distance: c.distance, docFreq: c.docFreq)
        }
    }

    /// Whether this file holds `word` in `field` (in one of `columns`).
    func holds(_ word: String, field: IndexField, columns: Int) -> Bool {
        guard let ordinal = reader.dictionary(field).ordinal(of: Array(word.utf8)) else { return false }
        return count(ordinal, field: field, columns: columns) > 0
    }

    /// Suggestions from this file alone.
    func fileSuggestions(for word: String, field: IndexField, columns: Int, limit: Int) -> [SpellingSuggestion] {
        let bytes = Array(word.utf8)
        let k = SpellingSuggester.maxDistance(forLength: bytes.count)
        guard k > 0, bytes.count <= 63, limit > 0, !bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return []
        }
        let dictionary = reader.dictionary(field)
        if let ordinal = dictionary.ordinal(of: bytes), count(ordinal, field: field, columns: columns) > 0 {
            return []
        }
        var found: [Candidate] = []
        var terms: [Int: [UInt8]] = [:]
        for c in candidates(for: bytes, field: field, maxDistance: k) {
            let n = count(c.ordinal, field: field, columns: columns)
            guard n > 0 else { continue }
            dictionary.scanBlock(c.ordinal / 16, from: c.ordinal % 16) { _, term in
                terms[c.ordinal] = term
                return false
            }
            found.append(
                Candidate(
                    ordinal: c.ordinal, distance: c.distance, docFreq: n,
                    keepsFirstByte: terms[c.ordinal]?.first == bytes.first))
        }
        return SpellingSuggester.rank(found, limit: limit).compactMap { c in
            terms[c.ordinal].map {
                SpellingSuggestion(term: String(decoding: $0, as: UTF8.self), distance: c.distance, docFreq: c.docFreq)
            }
        }
    }

    /// A candidate as ranked: its term order, distance, count, and whether it starts like the word.
    struct Candidate: Equatable {
        var ordinal: Int
        var distance: Int
        var docFreq: Int
        var keepsFirstByte: Bool
    }

    /// The ranking rule: candidates (count > 0) with a count under `minimumShareOfBest` of the highest are
    /// dropped; the rest sort by distance, then those starting with the word's first byte (a typo in the
    /// first letter is the rarer one: "kne" is "knee" before "one"), then count (higher first), then term
    /// order; the first `limit` are kept.
    static func rank(_ candidates: [Candidate], limit: Int) -> [Candidate] {
        guard let best = candidates.map(\.docFreq).max() else { return [] }
        let floor = Double(best) * SpellingSuggester.minimumShareOfBest
        let kept = candidates.filter { Double($0.docFreq) >= floor }.sorted { a, b in
            if a.distance != b.distance { return a.distance < b.distance }
            if a.keepsFirstByte != b.keepsFirstByte { return a.keepsFirstByte }
            return a.docFreq != b.docFreq ? a.docFreq > b.docFreq : a.ordinal < b.ordinal
        }
        return Array(kept.prefix(max(0, limit)))
    }

    /// The suggestions for each distinct unmatched word that has some, with its line.
    public func suggestions(
        for unmatched: [UnmatchedQueryWord], limit: Int = SpellingSuggester.defaultLimit
    ) -> [WordSuggestions] {
        var seen: Set<UnmatchedQueryWord> = []
        var out: [WordSuggestions] = []
        for word in unmatched where seen.insert(word).inserted {
            let found = suggestions(for: word.word, field: word.field, columns: word.columns, limit: limit)
            if found.isEmpty { continue }
            let unit = word.field == .summary ? ("letter", "letters") : ("decision", "decisions")
            let shown = found.map { s in
                "\"\(word.label)\(s.term)\" (\(StatsPrinter.grouped(s.docFreq)) \(s.docFreq == 1 ? unit.0 : unit.1))"
            }
            let list =
                shown.count == 1
                ? shown[0] : shown.dropLast().joined(separator: ", ") + " or " + shown[shown.count - 1]
            out.append(
                WordSuggestions(
                    word: word, suggestions: found,
                    line: "no decisions match \"\(word.label)\(word.word)\"; did you mean \(list)?"))
        }
        return out
    }

    /// The stderr text for a query without hits: one `imrsearch: no decisions match …; did you mean …?`
    /// line per unmatched word with suggestions; empty when there are none. (It does not run the query:
    /// call it when the query has no hits.)
    public func noHitsText(for query: QueryNode) throws -> String {
        var unmatched: [UnmatchedQueryWord] = []
        for (k, file) in ([reader] + others).enumerated() {
            var planner = QueryPlanner(reader: file)
            _ = try planner.plan(query)
            // A word unmatched in one file but present in another is no misspelling.
            unmatched = k == 0 ? planner.unmatched : unmatched.filter { planner.unmatched.contains($0) }
        }
        return suggestions(for: unmatched).map { "imrsearch: \($0.line)\n" }.joined()
    }
}
