// IndexMerger: merges the sorted runs of all build batches (in batch order) into the final index file:
// a k-way merge of the runs' term lists re-encodes every term's postings into blocks with global ids and
// exact block-max scores (the index is one immutable segment, so collection statistics are final), then
// writes the dictionary, norms, columns, names and stored text. Deterministic: the output depends only on
// the runs' content and order.

struct MergeFigures {
    var letters = 0
    var items = 0
    var terms = 0
    var mergeSeconds = 0.0
    var writeSeconds = 0.0
}

final class IndexMerger {
    let runs: [RunReader]
    let output: SectionedFileWriter
    let scratchDirectory: String
    private var letterBase: [UInt32] = []
    private var itemBase: [UInt32] = []
    private(set) var letters = 0
    private(set) var items = 0
    private var itemNorms: [UInt8] = []
    private var summaryNorms: [UInt8] = []
    private var averages: [Double] = [0, 0, 0, 0]
    private var lengthSums: [UInt64] = [0, 0, 0, 0]

    init(runs: [RunReader], output: SectionedFileWriter, scratchDirectory: String) {
        self.runs = runs
        self.output = output
        self.scratchDirectory = scratchDirectory
        for run in runs {
            letterBase.append(UInt32(letters))
            itemBase.append(UInt32(items))
            letters += run.letters
            items += run.items
            for k in 0..<4 { lengthSums[k] &+= run.lengthSums[k] }
        }
        itemNorms.reserveCapacity(items * 3)
        for run in runs {
            let norms = run.norms
            itemNorms.append(contentsOf: norms[0..<(run.items * 3)])
            summaryNorms.append(contentsOf: norms[(run.items * 3)..<(run.items * 3 + run.letters)])
        }
        for k in 0..<3 { averages[k] = items > 0 ? Double(lengthSums[k]) / Double(items) : 0 }
        averages[3] = letters > 0 ? Double(lengthSums[3]) / Double(letters) : 0
    }

    func merge() throws -> MergeFigures {
        var figures = MergeFigures()
        figures.letters = letters
        figures.items = items
        let clock = Stopwatch()
        let dictionary = DictionaryBuilder()
        let positionsFile = try ScratchFile(directory: scratchDirectory, name: "positions")
        defer { positionsFile.close() }
        try mergeTerms(dictionary: dictionary, positionsFile: positionsFile)
        figures.terms = dictionary.totalTerms
        figures.mergeSeconds = clock.seconds
        let writeClock = Stopwatch()
        try output.begin(.positions)
        try positionsFile.forEachChunk { try output.write($0) }
        output.end()
        try output.section(.dictionaryTerms, dictionary.terms.bytes)
        try output.section(.dictionaryBlockIndex, dictionary.blockIndex.bytes)
        try output.section(.dictionaryTermInfos, dictionary.termInfos.bytes)
        try output.section(.dictionaryFields, dictionary.fieldsTable())
        try output.begin(.norms)
        try output.write(itemNorms)
        try output.write(summaryNorms)
        output.end()
        try writeColumns()
        try writeNames()
        try writeStore()
        try writeMeta(terms: dictionary.totalTerms)
        figures.writeSeconds = writeClock.seconds
        return figures
    }

    // MARK: terms

    private func mergeTerms(dictionary: DictionaryBuilder, positionsFile: ScratchFile) throws {
        var cursors = runs.map { $0.termCursor() }
        var heap = RunHeap()
        for i in 0..<cursors.count where cursors[i].next() { heap.push(i, cursors) }
        var postingsBuffer: [UInt8] = []
        var positionsBuffer: [UInt8] = []
        var postingsOffset: UInt64 = 0
        var positionsOffset: UInt64 = 0
        var decoded = DecodedTerm()
        var group: [Int] = []
        var merged = 0
        let tables = (0..<4).map { BM25.lengthTable(averageLength: averages[$0]) }
        try output.begin(.postings)
        while let first = heap.pop(cursors) {
            group.removeAll(keepingCapacity: true)
            group.append(first)
            while let top = heap.peek(), compareRaw(cursors[top].term, cursors[first].term) == 0 {
                group.append(heap.pop(cursors)!)
            }
            group.sort()
            let term = cursors[first].term
            let tag = Int(term[0])
            guard let field = IndexField(rawValue: UInt8(tag)) else {
                throw RunFileError(path: runs[first].name, detail: "unknown field tag \(tag)")
            }
            let columns = field.frequencyColumns
            decoded.reset()
            for r in group {
                try decode(cursors[r], run: r, field: field, into: &decoded)
            }
            var columnDocs = [UInt32](repeating: 0, count: 3)
            if columns > 0 {
                for i in 0..<decoded.docs.count {
                    for c in 0..<columns where decoded.tfs[i * columns + c] > 0 { columnDocs[c] += 1 }
                }
                computeScores(&decoded, field: field, columnDocs: columnDocs, tables: tables)
            }
            let postingsStart = postingsOffset + UInt64(postingsBuffer.count)
            let positionsStart = positionsOffset + UInt64(positionsBuffer.count)
            let before = postingsBuffer.count
            let maxScore = PostingsEncoder.encode(
                decoded, columns: columns, postings: &postingsBuffer, positions: &positionsBuffer)
            let postingsLength = postingsBuffer.count - before
            var info = ByteWriter()
            if columns > 0 {
                info.u32(UInt32(decoded.docs.count))
                for c in 0..<3 { info.u32(columnDocs[c]) }
                info.u64(postingsStart)
                info.u64(positionsStart)
                info.u32(maxScore.bitPattern)
                info.u32(UInt32(postingsLength))
            } else {
                info.u32(UInt32(decoded.docs.count))
                info.u32(UInt32(postingsLength))
                info.u64(postingsStart)
            }
            dictionary.add(
                field: tag, term: UnsafeRawBufferPointer(rebasing: term[1...]), info: info.bytes)
            if postingsBuffer.count >= (1 << 20) {
                try output.write(postingsBuffer)
                postingsOffset += UInt64(postingsBuffer.count)
                postingsBuffer.removeAll(keepingCapacity: true)
            }
            if positionsBuffer.count >= (1 << 20) {
                try positionsBuffer.withUnsafeBytes { try positionsFile.append($0) }
                positionsOffset += UInt64(positionsBuffer.count)
                positionsBuffer.removeAll(keepingCapacity: true)
            }
            for r in group where cursors[r].next() { heap.push(r, cursors) }
            merged += 1
            if merged % 8192 == 0 {
                for (r, run) in runs.enumerated() { run.release(before: cursors[r].offset) }
            }
        }
        try output.write(postingsBuffer)
        output.end()
        try positionsBuffer.withUnsafeBytes { try positionsFile.append($0) }
    }

