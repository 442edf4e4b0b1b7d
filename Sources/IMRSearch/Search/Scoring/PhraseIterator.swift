// PhraseIterator: a phrase ("a b c": consecutive positions, in order) or a proximity match ("a b"~N: all
// tokens within a window of N extra positions, any order) inside one column of a text field. Candidates
// come from the intersection of the tokens' postings; positions are read only for those candidates (and,
// inside an AND, only once the other clauses hold too: the phrase is two-phase).
// Score: BM25 of the phrase frequency with the summed idf of its tokens (as Lucene scores phrases).
// This file holds the iterator's state and its moves; PhraseBounds.swift its score bounds and the choice of
// its lead, PhrasePositions.swift its position checks. The state is internal rather than private so those
// two extensions can read it; nothing outside Scoring/ touches it. Its mutable state is read and written per
// document by this iterator alone: `@exclusivity(unchecked)` spares those accesses the runtime check that
// a non-private class property would otherwise get.

final class PhraseIterator: DocIterator {
    let terms: [TermIterator]
    /// The pairs of common words the phrase holds side by side (`IndexField.itemPairs`) that join its
    /// conjunction: a candidate must hold each of them, and a pair's frequency bounds the phrase's as a
    /// word's does. A pair joins when it rules out a fifth of the rarest word's documents or more (on "for
    /// the treatment", "the treatment" holds an eighth of the items holding all three words), or when
    /// `chooseLead` picks it as the lead for its lower block bounds (on "the request for", "request for").
    /// Any other pair would cost a seek per candidate and save little ("the injured" holds nearly every
    /// item "injured" does). Their positions are not indexed: the words' positions decide the match.
    let pairs: [TermIterator]
    /// For each phrase token, the index of its term in `terms`.
    let tokenTerm: [Int]
    let conjunction: IntersectionIterator
    let slop: Int?
    let mask: Int
    let columns: Int
    let field: IndexField
    // Per-document scratch in raw buffers (class-held arrays would pay a uniqueness check per write).
    let frequencies: UnsafeMutablePointer<UInt32>
    /// Per column, the smallest tf of the tokens at the document `matches` reads and the bound it gives
    /// (while pruning), and the order `matches` reads the columns in.
    let columnCaps: UnsafeMutablePointer<UInt32>
    let columnCapBounds: UnsafeMutablePointer<Double>
    let columnOrder: UnsafeMutablePointer<Int>
    /// The tokens' tfs at that document, column after column (`tokenCount` each).
    let columnTokenTfs: UnsafeMutablePointer<UInt32>
    /// Positions of every token of the current document and column, back to back.
    @exclusivity(unchecked) var buffer: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) var capacity = 256
    let starts: UnsafeMutablePointer<Int>
    let counts: UnsafeMutablePointer<Int>
    let cursorsScratch: UnsafeMutablePointer<Int>
    /// Token indices in the order they filter a document's phrase starts: by increasing document
    /// frequency at first, then (every `reorderInterval` documents) by how many of the starts they were
    /// given each has removed so far, most selective first. On "the request is not medically necessary",
    /// which no letter holds, "request" (never followed by "is") comes to the front and the others are
    /// seldom read.
    let order: UnsafeMutablePointer<Int>
    /// Per token: phrase starts it was asked to filter, and how many it removed.
    let filterTested: UnsafeMutablePointer<Int>
    let filterRemoved: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) var filteredDocuments = 0
    static let reorderInterval = 64
    /// The cursor of each phrase token (repeated for a repeated word), unretained in a raw buffer: `terms`
    /// owns the cursors, and the per-document loops do no reference counting or array checks.
    let cursorRefs: UnsafeMutablePointer<Unmanaged<PostingsCursor>>
    let tokenCount: Int
    /// The first term (owned by `terms`), whose norms and length tables every token shares.
    let firstTerm: Unmanaged<TermIterator>
    /// The phrase's score contribution in column c for a phrase frequency f in 1...`smallFrequencies` at
    /// norm code `code`: `smallFrequency[(c · smallFrequencies + f − 1) · 256 + code]` (the common cases of
    /// the per-document bound, without a division).
    static let smallFrequencies = 4
    let smallFrequency: UnsafeMutablePointer<Double>
    /// `phraseIdf` in a raw buffer, for the per-document loops.
    let phraseIdfs: UnsafeMutablePointer<Double>
    /// Each token's tf in the column at hand (points into `columnTokenTfs`).
    @exclusivity(unchecked) var tokenTfs: UnsafeMutablePointer<UInt32>
    /// The conjunction's cursors when its children are all plain term iterators (`nextCandidate`), else
    /// empty.
    let plainCursors: [Unmanaged<PostingsCursor>]
    let label: String
    /// The lead token's cursor (`chooseLead`: the rarest, or a rival whose blocks bound lower; first of the
    /// conjunction's children) and the
    /// factor that turns its block maxima into bounds of the phrase: the largest over the masked columns
    /// of the phrase's weight × summed idf over the lead's weight × idf. The phrase frequency is at most
    /// the lead's tf, so a document's phrase score is at most `leadRatio` × the lead's own score.
    let leadCursor: Unmanaged<PostingsCursor>
    /// `nextCandidate`'s per-document bound after the lead: the other cursors (indices into
    /// `plainCursors`) in the order they are sought, the most often decisive first (re-sorted every
    /// `boundReorderInterval` documents from `boundTested` / `boundRejected`); `least` holds, per column, the
    /// smallest tf of the words sought so far. On "the medical records" the lead is "records" and the word
    /// that rules documents out most often comes first.
    let boundOrder: UnsafeMutablePointer<Int>
    let boundCursorCount: Int
    let boundTested: UnsafeMutablePointer<Int>
    let boundRejected: UnsafeMutablePointer<Int>
    let least: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) var boundChecks = 0
    static let boundReorderInterval = 256
    let leadRatio: Double
    /// The tokens' block bound, asked while it pays (`blockBound`): whether it is asked now, how often it
    /// was asked in this trial or rest, and how often it ruled the stretch out.
    @exclusivity(unchecked) var usesTokensBound = true
    @exclusivity(unchecked) var tokensBoundAsked = 0
    @exclusivity(unchecked) var tokensBoundRuledOut = 0
    static let tokensBoundTrial = 256
    static let tokensBoundRest = 1024
    /// The lead's per-document bound as a table (`leadBound(_:_:_:at:)`), built once the lead has scanned
    /// `leadTableAfter` blocks (a phrase that ends sooner never pays for building its 60 KB), and the field's norm
    /// codes it reads.
    @exclusivity(unchecked) var leadTable: UnsafePointer<Double>? = nil
    @exclusivity(unchecked) var leadNorms: UnsafePointer<UInt8>? = nil
    @exclusivity(unchecked) var leadScans = 0
    static let leadTableRows = 10
    /// Lead blocks scanned before the table is built (tests lower it, so that their small indexes take
    /// the table's path too; the results are the same either way).
    nonisolated(unsafe) static var leadTableAfter = 128
    /// Per column: weight × the summed idf of the phrase's tokens.
    let phraseIdf: [Double]

    init(
        terms: [TermIterator], tokenTerm: [Int], slop: Int?, mask: Int, field: IndexField, label: String,
        pairs candidatePairs: [TermIterator] = [], approximateStart: Bool = false
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
        phraseIdf = PhraseIterator.phraseWeights(terms, tokenTerm)
        let leadTerm = PhraseIterator.chooseLead(
            terms + candidatePairs, phraseIdf: phraseIdf, mask: mask, columns: columns)
        let rarestWord = terms.map(\.cursor.docCount).min() ?? 0
        pairs = candidatePairs.filter { $0 === leadTerm || $0.cursor.docCount * 5 <= rarestWord * 4 }
        conjunction = IntersectionIterator(terms + pairs, lead: leadTerm)
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
        if !approximateStart { advanceToMatch() }
    }

    /// Per column: weight × the summed idf of the phrase's tokens (`terms[tokenTerm[i]]`), summed in token
    /// order. The one formula of a phrase's weights, also for a two-word phrase read from its word pair, so
    /// that both give the same bits.
    static func phraseWeights(_ terms: [TermIterator], _ tokenTerm: [Int]) -> [Double] {
        (0..<3).map { c in tokenTerm.reduce(0.0) { $0 + terms[$1].weightIdf[c] } }
    }

    @exclusivity(unchecked) var minCompetitive = -Double.infinity
    @exclusivity(unchecked) var boundLast: UInt32 = 0
    @exclusivity(unchecked) var boundValue = Double.infinity

    override func setMinCompetitive(_ score: Double) {
        minCompetitive = score
        boundLast = 0
        boundValue = Double.infinity
    }

    override var maxScore: Double { terms.reduce(0) { $0 + $1.maxScore } * 1.0 }

    /// Moves to the next candidate whose positions match.
    func advanceToMatch() {
        while true {
            advanceToCandidate()
            if doc == DocIterator.end || competitiveMatch() { return }
            doc = conjunction.next()
        }
    }

    /// Moves to the next document holding every token (from `doc` on), skipping stretches whose block
    /// bound cannot reach `minCompetitive`.
    func advanceToCandidate() {
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
    func competitiveMatch() -> Bool {
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
    func nextCandidate() -> UInt32 {
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

    enum OtherWords {
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
    func checkOtherWords(_ cursors: UnsafeBufferPointer<Unmanaged<PostingsCursor>>, at d: UInt32)
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

    /// Whether the lead is a token other than the rarest (`chooseLead` found one whose blocks bound lower).
    var leadIsNotTheRarest: Bool {
        leadCursor.takeUnretainedValue() !== (terms + pairs).min { $0.cost < $1.cost }!.cursor
    }

    /// Set by an intersection this phrase follows (a sparse filter leads it): while pruning,
    /// `approximateSeek` then moves its lead alone, and `confirm` seeks the other words only for a
    /// document the block, lead and running bounds leave standing (`checkOtherWords`). Off elsewhere (a
    /// synonym concept reads the words' frequencies at the approximate document).
    var followsLazily = false

    @inline(__always)
    var lazy: Bool { followsLazily && minCompetitive > 0 && !plainCursors.isEmpty }

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
