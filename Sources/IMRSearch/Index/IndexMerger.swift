// IndexMerger: merges the sorted runs of all build batches (in batch order) into the final index file.
// The term space is cut into `jobs` byte ranges merged side by side (`TermRangeMerger`: a k-way merge of
// the runs' term lists that re-encodes every term's postings into blocks with global ids and exact
// block-max scores; the index is one immutable segment, so collection statistics are final). Their output
// is then concatenated in range order into the dictionary, postings and positions, followed by the
// norms, columns, names and stored text. Deterministic: the output depends only on the runs' content and
// order, never on `jobs`.
import Dispatch
import Synchronization

struct MergeFigures {
    var letters = 0
    var items = 0
    var terms = 0
    var mergeSeconds = 0.0
    var writeSeconds = 0.0
}

/// Unchecked Sendable: the range mergers share it across threads only to read what `init` computed.
final class IndexMerger: @unchecked Sendable {
    let runs: [RunReader]
    let output: SectionedFileWriter
    let scratchDirectory: String
    let jobs: Int
    private var letterBase: [UInt32] = []
    private var itemBase: [UInt32] = []
    private(set) var letters = 0
    private(set) var items = 0
    private var itemNorms: [UInt8] = []
    private var summaryNorms: [UInt8] = []
    private(set) var averages: [Double] = [0, 0, 0, 0]
    private var lengthSums: [UInt64] = [0, 0, 0, 0]

    /// The preset dictionary the runs' stored texts were compressed against (written as its own section).
    let storeDictionary: [UInt8]

    init(
        runs: [RunReader], output: SectionedFileWriter, scratchDirectory: String, jobs: Int = 1,
        storeDictionary: [UInt8]
    ) {
        self.storeDictionary = storeDictionary
        self.runs = runs
        self.output = output
        self.scratchDirectory = scratchDirectory
        self.jobs = max(1, jobs)
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
            run.releaseMapping()
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
        let ranges = try mergeTermRanges()
        defer {
            for range in ranges {
                range.postingsFile.close()
                range.positionsFile.close()
            }
        }
        figures.mergeSeconds = clock.seconds
        let writeClock = Stopwatch()
        try writeTerms(ranges, dictionary: dictionary)
        figures.terms = dictionary.totalTerms
        try output.section(.dictionaryTerms, dictionary.terms.bytes)
        try output.section(.dictionaryBlockIndex, dictionary.blockIndex.bytes)
        try output.section(.dictionaryTermInfos, dictionary.termInfos.bytes)
        try output.section(.dictionaryFields, dictionary.fieldsTable())
        try output.begin(.norms)
        try output.write(itemNorms)
        try output.write(summaryNorms)
        output.end()
        // Each run's mapping is dropped as soon as a pass has read it (see RunFile: large page-cache folios).
        try writeColumns()
        try writeNames()
        try writeStore()
        try output.section(
            .itemClasses,
            ItemClassMerger.section(runs: runs.map { ($0.itemClasses, $0.items, $0.name) }))
        for run in runs { run.releaseMapping() }
        try writeMeta(terms: dictionary.totalTerms)
        figures.writeSeconds = writeClock.seconds
        return figures
    }

    // MARK: terms