    /// Decodes one run's postings of the current term into global ids.
    private func decode(
        _ cursor: RunReader.TermCursor, run: Int, field: IndexField, into out: inout DecodedTerm
    ) throws {
        let bytes = cursor.postings
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + bytes.count
        var offset = 0
        let columns = field.frequencyColumns
        let idBase = field.isLetterLevel ? letterBase[run] : itemBase[run]
        var doc: UInt32 = 0
        for _ in 0..<cursor.docCount {
            guard let delta = VarInt.read(base, end, &offset) else {
                throw RunFileError(path: runs[run].name, detail: "truncated postings")
            }
            doc &+= UInt32(truncatingIfNeeded: delta)
            out.docs.append(idBase &+ doc)
            var positionCount = 0
            for _ in 0..<columns {
                guard let tf = VarInt.read(base, end, &offset) else {
                    throw RunFileError(path: runs[run].name, detail: "truncated frequencies")
                }
                out.tfs.append(UInt32(truncatingIfNeeded: tf))
                positionCount += Int(tf)
            }
            if columns > 0 {
                let start = offset
                for _ in 0..<positionCount {
                    guard VarInt.read(base, end, &offset) != nil else {
                        throw RunFileError(path: runs[run].name, detail: "truncated positions")
                    }
                }
                out.positionStarts.append(UnsafeRawPointer(base + start))
                out.positionLengths.append(UInt32(offset - start))
            }
        }
    }

    private func computeScores(
        _ t: inout DecodedTerm, field: IndexField, columnDocs: [UInt32], tables: [[Double]]
    ) {
        let n = t.docs.count
        t.scores.reserveCapacity(n)
        if field == .summary {
            let idf = BM25.idf(documentCount: Int(columnDocs[0]), total: letters) * summaryFieldWeight
            let table = tables[3]
            for i in 0..<n {
                let k = table[Int(summaryNorms[Int(t.docs[i])])]
                t.scores.append(Float(idf * BM25.tfPart(t.tfs[i], k)).nextUp)
            }
            return
        }
        var weights = [Double](repeating: 0, count: 3)
        for c in 0..<3 {
            weights[c] =
                BM25.idf(documentCount: Int(columnDocs[c]), total: items)
                * TextSubfield(rawValue: c)!.weight
        }
        for i in 0..<n {
            let doc = Int(t.docs[i])
            var score = 0.0
            for c in 0..<3 {
                let tf = t.tfs[i * 3 + c]
                if tf > 0 { score += weights[c] * BM25.tfPart(tf, tables[c][Int(itemNorms[doc * 3 + c])]) }
            }
            t.scores.append(Float(score).nextUp)
        }
    }

    // MARK: other sections

