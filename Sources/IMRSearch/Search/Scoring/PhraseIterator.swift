// PhraseIterator: a phrase ("a b c": consecutive positions, in order) or a proximity match ("a b"~N: all
// tokens within a window of N extra positions, any order) inside one column of a text field. Candidates
// come from the intersection of the tokens' postings; positions are read only for those candidates (and,
// inside an AND, only once the other clauses hold too: the phrase is two-phase).
// Score: BM25 of the phrase frequency with the summed idf of its tokens (as Lucene scores phrases).

final class PhraseIterator: DocIterator {
    private let terms: [TermIterator]
    /// For each phrase token, the index of its term in `terms`.
    private let tokenTerm: [Int]
    private let conjunction: IntersectionIterator
    private let slop: Int?
    private let mask: Int
    private let columns: Int
    private let field: IndexField
    // Per-document scratch in raw buffers (class-held arrays would pay a uniqueness check per write).
    private let frequencies: UnsafeMutablePointer<UInt32>
    /// Per column, the smallest tf of the tokens at the document `matches` reads and the bound it gives
    /// (while pruning), and the order `matches` reads the columns in.
    private let columnCaps: UnsafeMutablePointer<UInt32>
    private let columnCapBounds: UnsafeMutablePointer<Double>
    private let columnOrder: UnsafeMutablePointer<Int>
    /// The tokens' tfs at that document, column after column (`tokenCount` each).
    private let columnTokenTfs: UnsafeMutablePointer<UInt32>
    /// Positions of every token of the current document and column, back to back.
    private var buffer: UnsafeMutablePointer<UInt32>
    private var capacity = 256
    private let starts: UnsafeMutablePointer<Int>
    private let counts: UnsafeMutablePointer<Int>
    private let cursorsScratch: UnsafeMutablePointer<Int>
    /// Token indices in the order they filter a document's phrase starts: by increasing document
    /// frequency at first, then (every `reorderInterval` documents) by how many of the starts they were
    /// given each has removed so far, most selective first. On "the request is not medically necessary",
    /// which no letter holds, "request" (never followed by "is") comes to the front and the others are
    /// seldom read.
    private let order: UnsafeMutablePointer<Int>
    /// Per token: phrase starts it was asked to filter, and how many it removed.
    private let filterTested: UnsafeMutablePointer<Int>
    private let filterRemoved: UnsafeMutablePointer<Int>
    private var filteredDocuments = 0
    private static let reorderInterval = 64
    /// The cursor of each phrase token (repeated for a repeated word), unretained in a raw buffer: `terms`
    /// owns the cursors, and the per-document loops do no reference counting or array checks.
    private let cursorRefs: UnsafeMutablePointer<Unmanaged<PostingsCursor>>
    private let tokenCount: Int
    /// The first term (owned by `terms`), whose norms and length tables every token shares.
    private let firstTerm: Unmanaged<TermIterator>
    /// The phrase's score contribution in column c for a phrase frequency f in 1...`smallFrequencies` at
    /// norm code `code`: `smallFrequency[(c · smallFrequencies + f − 1) · 256 + code]` (the common cases of
    /// the per-document bound, without a division).
    private static let smallFrequencies = 4
    private let smallFrequency: UnsafeMutablePointer<Double>
    /// `phraseIdf` in a raw buffer, for the per-document loops.
    private let phraseIdfs: UnsafeMutablePointer<Double>
    /// Each token's tf in the column at hand (points into `columnTokenTfs`).
    private var tokenTfs: UnsafeMutablePointer<UInt32>
    /// The conjunction's cursors when its children are all plain term iterators (`nextCandidate`), else
    /// empty.
    private let plainCursors: [Unmanaged<PostingsCursor>]
    private let label: String
    /// The lead token's cursor (`chooseLead`: the rarest, or a rival whose blocks bound lower; first of the
    /// conjunction's children) and the
    /// factor that turns its block maxima into bounds of the phrase: the largest over the masked columns
    /// of the phrase's weight × summed idf over the lead's weight × idf. The phrase frequency is at most
    /// the lead's tf, so a document's phrase score is at most `leadRatio` × the lead's own score.
    private let leadCursor: Unmanaged<PostingsCursor>
    /// `nextCandidate`'s per-document bound after the lead: the other cursors (indices into
    /// `plainCursors`) in the order they are sought, the most often decisive first (re-sorted every
    /// `boundReorderInterval` documents from `boundTested` / `boundRejected`); `least` holds, per column, the
    /// smallest tf of the words sought so far. On "the medical records" the lead is "records" and the word
    /// that rules documents out most often comes first.
    private let boundOrder: UnsafeMutablePointer<Int>
    private let boundCursorCount: Int
    private let boundTested: UnsafeMutablePointer<Int>
    private let boundRejected: UnsafeMutablePointer<Int>
    private let least: UnsafeMutablePointer<UInt32>
    private var boundChecks = 0
    private static let boundReorderInterval = 256
    private let leadRatio: Double
    /// The tokens' block bound, asked while it pays (`blockBound`): whether it is asked now, how often it
    /// was asked in this trial or rest, and how often it ruled the stretch out.
    private var usesTokensBound = true
    private var tokensBoundAsked = 0
    private var tokensBoundRuledOut = 0
    static let tokensBoundTrial = 256
    static let tokensBoundRest = 1024
    /// The lead's per-document bound as a table (`leadBound(_:_:_:at:)`), built once the lead has scanned
    /// `leadTableAfter` blocks (a phrase that ends sooner never pays for building its 60 KB), and the field's norm
    /// codes it reads.
    private var leadTable: UnsafePointer<Double>? = nil
    private var leadNorms: UnsafePointer<UInt8>? = nil
    private var leadScans = 0
    private static let leadTableRows = 10
    /// Lead blocks scanned before the table is built (tests lower it, so that their small indexes take
    /// the table's path too; the results are the same either way).
    nonisolated(unsafe) static var leadTableAfter = 128
    /// Per column: weight × the summed idf of the phrase's tokens.
    private let phraseIdf: [Double]