    /// Merges the term ranges side by side, one per job.
    private func mergeTermRanges() throws -> [TermRangeMerger] {
        let splits = TermRangeMerger.splitTerms(of: runs, parts: jobs)
        var ranges: [TermRangeMerger] = []
        for k in 0...splits.count {
            ranges.append(
                try TermRangeMerger(
                    merger: self, lower: k == 0 ? nil : splits[k - 1], upper: k < splits.count ? splits[k] : nil,
                    part: k, parts: splits.count + 1, scratchDirectory: scratchDirectory))
        }
        let failures = Mutex<[String?]>(Array(repeating: nil, count: ranges.count))
        // A system error (a scratch file that cannot be written: disk full, file too large) is rethrown as
        // it is; anything else means a damaged run.
        let systemErrors = Mutex<[SystemError?]>(Array(repeating: nil, count: ranges.count))
        let shared = ranges
        DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
            do {
                try shared[k].run()
            } catch let error as SystemError {
                systemErrors.withLock { $0[k] = error }
            } catch {
                failures.withLock { $0[k] = "\(error)" }
            }
        }
        if let error = systemErrors.withLock({ $0.compactMap { $0 }.first }) { throw error }
        if let message = failures.withLock({ $0.compactMap { $0 }.first }) {
            throw RunFileError(path: scratchDirectory, detail: message)
        }
        return ranges
    }

    /// Writes the ranges' postings (section `postings`), positions (section `positions`) and term records
    /// (into `dictionary`) in range order, with their offsets made global.
    private func writeTerms(_ ranges: [TermRangeMerger], dictionary: DictionaryBuilder) throws {
        try output.begin(.postings)
        for range in ranges { try range.postingsFile.forEachChunk { try output.write($0) } }
        output.end()
        try output.begin(.positions)
        for range in ranges { try range.positionsFile.forEachChunk { try output.write($0) } }
        output.end()
        var postingsBase: UInt64 = 0
        var positionsBase: UInt64 = 0
        var info = ByteWriter()
        for range in ranges {
            range.termBytes.withUnsafeBytes { bytes in
                for record in range.records {
                    info.bytes.removeAll(keepingCapacity: true)
                    if IndexField(rawValue: record.tag)?.frequencyColumns ?? 0 > 0 {
                        info.u32(record.docCount)
                        info.u32(record.columnDocs.0)
                        info.u32(record.columnDocs.1)
                        info.u32(record.columnDocs.2)
                        info.u64(postingsBase + record.postingsStart)
                        info.u64(positionsBase + record.positionsStart)
                        info.u32(record.maxScore.bitPattern)
                        info.u32(record.postingsLength)
                    } else {
                        info.u32(record.docCount)
                        info.u32(record.postingsLength)
                        info.u64(postingsBase + record.postingsStart)
                    }
                    let term = UnsafeRawBufferPointer(
                        rebasing: bytes[record.bytesStart..<(record.bytesStart + record.bytesCount)])
                    dictionary.add(field: Int(record.tag), term: term, info: info.bytes)
                }
            }
            postingsBase += UInt64(range.postingsFile.length)
            positionsBase += UInt64(range.positionsFile.length)
        }
    }

    /// Decodes one run's postings of the current term into global ids.
    func decode(
        _ cursor: RunReader.TermCursor, run: Int, field: IndexField, into out: DecodedTerm
    ) throws {
        let bytes = cursor.postings
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + bytes.count
        let columns = field.frequencyColumns
        let hasPositions = field.hasPositions
        let idBase = field.isLetterLevel ? letterBase[run] : itemBase[run]
        let count = cursor.docCount
        // Room for the run's documents at once, then filled through pointers (no per-value append).
        let first = out.grow(by: count)
        let docs = out.docs
        let tfs = out.tfs
        let starts = out.positionStarts
        let lengths = out.positionLengths
        var failure: String?
        var offset = 0
        var doc: UInt32 = 0
        for k in first..<(first + count) {
            guard let delta = VarInt.read(base, end, &offset) else {
                failure = "truncated postings"
                break
            }
            doc &+= UInt32(truncatingIfNeeded: delta)
            docs[k] = idBase &+ doc
            guard columns > 0 else { continue }
            var positionCount = 0
            for c in 0..<columns {
                guard let tf = VarInt.read(base, end, &offset) else {
                    failure = "truncated frequencies"
                    break
                }
                tfs[k &* columns &+ c] = UInt32(truncatingIfNeeded: tf)
                positionCount &+= Int(tf)
            }
            if failure != nil { break }
            let start = offset
            if !hasPositions { positionCount = 0 }
            guard let after = VarInt.skip(positionCount, in: base, end, from: offset) else {
                failure = "truncated positions"
                break
            }
            offset = after
            starts[k] = UnsafeRawPointer(base + start)
            lengths[k] = UInt32(offset - start)
        }
        if let failure { throw RunFileError(path: runs[run].name, detail: failure) }
    }

    /// Calls `body` with the norms of `field`'s documents (none for a keyword field), for the block impacts.
    func withNorms<R>(of field: IndexField, _ body: (PostingsEncoder.Norms) -> R) -> R {
        switch field {
        case .itemText, .itemPairs:
            return itemNorms.withUnsafeBufferPointer { body(.init(base: $0.baseAddress, stride: 3)) }
        case .summary: return summaryNorms.withUnsafeBufferPointer { body(.init(base: $0.baseAddress, stride: 1)) }
        default: return body(.init(base: nil, stride: 0))
        }
    }

    /// Each document's score bound for the block maxima. `tables`: the BM25 length tables of the four
    /// length columns (treatment, rationale, guideline, summary), 256 entries each.
    func computeScores(
        _ t: DecodedTerm, field: IndexField, columnDocs: (UInt32, UInt32, UInt32), tables: [[Double]]
    ) {
        let n = t.count
        let docs = t.docs
        let tfs = t.tfs
        let scores = t.scores
        t.hasScores = true
        if field == .summary {
            let idf = BM25.idf(documentCount: Int(columnDocs.0), total: letters) * summaryFieldWeight
            tables[3].withUnsafeBufferPointer { table in
                summaryNorms.withUnsafeBufferPointer { norms in
                    for i in 0..<n {
                        let k = table[Int(norms[Int(docs[i])])]
                        scores[i] = Float(idf * BM25.tfPart(tfs[i], k)).nextUp
                    }
                }
            }
            return
        }
        let w0 = BM25.idf(documentCount: Int(columnDocs.0), total: items) * TextSubfield(rawValue: 0)!.weight
        let w1 = BM25.idf(documentCount: Int(columnDocs.1), total: items) * TextSubfield(rawValue: 1)!.weight
        let w2 = BM25.idf(documentCount: Int(columnDocs.2), total: items) * TextSubfield(rawValue: 2)!.weight
        tables[0].withUnsafeBufferPointer { t0 in
            tables[1].withUnsafeBufferPointer { t1 in
                tables[2].withUnsafeBufferPointer { t2 in
                    itemNorms.withUnsafeBufferPointer { norms in
                        for i in 0..<n {
                            let doc = Int(docs[i])
                            var score = 0.0
                            let tf0 = tfs[i &* 3]
                            let tf1 = tfs[i &* 3 &+ 1]
                            let tf2 = tfs[i &* 3 &+ 2]
                            if tf0 > 0 { score += w0 * BM25.tfPart(tf0, t0[Int(norms[doc &* 3])]) }
                            if tf1 > 0 { score += w1 * BM25.tfPart(tf1, t1[Int(norms[doc &* 3 &+ 1])]) }
                            if tf2 > 0 { score += w2 * BM25.tfPart(tf2, t2[Int(norms[doc &* 3 &+ 2])]) }
                            scores[i] = Float(score).nextUp
                        }
                    }
                }
            }
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
            run.releaseMapping()
        }
        for run in runs {
            let cols = run.itemColumns
            try output.write(UnsafeRawBufferPointer(rebasing: cols[(run.items * 4)..<(run.items * 5)]))
            run.releaseMapping()
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
            run.releaseMapping()
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
                run.releaseMapping()
            }
        }
        // The letter sources: three 8-byte columns after the byte columns.
        for c in 0..<3 {
            for run in runs {
                let cols = run.letterColumns
                let start =
                    (run.letters + 1) * 4 + numericCount * run.letters * 4 + 3 * run.letters + c * 8 * run.letters
                try output.write(UnsafeRawBufferPointer(rebasing: cols[start..<(start + 8 * run.letters)]))
                run.releaseMapping()
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
            run.releaseMapping()
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
                // A run is this build's own file, but a damaged one must fail the build, never be read past.
                guard let raw = s.u32(at: o), let length = s.u32(at: o + 4), s.fits(o + 8, Int(length)) else {
                    throw RunFileError(path: run.name, detail: "stored text block outside the run")
                }
                let compressed = Int(length)
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
            run.releaseMapping()  // read again, and released again, as it is copied below
        }
        try output.section(.storeDictionary, storeDictionary)
        try output.section(.storeBlocks, blockTable.bytes)
        try output.section(.storeIndex, letterTable.bytes)
        try output.begin(.storeData)
        for (k, (r, range)) in blockRanges.enumerated() {
            try output.write(UnsafeRawBufferPointer(rebasing: runs[r].store[range]))
            // A run's stored text is copied: its pages need not stay resident (peak memory of big builds).
            if k + 1 == blockRanges.count || blockRanges[k + 1].0 != r { runs[r].releaseMapping() }
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
