// PhrasePositions: the position checks of a phrase candidate — the exact phrase frequency per column (the
// anchor token's starts filtered by the others, each read only as far as needed), proximity windows, and
// the column order that drops a non-competitive candidate early. Part of `PhraseIterator`
// (PhraseIterator.swift holds its state and iteration, PhraseBounds.swift the score bounds).

extension PhraseIterator {
    /// Computes the phrase frequency per column at `doc`; true when any masked column has one. While
    /// pruning, a document whose columns read so far, with the bounds of those still to read, cannot reach
    /// `minCompetitive` is given up as soon as that shows (false): "the guidelines" reads a second column
    /// for most of its candidates, and one often settles it.
    func matches() -> Bool {
        var any = false
        // The columns where every token occurs (no position is read elsewhere): token after token, each
        // cursor's frequencies found once, until no column is left where all tokens so far occur.
        for c in 0..<columns {
            frequencies[c] = 0
            columnCaps[c] = mask & (1 << c) != 0 ? UInt32.max : 0
        }
        // Branch-free over the columns: which columns still hold every token varies from document to
        // document, and a branch on it is mispredicted about as often as not.
        for i in 0..<tokenCount {
            let tfs = cursorRefs[i]._withUnsafeGuaranteedRef { $0.frequencies() }
            var left: UInt32 = 0
            for c in 0..<columns {
                let tf = tfs[c &* 128]
                columnTokenTfs[c &* tokenCount &+ i] = tf
                let cap = min(columnCaps[c], tf)
                columnCaps[c] = cap
                left |= cap
            }
            if left == 0 { return false }
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
    func orderColumnsByBound(_ count: Int) {
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
    func couldCompete(read: Int) -> Bool {
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
    func exactFrequency(column c: Int) -> UInt32 {
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
    func reorderFilters() {
        PhraseIterator.sortBySuccess(order, count: tokenCount, tried: filterTested, succeeded: filterRemoved)
    }

    /// Windows holding one position of every token with at most `slop` other positions inside.
    func windowCount(_ slop: Int) -> UInt32 {
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
}