    init(
        terms: [TermIterator], tokenTerm: [Int], slop: Int?, mask: Int, field: IndexField, label: String
    ) {
        self.terms = terms
        self.tokenTerm = tokenTerm
        self.slop = slop
        self.mask = mask
        self.field = field
        self.label = label
        columns = field.frequencyColumns
        buffer = .allocate(capacity: 256)
        let k = tokenTerm.count
        frequencies = .allocate(capacity: 3)
        frequencies.initialize(repeating: 0, count: 3)
        columnCaps = .allocate(capacity: 3)
        columnCaps.initialize(repeating: 0, count: 3)
        columnCapBounds = .allocate(capacity: 3)
        columnCapBounds.initialize(repeating: 0, count: 3)
        columnOrder = .allocate(capacity: 3)
        columnOrder.initialize(repeating: 0, count: 3)
        columnTokenTfs = .allocate(capacity: 3 * k)
        columnTokenTfs.initialize(repeating: 0, count: 3 * k)
        starts = .allocate(capacity: k)
        starts.initialize(repeating: 0, count: k)
        counts = .allocate(capacity: k)
        counts.initialize(repeating: 0, count: k)
        cursorsScratch = .allocate(capacity: k)
        cursorsScratch.initialize(repeating: 0, count: k)
        order = .allocate(capacity: k)
        let byFrequency = (0..<k).sorted { terms[tokenTerm[$0]].cursor.docCount < terms[tokenTerm[$1]].cursor.docCount }
        order.initialize(from: byFrequency, count: k)
        filterTested = .allocate(capacity: k)
        filterTested.initialize(repeating: 0, count: k)
        filterRemoved = .allocate(capacity: k)
        filterRemoved.initialize(repeating: 0, count: k)
        tokenCount = k
        firstTerm = Unmanaged.passUnretained(terms[0])
        cursorRefs = .allocate(capacity: k)
        cursorRefs.initialize(from: tokenTerm.map { Unmanaged.passUnretained(terms[$0].cursor) }, count: k)
        tokenTfs = columnTokenTfs
        phraseIdf = (0..<3).map { c in tokenTerm.reduce(0.0) { $0 + terms[$1].weightIdf[c] } }
        let leadTerm = PhraseIterator.chooseLead(terms, phraseIdf: phraseIdf, mask: mask, columns: columns)
        conjunction = IntersectionIterator(terms, lead: leadTerm)
        plainCursors = conjunction.plainCursorList
        smallFrequency = terms[0].smallFrequencyTable(weights: phraseIdf, upTo: PhraseIterator.smallFrequencies)
        phraseIdfs = .allocate(capacity: 3)
        phraseIdfs.initialize(from: phraseIdf, count: 3)
        leadCursor = Unmanaged.passUnretained(leadTerm.cursor)
        var ratio = 0.0
        for c in 0..<3 where mask & (1 << c) != 0 && phraseIdf[c] > 0 {
            ratio = leadTerm.weightIdf[c] > 0 ? max(ratio, phraseIdf[c] / leadTerm.weightIdf[c]) : .infinity
        }
        leadRatio = ratio * (1 + 1e-9)
        let cursorCount = max(plainCursors.count, 1)
        boundCursorCount = cursorCount - 1
        boundOrder = .allocate(capacity: cursorCount)
        boundOrder.initialize(from: Array(1..<max(cursorCount, 2)), count: max(cursorCount - 1, 1))
        boundTested = .allocate(capacity: cursorCount)
        boundTested.initialize(repeating: 0, count: cursorCount)
        boundRejected = .allocate(capacity: cursorCount)
        boundRejected.initialize(repeating: 0, count: cursorCount)
        least = .allocate(capacity: 3)
        least.initialize(repeating: 0, count: 3)
        super.init()
        doc = conjunction.doc
        advanceToMatch()
    }