    private func writeColumns() throws {
        try output.begin(.itemColumns)
        for (r, run) in runs.enumerated() {
            let cols = run.itemColumns
            var w = ByteWriter()
            for i in 0..<run.items {
                let local = cols.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                w.u32(letterBase[r] &+ UInt32(littleEndian: local))
            }
            try output.write(w.bytes)
        }
        for run in runs {
            let cols = run.itemColumns
            try output.write(UnsafeRawBufferPointer(rebasing: cols[(run.items * 4)..<(run.items * 5)]))
        }
        output.end()
        try output.begin(.letterColumns)
        var first = ByteWriter()
        for (r, run) in runs.enumerated() {
            let cols = run.letterColumns
            for i in 0..<run.letters {
                first.u32(
                    itemBase[r]
                        &+ UInt32(littleEndian: cols.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))
            }
        }
        first.u32(UInt32(items))
        try output.write(first.bytes)
        let numericCount = NumericColumn.allCases.count
        for c in 0..<(numericCount + 3) {
            for run in runs {
                let cols = run.letterColumns
                let start = (run.letters + 1) * 4
                let range: Range<Int>
                if c < numericCount {
                    range = (start + c * run.letters * 4)..<(start + (c + 1) * run.letters * 4)
                } else {
                    let bytesStart = start + numericCount * run.letters * 4 + (c - numericCount) * run.letters
                    range = bytesStart..<(bytesStart + run.letters)
                }
                try output.write(UnsafeRawBufferPointer(rebasing: cols[range]))
            }
        }
        output.end()
    }

    private func writeNames() throws {
        var fileOffsets = ByteWriter()
        var caseOffsets = ByteWriter()
        var files: [UInt8] = []
        var cases: [UInt8] = []
        for run in runs {
            let r = ByteReader(run.names)
            var o = 0
            for _ in 0..<run.letters {
                let fl = Int(r.u32(at: o) ?? 0)
                fileOffsets.u64(UInt64(files.count))
                if let s = r.slice(at: o + 4, count: fl) { files.append(contentsOf: s) }
                o += 4 + fl
                let cl = r.u32(at: o) ?? 0
                caseOffsets.u64(UInt64(cases.count))
                o += 4
                if cl != UInt32.max {
                    if let s = r.slice(at: o, count: Int(cl)) { cases.append(contentsOf: s) }
                    o += Int(cl)
                }
            }
        }
        fileOffsets.u64(UInt64(files.count))
        caseOffsets.u64(UInt64(cases.count))
        try output.begin(.letterNames)
        try output.write(fileOffsets.bytes)
        try output.write(caseOffsets.bytes)
        try output.write(files)
        try output.write(cases)
        output.end()
    }

    private func writeStore() throws {
        var blockTable = ByteWriter()
        var letterTable = ByteWriter()
        var dataOffset: UInt64 = 0
        var blockBase: UInt32 = 0
        var blockRanges: [(Int, Range<Int>)] = []
        for (r, run) in runs.enumerated() {
            let s = ByteReader(run.store)
            let count = Int(s.u32(at: 0) ?? 0)
            var o = 4
            for _ in 0..<count {
                let raw = s.u32(at: o) ?? 0
                let compressed = Int(s.u32(at: o + 4) ?? 0)
                blockTable.u64(dataOffset)
                blockTable.u32(UInt32(compressed))
                blockTable.u32(raw)
                blockRanges.append((r, (o + 8)..<(o + 8 + compressed)))
                dataOffset += UInt64(compressed)
                o += 8 + compressed
            }
            for i in 0..<run.letters {
                letterTable.u32(blockBase &+ (s.u32(at: o + i * 12) ?? 0))
                letterTable.u32(s.u32(at: o + i * 12 + 4) ?? 0)
                letterTable.u32(s.u32(at: o + i * 12 + 8) ?? 0)
            }
            blockBase += UInt32(count)
        }
        try output.section(.storeBlocks, blockTable.bytes)
        try output.section(.storeIndex, letterTable.bytes)
        try output.begin(.storeData)
        for (r, range) in blockRanges {
            try output.write(UnsafeRawBufferPointer(rebasing: runs[r].store[range]))
        }
        output.end()
    }

    private func writeMeta(terms: Int) throws {
        var w = ByteWriter()
        w.u32(UInt32(letters))
        w.u32(UInt32(items))
        w.u32(UInt32(terms))
        w.u32(UInt32(runs.count))
        for a in averages { w.u64(a.bitPattern) }
        for s in lengthSums { w.u64(s) }
        try output.section(.meta, w.bytes)
    }
}

/// Lexicographic comparison of two raw byte buffers.
@inline(__always)
func compareRaw(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    compareBytes(
        a.baseAddress?.assumingMemoryBound(to: UInt8.self), a.count,
        b.baseAddress?.assumingMemoryBound(to: UInt8.self), b.count)
}

/// A binary min-heap of run indices ordered by each run's current term, then run index.
struct RunHeap {
    private var items: [Int] = []

    private static func less(_ a: Int, _ b: Int, _ cursors: [RunReader.TermCursor]) -> Bool {
        let c = compareRaw(cursors[a].term, cursors[b].term)
        return c < 0 || (c == 0 && a < b)
    }

    func peek() -> Int? { items.first }

    mutating func push(_ run: Int, _ cursors: [RunReader.TermCursor]) {
        items.append(run)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if RunHeap.less(items[i], items[parent], cursors) {
                items.swapAt(i, parent)
                i = parent
            } else {
                break
            }
        }
    }

    mutating func pop(_ cursors: [RunReader.TermCursor]) -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var smallest = i
                if l < items.count && RunHeap.less(items[l], items[smallest], cursors) { smallest = l }
                if r < items.count && RunHeap.less(items[r], items[smallest], cursors) { smallest = r }
                if smallest == i { break }
                items.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }
}
