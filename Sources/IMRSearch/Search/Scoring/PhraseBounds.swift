// PhraseBounds: the upper bounds of a phrase's score that let top-k skip it (the block bounds, from the
// lead's skip entry or every token's; the per-document bounds, from the lead's frequencies, from the words
// sought so far, or from every token's) and the choice of the lead they start from. Part of
// `PhraseIterator` (PhraseIterator.swift holds its state and iteration, PhrasePositions.swift the position
// checks).

extension PhraseIterator {
    /// The phrase's score contribution in column `c` at document `d` for a phrase frequency of at most
    /// `tf` (> 0): the small-frequency table for tf ≤ `smallFrequencies`, BM25 otherwise. The one formula
    /// behind every per-document bound (`leadBound`, `leastBound`, `documentBound`).
    @inline(__always)
    func columnBound(_ tf: UInt32, column c: Int, at d: UInt32) -> Double {
        let lengths = firstTerm
        let code = lengths._withUnsafeGuaranteedRef { $0.normCode(of: d, column: c) }
        if tf <= PhraseIterator.smallFrequencies {
            return smallFrequency[(c &* PhraseIterator.smallFrequencies &+ Int(tf) &- 1) &* 256 &+ code]
        }
        return phraseIdfs[c]
            * BM25.tfPart(tf, lengths._withUnsafeGuaranteedRef { $0.lengthFactor(column: c, code: code) })
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
                    sum += blockColumnBound(
                        weight: phraseIdf[c], maxTf: impact.maxTf,
                        lengthFactor: term.lengthFactor(column: c, code: Int(impact.minNorm)))
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
    func blockColumnBound(_ c: Int, maxTf: UInt8, minNorm: UInt8) -> Double {
        PhraseIterator.blockColumnBound(
            weight: phraseIdfs[c], maxTf: maxTf,
            lengthFactor: firstTerm._withUnsafeGuaranteedRef { $0.lengthFactor(column: c, code: Int(minNorm)) })
    }

    /// `weight` × BM25's tf part for a phrase frequency ≤ `maxTf` at length factor `lengthFactor` (the
    /// block's smallest norm code's): 0 for `maxTf` 0, the tf part's limit for 255 (unbounded).
    @inline(__always)
    static func blockColumnBound(weight: Double, maxTf: UInt8, lengthFactor: @autoclosure () -> Double) -> Double {
        if maxTf == 0 { return 0 }
        if maxTf == 255 { return weight * (IndexFormat.k1 + 1) }
        return weight * BM25.tfPart(UInt32(maxTf), lengthFactor())
    }

    /// The bound at document `d` from `least` (per column, the smallest tf of the words sought so far).
    @inline(__always)
    func leastBound(at d: UInt32) -> Double {
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 && least[c] > 0 {
            bound += columnBound(least[c], column: c, at: d)
        }
        return bound
    }

    /// Sorts `boundOrder` by the share of documents each word ruled out when sought, highest first.
    func reorderBoundCursors() {
        PhraseIterator.sortBySuccess(boundOrder, count: boundCursorCount, tried: boundTested, succeeded: boundRejected)
    }

    /// Sorts `order[0..<count]` (indices into `tried` and `succeeded`) by each index's share of successes
    /// (`succeeded / tried`), highest first; an index never tried counts as one half, so it is tried before
    /// one known to succeed little. Insertion sort: a few entries, nearly sorted from the last time. Used
    /// by the two adaptive orders (the words sought for the bound, the words filtering phrase starts).
    static func sortBySuccess(
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
    static func leadBound(
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
    func makeLeadTable() {
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
    func leadBound(_ tfs: UnsafePointer<UInt32>, at d: UInt32) -> Double {
        var bound = 0.0
        for c in 0..<columns where mask & (1 << c) != 0 {
            let tf = tfs[c &* 128]
            if tf > 0 { bound += columnBound(tf, column: c, at: d) }
        }
        return bound
    }

    /// An upper bound of this document's phrase score from frequencies and norms alone (the phrase
    /// frequency in a column is at most the smallest token frequency there): no position is read.
    func documentBound() -> Double { documentBound(at: doc) }

    /// `documentBound()` at document `d`, where the tokens' cursors are.
    func documentBound(at d: UInt32) -> Double {
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

    /// The tokens' block maxima summed over the stretch from `target`: nearly always looser than the
    /// phrase's own bounds, so no search asks it; the tests compare those bounds with it.
    func sumOfTokenMaxima(from target: UInt32) -> (last: UInt32, bound: Double) {
        conjunction.blockBound(from: target)
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
                let maxTf = e?[PostingsEncoder.maxTfOffset &+ c] ?? 255
                bound += blockColumnBound(c, maxTf: maxTf, minNorm: e?[PostingsEncoder.minNormOffset &+ c] ?? 0)
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
            let tf = block.entry + PostingsEncoder.maxTfOffset
            let code = block.entry + PostingsEncoder.minNormOffset
            least = (min(least.0, tf[0]), min(least.1, tf[1]), min(least.2, tf[2]))
            norm = (max(norm.0, code[0]), max(norm.1, code[1]), max(norm.2, code[2]))
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
}