    private var minCompetitive = -Double.infinity
    private var boundLast: UInt32 = 0
    private var boundValue = Double.infinity

    override func setMinCompetitive(_ score: Double) {
        minCompetitive = score
        boundLast = 0
        boundValue = Double.infinity
    }

    override var maxScore: Double { terms.reduce(0) { $0 + $1.maxScore } * 1.0 }

    /// Moves to the next candidate whose positions match.
    private func advanceToMatch() {
        while true {
            advanceToCandidate()
            if doc == DocIterator.end || competitiveMatch() { return }
            doc = conjunction.next()
        }
    }

    /// Moves to the next document holding every token (from `doc` on), skipping stretches whose block
    /// bound cannot reach `minCompetitive`.
    private func advanceToCandidate() {
        guard minCompetitive > 0 else { return }
        while doc != DocIterator.end {
            if doc > boundLast || boundValue == Double.infinity {
                (boundLast, boundValue) = blockBound(from: doc)
            }
            if boundValue < minCompetitive && boundLast != DocIterator.end - 1 {
                doc = conjunction.seek(boundLast &+ 1)
                boundValue = Double.infinity
                continue
            }
            return
        }
    }

    /// Whether the candidate could still compete and its positions match.
    private func competitiveMatch() -> Bool {
        if minCompetitive > 0 && documentBound() < minCompetitive { return false }
        return matches()
    }

    override var isTwoPhase: Bool { true }

    override var leadsWhenPruning: Bool { !plainCursors.isEmpty }

    /// As a lead of an intersection the phrase moves by `approximateNext`: it also passes over documents
    /// whose frequency bound cannot compete, before any other child is sought. As a follower it moves by
    /// `approximateSeek`, which stops at the first candidate (stepping further would read documents the
    /// lead never asks about); `confirm()` checks the bound then.
    override func approximateNext() -> UInt32 {
        if minCompetitive > 0 && !plainCursors.isEmpty { return nextCandidate() }
        doc = conjunction.next()
        while true {
            advanceToCandidate()
            if doc == DocIterator.end || minCompetitive <= 0 || documentBound() >= minCompetitive { return doc }
            doc = conjunction.next()
        }
    }

    /// The next document after the current one that holds every token and whose block and document
    /// bounds can reach `minCompetitive`, in one loop over the conjunction's postings cursors (its children
    /// are plain term iterators): a candidate the bounds reject costs no call through the conjunction,
    /// which takes the cursors' document only when one is returned. Only while pruning.
    /// The lead (`chooseLead`) is bounded alone first — the phrase frequency is at most its tf — so a
    /// document it rules out never moves the other cursors: on phrases of common words most candidates
    /// fall there.
    private func nextCandidate() -> UInt32 {
        plainCursors.withUnsafeBufferPointer { cursors in
            let lead = cursors[0]
            var d = lead._withUnsafeGuaranteedRef { $0.next() }
            while d != DocIterator.end {
                if d > boundLast || boundValue == Double.infinity { (boundLast, boundValue) = blockBound(from: d) }
                if boundValue < minCompetitive {
                    let target = boundLast == DocIterator.end - 1 ? DocIterator.end : boundLast &+ 1
                    d = lead._withUnsafeGuaranteedRef { $0.seek(target) }
                    boundValue = Double.infinity
                    continue
                }
                let passed: Bool
                if let table = leadTable, let norms = leadNorms {
                    passed = lead._withUnsafeGuaranteedRef { cursor in
                        cursor.scanBlock { doc, tfs in
                            PhraseIterator.leadBound(table, norms, tfs, at: doc) < minCompetitive
                        }
                    }
                } else {
                    passed = lead._withUnsafeGuaranteedRef { cursor in
                        cursor.scanBlock { doc, tfs in leadBound(tfs, at: doc) < minCompetitive }
                    }
                    leadScans &+= 1
                    if leadScans == PhraseIterator.leadTableAfter { makeLeadTable() }
                }
                d = lead._withUnsafeGuaranteedRef { $0.doc }
                if !passed { continue }  // the next block's first document, or the end
                var candidate = false
                switch checkOtherWords(cursors, at: d) {
                case .candidate: candidate = true
                case .ruledOut: d = lead._withUnsafeGuaranteedRef { $0.next() }
                case .absent(let beyond): d = lead._withUnsafeGuaranteedRef { $0.seek(beyond) }
                }
                if candidate { break }
            }
        }
        conjunction.adoptCursors()
        doc = conjunction.doc
        return doc
    }

    private enum OtherWords {
        /// Every word is at the document and the bound holds.
        case candidate
        /// The bound from the words sought so far rules the document out.
        case ruledOut
        /// A word does not hold the document; it is at `beyond`, the next document it holds.
        case absent(beyond: UInt32)
    }

    /// After the lead passed its own bound at `d`: the other words one at a time, the most often decisive
    /// first, each sought to `d`, with the bound from the smallest tf so far checked after each — a word
    /// that rules the document out spares seeking the rest.
    @inline(__always)
    private func checkOtherWords(_ cursors: UnsafeBufferPointer<Unmanaged<PostingsCursor>>, at d: UInt32)
        -> OtherWords
    {
        let leadTfs = cursors[0]._withUnsafeGuaranteedRef { $0.frequencies() }
        for c in 0..<columns { least[c] = leadTfs[c &* 128] }
        boundChecks &+= 1
        if boundChecks & (PhraseIterator.boundReorderInterval - 1) == 0 { reorderBoundCursors() }
        var step = 0
        while step < boundCursorCount {
            let j = boundOrder[step]
            step &+= 1
            let at = cursors[j]._withUnsafeGuaranteedRef { $0.seek(d) }
            if at != d { return .absent(beyond: at) }
            boundTested[j] &+= 1
            let tfs = cursors[j]._withUnsafeGuaranteedRef { $0.frequencies() }
            for c in 0..<columns { least[c] = min(least[c], tfs[c &* 128]) }
            if leastBound(at: d) < minCompetitive {
                boundRejected[j] &+= 1
                return .ruledOut
            }
        }
        return .candidate
    }

    /// The phrase's score contribution in column `c` at document `d` for a phrase frequency of at most
    /// `tf` (> 0): the small-frequency table for tf ≤ `smallFrequencies`, BM25 otherwise. The one formula
    /// behind every per-document bound (`leadBound`, `leastBound`, `documentBound`).
    @inline(__always)
    private func columnBound(_ tf: UInt32, column c: Int, at d: UInt32) -> Double {
        let lengths = firstTerm
        let code = lengths._withUnsafeGuaranteedRef { $0.normCode(of: d, column: c) }
        if tf <= PhraseIterator.smallFrequencies {
            return smallFrequency[(c &* PhraseIterator.smallFrequencies &+ Int(tf) &- 1) &* 256 &+ code]
        }
        return phraseIdfs[c]
            * BM25.tfPart(tf, lengths._withUnsafeGuaranteedRef { $0.lengthFactor(column: c, code: code) })
    }

    /// Whether the lead is a token other than the rarest (`chooseLead` found one whose blocks bound lower).
    var leadIsNotTheRarest: Bool {
        leadCursor.takeUnretainedValue() !== terms.min { $0.cost < $1.cost }!.cursor
    }

    /// The phrase's lead: the rarest token, unless another holds at most half as many documents again and
    /// its blocks bound the phrase lower on average (over 16 skip entries spread along its list).
    /// On a phrase of words nearly every letter holds, the rarest word is not the one whose frequencies
    /// rule documents out: on "not medically necessary" that is "not".
    static func chooseLead(_ terms: [TermIterator], phraseIdf: [Double], mask: Int, columns: Int) -> TermIterator {
        let rarest = terms.min { $0.cost < $1.cost }!
        func meanBlockBound(_ term: TermIterator) -> Double? {
            let cursor = term.cursor
            let blocks = cursor.fullBlockCount
            guard blocks >= 8 else { return nil }
            let step = max(1, blocks / 16)
            var sum = 0.0
            var sampled = 0
            for b in stride(from: 0, to: blocks, by: step) {
                for c in 0..<columns where mask & (1 << c) != 0 {
                    let impact = cursor.impacts(ofBlock: b, column: c)
                    if impact.maxTf == 0 { continue }
                    if impact.maxTf == 255 {
                        sum += phraseIdf[c] * (IndexFormat.k1 + 1)
                    } else {
                        let k = term.lengthFactor(column: c, code: Int(impact.minNorm))
                        sum += phraseIdf[c] * BM25.tfPart(UInt32(impact.maxTf), k)
                    }
                }
                sampled += 1
            }
            return sum / Double(sampled)
        }
        let rivals = terms.filter { $0 !== rarest && $0.cost <= rarest.cost + rarest.cost / 2 }
        guard !rivals.isEmpty, var best = meanBlockBound(rarest) else { return rarest }
        var lead = rarest
        for term in rivals {
            if let mean = meanBlockBound(term), mean < best * 0.9 {
                best = mean
                lead = term
            }
        }
        return lead
    }

    /// The bound of column `c` over a block whose documents have a phrase frequency ≤ `maxTf` (255:
    /// unbounded) and a norm code ≥ `minNorm` there.
    @inline(__always)
    private func blockColumnBound(_ c: Int, maxTf: UInt8, minNorm: UInt8) -> Double {
        if maxTf == 0 { return 0 }
        if maxTf == 255 { return phraseIdfs[c] * (IndexFormat.k1 + 1) }  // tfPart's limit
        let k = firstTerm._withUnsafeGuaranteedRef { $0.lengthFactor(column: c, code: Int(minNorm)) }
        return phraseIdfs[c] * BM25.tfPart(UInt32(maxTf), k)
    }

    /// The bound at document `d` from `least` (per column, the smallest tf of the words sought so far).
    @inline(__always)
    private func leastBound(at d: UInt32) -> Double {
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 && least[c] > 0 {
            bound += columnBound(least[c], column: c, at: d)
        }
        return bound
    }

    /// Sorts `boundOrder` by the share of documents each word ruled out when sought, highest first.
    private func reorderBoundCursors() {
        PhraseIterator.sortBySuccess(boundOrder, count: boundCursorCount, tried: boundTested, succeeded: boundRejected)
    }

    /// Sorts `order[0..<count]` (indices into `tried` and `succeeded`) by each index's share of successes
    /// (`succeeded / tried`), highest first; an index never tried counts as one half, so it is tried before
    /// one known to succeed little. Insertion sort: a few entries, nearly sorted from the last time. Used
    /// by the two adaptive orders (the words sought for the bound, the words filtering phrase starts).
    private static func sortBySuccess(
        _ order: UnsafeMutablePointer<Int>, count: Int, tried: UnsafePointer<Int>, succeeded: UnsafePointer<Int>
    ) {
        func share(_ i: Int) -> Double { tried[i] == 0 ? 0.5 : Double(succeeded[i]) / Double(tried[i]) }
        for a in 1..<max(count, 1) {
            let entry = order[a]
            let s = share(entry)
            var b = a
            while b > 0 && share(order[b - 1]) < s {
                order[b] = order[b - 1]
                b -= 1
            }
            order[b] = entry
        }
    }

    /// `leadBound` for a three-column field in three table loads and no branch (`leadTable`): exact for a
    /// tf up to `leadTableRows` − 2, BM25's limit above.
    @inline(__always)
    private static func leadBound(
        _ table: UnsafePointer<Double>, _ norms: UnsafePointer<UInt8>, _ tfs: UnsafePointer<UInt32>, at d: UInt32
    ) -> Double {
        let last = UInt32(leadTableRows - 1)
        let codes = norms + Int(d) &* 3
        let r0 = Int(min(tfs[0], last))
        let r1 = Int(min(tfs[128], last)) &+ leadTableRows
        let r2 = Int(min(tfs[256], last)) &+ 2 &* leadTableRows
        return table[r0 &* 256 &+ Int(codes[0])] + table[r1 &* 256 &+ Int(codes[1])]
            + table[r2 &* 256 &+ Int(codes[2])]
    }

    /// Builds `leadTable` for a three-column field with norms (not for the summary's one column).
    private func makeLeadTable() {
        guard columns == 3, let norms = firstTerm._withUnsafeGuaranteedRef({ $0.normCodes }) else { return }
        leadNorms = norms
        leadTable = UnsafePointer(
            firstTerm._withUnsafeGuaranteedRef {
                $0.tfBoundTable(weights: phraseIdf, mask: mask, rows: PhraseIterator.leadTableRows)
            })
    }

    /// An upper bound of the phrase's score at document `d` from the lead's frequencies there alone
    /// (`tfs[c * 128]` for column c; the phrase frequency is at most the lead's tf).
    @inline(__always)
    private func leadBound(_ tfs: UnsafePointer<UInt32>, at d: UInt32) -> Double {
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            let tf = tfs[c &* 128]
            if tf > 0 { bound += columnBound(tf, column: c, at: d) }
        }
        return bound
    }

    /// Set by an intersection this phrase follows (a sparse filter leads it): while pruning,
    /// `approximateSeek` then moves its lead alone, and `confirm` seeks the other words only for a
    /// document the block, lead and running bounds leave standing (`checkOtherWords`). Off elsewhere (a
    /// synonym concept reads the words' frequencies at the approximate document).
    var followsLazily = false

    @inline(__always)
    private var lazy: Bool { followsLazily && minCompetitive > 0 && !plainCursors.isEmpty }

    override func approximateSeek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        if lazy {
            doc = plainCursors[0]._withUnsafeGuaranteedRef { $0.seek(target) }
            return doc
        }
        doc = conjunction.seek(target)
        advanceToCandidate()
        return doc
    }

    override func confirm() -> Bool {
        guard doc != DocIterator.end else { return false }
        guard lazy else { return competitiveMatch() }
        let d = doc
        if d > boundLast || boundValue == Double.infinity { (boundLast, boundValue) = blockBound(from: d) }
        if boundValue < minCompetitive { return false }
        let candidate = plainCursors.withUnsafeBufferPointer { cursors -> Bool in
            let lead = cursors[0]
            guard lead._withUnsafeGuaranteedRef({ leadBound($0.frequencies(), at: d) }) >= minCompetitive else {
                return false
            }
            if case .candidate = checkOtherWords(cursors, at: d) { return true }
            return false
        }
        guard candidate else { return false }
        conjunction.adoptCursors()
        return matches()
    }

    /// An upper bound of this document's phrase score from frequencies and norms alone (the phrase
    /// frequency in a column is at most the smallest token frequency there): no position is read.
    private func documentBound() -> Double { documentBound(at: doc) }

    /// `documentBound()` at document `d`, where the tokens' cursors are.
    private func documentBound(at d: UInt32) -> Double {
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            var least = UInt32.max
            var i = 0
            while i < tokenCount {
                least = min(least, cursorRefs[i]._withUnsafeGuaranteedRef { $0.tf(c) })
                if least == 0 { break }
                i &+= 1
            }
            if least > 0 { bound += columnBound(least, column: c, at: d) }
        }
        return bound
    }

    /// Computes the phrase frequency per column at `doc`; true when any masked column has one. While
    /// pruning, a document whose columns read so far, with the bounds of those still to read, cannot reach
    /// `minCompetitive` is given up as soon as that shows (false): "the guidelines" reads a second column
    /// for most of its candidates, and one often settles it.
    private func matches() -> Bool {
        var any = false
        // The columns where every token occurs (no position is read elsewhere): token after token, each
        // cursor's frequencies found once, until no column is left where all tokens so far occur.
        for c in 0..<columns {
            frequencies[c] = 0
            columnCaps[c] = mask & (1 << c) != 0 ? UInt32.max : 0
        }
        for i in 0..<tokenCount {
            let tfs = cursorRefs[i]._withUnsafeGuaranteedRef { $0.frequencies() }
            var left = false
            for c in 0..<columns where columnCaps[c] > 0 {
                let tf = tfs[c &* 128]
                columnTokenTfs[c &* tokenCount &+ i] = tf
                columnCaps[c] = min(columnCaps[c], tf)
                left = left || tf > 0
            }
            if !left { return false }
        }
        var count = 0
        for c in 0..<columns where columnCaps[c] > 0 {
            columnOrder[count] = c
            count += 1
        }
        let pruning = minCompetitive > 0 && count > 1
        if pruning { orderColumnsByBound(count) }
        var read = 0  // columns whose frequency is exact, a bit each
        for step in 0..<count {
            let c = columnOrder[step]
            let cap = columnCaps[c]
            var total = 0
            tokenTfs = columnTokenTfs + c &* tokenCount
            for i in 0..<tokenCount { total &+= Int(tokenTfs[i]) }
            if pruning && read != 0 && !couldCompete(read: read) {
                for k in 0..<columns { frequencies[k] = 0 }
                return false
            }
            read |= 1 << c
            if capacity < total {
                buffer.deallocate()
                capacity = max(total, capacity * 2)
                buffer = .allocate(capacity: capacity)
            }
            guard let slop else {
                let f = exactFrequency(column: c)
                frequencies[c] = f
                if f > 0 { any = true }
                continue
            }
            var offset = 0
            var ok = true
            for (i, t) in tokenTerm.enumerated() {
                guard let n = terms[t].cursor.positions(column: c, into: buffer + offset) else {
                    ok = false
                    break
                }
                starts[i] = offset
                counts[i] = n
                offset += n
            }
            guard ok else { continue }
            let f = min(cap, windowCount(slop))
            frequencies[c] = f
            if f > 0 { any = true }
        }
        return any
    }

    /// Orders the first `count` entries of `columnOrder` by the bound of their smallest token tf, largest
    /// first: once the column that could add the most is exact, the bound falls most.
    @inline(never)
    private func orderColumnsByBound(_ count: Int) {
        for step in 0..<count {
            let c = columnOrder[step]
            columnCapBounds[c] = columnBound(columnCaps[c], column: c, at: doc)
        }
        for i in 1..<count {
            var j = i
            while j > 0 && columnCapBounds[columnOrder[j]] > columnCapBounds[columnOrder[j - 1]] {
                (columnOrder[j], columnOrder[j - 1]) = (columnOrder[j - 1], columnOrder[j])
                j -= 1
            }
        }
    }

    /// Whether the document could still reach `minCompetitive`: the exact frequencies of the columns in
    /// `read` (a bit per column), the smallest token tf of the others (`columnCaps`).
    @inline(never)
    private func couldCompete(read: Int) -> Bool {
        var bound = 0.0
        for k in 0..<columns {
            let tf = read & (1 << k) != 0 ? frequencies[k] : columnCaps[k]
            if tf > 0 { bound += columnBound(tf, column: k, at: doc) }
        }
        return bound >= minCompetitive
    }

    /// Exact phrase frequency in column `c`, reading positions rarest token first: the phrase starts come
    /// from the token rarest in this document (fewest positions to decode), and the other tokens filter
    /// them in `order`, each reading its positions only as far as the last start still standing, so
    /// frequent words ("the", "of") are often never read to the end, or at all.
    private func exactFrequency(column c: Int) -> UInt32 {
        let k = tokenCount
        filteredDocuments &+= 1
        if filteredDocuments & (PhraseIterator.reorderInterval - 1) == 0 { reorderFilters() }
        var anchor = 0
        for i in 1..<k where tokenTfs[i] < tokenTfs[anchor] { anchor = i }
        // Candidates: phrase start positions, from the anchor.
        guard let n = cursorRefs[anchor]._withUnsafeGuaranteedRef({ $0.positions(column: c, into: buffer) })
        else { return 0 }
        var candidates = 0
        let anchorOffset = UInt32(anchor)
        for a in 0..<n where buffer[a] >= anchorOffset {
            buffer[candidates] = buffer[a] &- anchorOffset
            candidates &+= 1
        }
        var step = 0
        while step < k {
            let i = order[step]
            step &+= 1
            if i == anchor { continue }
            guard candidates > 0 else { return 0 }
            guard
                let kept = cursorRefs[i]._withUnsafeGuaranteedRef({
                    $0.keepPhraseStarts(buffer, count: candidates, offset: UInt32(i), column: c)
                })
            else { return 0 }
            filterTested[i] &+= candidates
            filterRemoved[i] &+= candidates &- kept
            candidates = kept
        }
        return UInt32(candidates)
    }

    /// Sorts `order` by each token's share of removed starts so far, highest first.
    private func reorderFilters() {
        PhraseIterator.sortBySuccess(order, count: tokenCount, tried: filterTested, succeeded: filterRemoved)
    }

    /// Windows holding one position of every token with at most `slop` other positions inside.
    private func windowCount(_ slop: Int) -> UInt32 {
        var count: UInt32 = 0
        let k = tokenTerm.count
        for i in 0..<k { cursorsScratch[i] = 0 }
        while true {
            var lowList = 0
            var low = UInt32.max
            var high: UInt32 = 0
            for i in 0..<k {
                guard cursorsScratch[i] < counts[i] else { return count }
                let p = buffer[starts[i] + cursorsScratch[i]]
                if p < low {
                    low = p
                    lowList = i
                }
                high = max(high, p)
            }
            if Int(high - low) - (k - 1) <= slop { count += 1 }
            cursorsScratch[lowList] += 1
        }
    }

    deinit {
        buffer.deallocate()
        for p in [
            starts, counts, cursorsScratch, order, filterTested, filterRemoved, boundOrder, boundTested, boundRejected,
        ] {
            p.deallocate()
        }
        least.deallocate()
        frequencies.deallocate()
        columnCaps.deallocate()
        columnCapBounds.deallocate()
        columnOrder.deallocate()
        columnTokenTfs.deallocate()
        cursorRefs.deallocate()
        smallFrequency.deallocate()
        leadTable?.deallocate()
        phraseIdfs.deallocate()
    }

    override func next() -> UInt32 {
        if minCompetitive > 0 && !plainCursors.isEmpty {
            // The bounds are checked by nextCandidate; only the positions remain.
            while nextCandidate() != DocIterator.end && !matches() {}
            return doc
        }
        doc = conjunction.next()
        advanceToMatch()
        return doc
    }

    override func seek(_ target: UInt32) -> UInt32 {
        if doc >= target { return doc }
        doc = conjunction.seek(target)
        advanceToMatch()
        return doc
    }

    override func score() -> Double {
        var score = 0.0
        for c in 0..<columns where frequencies[c] > 0 {
            score += phraseIdf[c] * BM25.tfPart(frequencies[c], terms[0].lengthFactor(column: c))
        }
        return score
    }

    /// The smaller of two bounds for the documents from `target` to the returned `last`: the tokens' block
    /// maxima summed, and the phrase's own bound from the blocks' impacts — per column, the phrase frequency
    /// is at most the smallest of the tokens' largest tf in their blocks, and the document's norm code at
    /// least the largest of their smallest codes (a candidate holds every token). A column where some token
    /// never occurs in its block adds nothing: "functional improvement" gains nothing from the treatments
    /// that say "functional" alone.
    /// The tokens' block maxima summed over the stretch from `target` (the looser of the two bounds).
    func sumOfTokenMaxima(from target: UInt32) -> (last: UInt32, bound: Double) {
        conjunction.blockBound(from: target)
    }

    /// A bound for a stretch from `target`: the lead's block alone first (its stretch is the longest of the
    /// tokens' and costs one skip entry); when that bound can still compete, every token's block over the
    /// shorter stretch where all of them hold (`tokensBlockBound`), but only while that pays: it is asked
    /// for `tokensBoundTrial` such stretches and kept when it rules out at least one in 32 of them, else
    /// left out for the next `tokensBoundRest` and tried again (the phrases whose lead decides alone,
    /// such as "there is no evidence of", save the work; those it does not, such as "not medically
    /// necessary", keep the tighter bound).
    override func blockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        let lead = leadBlockBound(from: target)
        if lead.bound < minCompetitive { return lead }
        tokensBoundAsked &+= 1
        if !usesTokensBound {
            if tokensBoundAsked >= PhraseIterator.tokensBoundRest {
                usesTokensBound = tokensBoundRuledOut * 32 >= tokensBoundAsked
                tokensBoundAsked = 0
                tokensBoundRuledOut = 0
            }
            return lead
        }
        let tokens = tokensBlockBound(from: target)
        if tokens.bound < minCompetitive { tokensBoundRuledOut &+= 1 }
        if tokensBoundAsked >= PhraseIterator.tokensBoundTrial {
            usesTokensBound = tokensBoundRuledOut * 32 >= tokensBoundAsked
            tokensBoundAsked = 0
            tokensBoundRuledOut = 0
        }
        return tokens
    }

    /// The lead's block alone: every document holding the phrase holds the lead, so the lead's tf bounds
    /// the phrase frequency and its smallest norm code the document's.
    @inline(__always)
    func leadBlockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        leadCursor._withUnsafeGuaranteedRef { lead in
            let block = lead.blockBound(from: target)
            let e = lead.blockEntry(from: target)?.entry  // nil past the full blocks: impacts unknown
            var bound = 0.0
            for c in 0..<columns where mask & (1 << c) != 0 {
                bound += blockColumnBound(c, maxTf: e?[20 &+ c] ?? 255, minNorm: e?[23 &+ c] ?? 0)
            }
            return (block.lastDoc, min(bound, leadRatio * Double(block.bound)))
        }
    }

    /// Every token's block (the stretch where all of them hold; one skip entry each): per column, the
    /// smallest of their largest tfs and the largest of their smallest norm codes, and the lead's ratio.
    /// (The tokens' block maxima summed, `sumOfTokenMaxima`, are nearly always looser and cost a call per
    /// token.)
    func tokensBlockBound(from target: UInt32) -> (last: UInt32, bound: Double) {
        // One skip entry per token: the stretch ends where the first of their blocks ends.
        var last = DocIterator.end - 1
        var least: (UInt8, UInt8, UInt8) = (255, 255, 255)
        var norm: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for i in 0..<tokenCount {
            guard let block = cursorRefs[i]._withUnsafeGuaranteedRef({ $0.blockEntry(from: target) }) else {
                continue  // past the token's full blocks: nothing known
            }
            last = min(last, block.lastDoc)
            let e = block.entry
            least = (min(least.0, e[20]), min(least.1, e[21]), min(least.2, e[22]))
            norm = (max(norm.0, e[23]), max(norm.1, e[24]), max(norm.2, e[25]))
        }
        var bound = 0.0
        if mask & 1 != 0 { bound += blockColumnBound(0, maxTf: least.0, minNorm: norm.0) }
        if columns > 1 && mask & 2 != 0 { bound += blockColumnBound(1, maxTf: least.1, minNorm: norm.1) }
        if columns > 2 && mask & 4 != 0 { bound += blockColumnBound(2, maxTf: least.2, minNorm: norm.2) }
        let lead = leadCursor._withUnsafeGuaranteedRef { $0.blockBound(from: target) }
        let fromLead = leadRatio * Double(lead.bound)
        if fromLead < bound {
            bound = fromLead
            last = min(last, lead.lastDoc)
        }
        return (last, bound)
    }

    override var cost: Int { conjunction.cost }

    override func columnFrequency(_ c: Int) -> UInt32 { frequencies[c] }

    /// At a candidate: the phrase frequency in column `c` is at most the smallest token frequency there.
    override func columnFrequencyBound(_ c: Int) -> UInt32 {
        guard mask & (1 << c) != 0 else { return 0 }
        var least = UInt32.max
        for i in 0..<tokenCount { least = min(least, cursorRefs[i]._withUnsafeGuaranteedRef { $0.tf(c) }) }
        return least
    }

    override var columnWeights: [Double] { phraseIdf }

    override func explain(_ lines: inout [String], indent: String) {
        for c in 0..<columns where frequencies[c] > 0 {
            var idf = 0.0
            for t in tokenTerm { idf += terms[t].weightIdf[c] }
            let name = field == .summary ? "summary" : "\(TextSubfield(rawValue: c)!)"
            lines.append(
                indent
                    + "\(name):\(label) = \(format(idf * BM25.tfPart(frequencies[c], terms[0].lengthFactor(column: c)))): "
                    + "phrase frequency \(frequencies[c]), weight × summed idf \(format(idf))")
        }
    }
}
