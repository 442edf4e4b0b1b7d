// IndexVerifier: the full check behind `imrsearch verify`: every section's CRC32C, then the structure —
// terms strictly increasing in every field, every postings list decodes to the stated number of strictly
// increasing in-range ids with consistent per-column document counts, positions readable and increasing,
// stored block maxima really bounding the scores, columns and names consistent, every stored-text block
// decompressing. Reports the first problems found; reading damaged data never crashes.

public enum IndexVerifier {
    /// Verifies every file of a snapshot, and that the delta's removed letters are the base letters it
    /// deletes.
    public static func verify(_ index: IndexSnapshot, maxProblems: Int = 20) -> [String] {
        var problems: [String] = []
        for segment in index.segments {
            let reader = segment.reader
            let found = verify(reader, maxProblems: maxProblems)
            problems += found.map { index.segments.count > 1 ? "\(reader.path): \($0)" : $0 }
        }
        if let removed = index.removed {
            problems += verify(removed, maxProblems: maxProblems).map { "\(removed.path): \($0)" }
            let base = index.base
            let deleted = index.segments[0].deletedLetters
            for (k, letter) in deleted.enumerated() where problems.count < maxProblems {
                if k >= removed.letterCount || removed.file(ofLetter: k) != base.file(ofLetter: Int(letter)) {
                    problems.append("\(removed.path): removed letter \(k) is not deleted base letter \(letter)")
                }
            }
        }
        return Array(problems.prefix(maxProblems))
    }

    public static func verify(_ reader: IndexReader, maxProblems: Int = 20) -> [String] {
        var problems: [String] = []
        func report(_ p: String) { if problems.count < maxProblems { problems.append(p) } }

        for entry in reader.sectionEntries {
            guard let slice = reader.sections[entry.id] else { continue }
            if CRC32C.checksum(slice) != entry.checksum {
                report("section \(entry.id.name): checksum mismatch (the bytes were changed after writing)")
            }
        }
        verifyPadding(reader, report)
        if !problems.isEmpty { return problems }

        verifyColumns(reader, report)
        // The average field lengths are their sums over the items (the summary's over the letters), exactly
        // as the build divides them: damage to either changes every score.
        for k in 0..<4 {
            let n = k < 3 ? reader.itemCount : reader.letterCount
            let expected = n > 0 ? Double(reader.lengthSums[k]) / Double(n) : 0
            if reader.averageLengths[k].bitPattern != expected.bitPattern {
                report("meta: average length \(k) does not match its length sum")
            }
        }
        let badClassIDs = reader.classes.invalidIDs()
        if badClassIDs > 0 { report("item classes: \(badClassIDs) ids lie outside the value table") }
        var positionScratch: [UInt32] = []
        var totalTerms = 0
        for field in IndexField.allCases {
            let dictionary = reader.dictionary(field)
            var previous: [UInt8]? = nil
            var seen = 0
            dictionary.forEachTerm { ordinal, term in
                seen += 1
                if let p = previous, !p.lexicographicallyPrecedes(term) {
                    report("field \(field.queryName): terms out of order at term \(ordinal)")
                }
                previous = term
                guard let info = dictionary.info(ordinal) else {
                    report("field \(field.queryName): term \(ordinal) has no term info")
                    return problems.count < maxProblems
                }
                verifyPostings(reader, field, info, term, &positionScratch, report)
                return problems.count < maxProblems
            }
            if seen != dictionary.termCount && problems.count < maxProblems {
                report(
                    "field \(field.queryName): dictionary lists \(dictionary.termCount) terms but \(seen) decode"
                )
            }
            totalTerms += seen
        }
        if totalTerms != reader.termCount && problems.isEmpty {
            report("meta says \(reader.termCount) terms, dictionaries hold \(totalTerms)")
        }
        // Each block decompressed once (not once per letter, as `text(ofLetter:)` would); a letter's text
        // must then lie inside its block, the condition under which `text(ofLetter:)` returns it.
        var rawLengths: [Int?] = []
        for block in 0..<reader.storeBlockCount {
            let raw = problems.count < maxProblems ? reader.decompressedBlock(block) : nil
            if raw == nil { report("stored text block \(block) does not decompress") }
            rawLengths.append(raw?.count)
        }
        for letter in 0..<reader.letterCount where problems.count < maxProblems {
            guard let block = reader.storeIndex.u32(at: letter * 12),
                let offset = reader.storeIndex.u32(at: letter * 12 + 4),
                let length = reader.storeIndex.u32(at: letter * 12 + 8)
            else {
                report("stored text of letter \(letter) is out of its block")
                continue
            }
            if length == 0 { continue }
            if Int(block) >= rawLengths.count || rawLengths[Int(block)] == nil
                || Int(offset) + Int(length) > rawLengths[Int(block)]!
            {
                report("stored text of letter \(letter) is out of its block")
            }
        }
        return problems
    }

    /// The header's reserved bytes and the gaps between sections must be zero.
    private static func verifyPadding(_ reader: IndexReader, _ report: (String) -> Void) {
        let whole = ByteReader(reader.image)
        for at in 28..<IndexFormat.headerSize where whole.u8(at: at) != 0 {
            return report("header: reserved byte \(at) is not zero")
        }
        var position = IndexFormat.headerSize + SectionID.allCases.count * IndexFormat.sectionEntrySize
        for entry in reader.sectionEntries.sorted(by: { $0.offset < $1.offset }) {
            if entry.offset < UInt64(position) {
                return report("section \(entry.id.name) overlaps another")
            }
            for at in position..<Int(entry.offset) where whole.u8(at: at) != 0 {
                return report("padding byte \(at) before section \(entry.id.name) is not zero")
            }
            position = Int(entry.offset + entry.length)
        }
        if position != whole.count { report("bytes after the last section") }
    }

    private static func verifyColumns(_ reader: IndexReader, _ report: (String) -> Void) {
        var previousFirst = 0
        for letter in 0...reader.letterCount {
            let first = reader.firstItem(ofLetter: letter)
            if first < previousFirst || first > reader.itemCount {
                report("letter columns: first item of letter \(letter) is out of order")
                return
            }
            previousFirst = first
        }
        if reader.firstItem(ofLetter: reader.letterCount) != reader.itemCount {
            report("letter columns: items of the last letter do not end at the item count")
        }
        for item in 0..<reader.itemCount where reader.decisionCode(ofItem: item) > 2 {
            return report("item columns: decision code of item \(item) is out of range")
        }
        for letter in 0..<reader.letterCount {
            if reader.sexCode(letter: letter) > 2 || reader.priorityCode(letter: letter) > 3
                || Int(reader.layoutCode(letter: letter)) >= LetterLayout.allCases.count
            {
                return report("letter columns: a code of letter \(letter) is out of range")
            }
        }
        for item in 0..<reader.itemCount {
            let letter = reader.letter(ofItem: item)
            if letter >= reader.letterCount || item < reader.firstItem(ofLetter: letter)
                || item >= reader.firstItem(ofLetter: letter + 1)
            {
                report("item columns: item \(item) names letter \(letter), which does not hold it")
                return
            }
        }
    }

    private static func verifyPostings(
        _ reader: IndexReader, _ field: IndexField, _ info: TermInfo, _ term: [UInt8],
        _ positions: inout [UInt32], _ report: (String) -> Void
    ) {
        let name = "\(field.queryName):\(String(decoding: term, as: UTF8.self))"
        guard info.docFreq > 0 else { return report("\(name): empty postings list") }
        if field == .itemPairs || field == .itemTriples {
            let words = term.split(separator: 0x20, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            let expected = field == .itemPairs ? 2 : 3
            guard words.count == expected, words.allSatisfy({ CommonWords.index(of: $0) >= 0 }) else {
                return report("\(name): not \(expected == 2 ? "a pair" : "a triple") of common words")
            }
        }
        let limit = field.isLetterLevel ? reader.letterCount : reader.itemCount
        if field == .itemTriples && !IndexFormat.keepsTriplePostings(docFreq: info.docFreq, items: limit) {
            if info.docFreq > limit { return report("\(name): \(info.docFreq) documents of \(limit)") }
            if info.postingsLength != 0 { return report("\(name): a triple this frequent keeps no postings") }
            return
        }
        let iterator: TermIterator?
        let cursor: PostingsCursor
        if field.frequencyColumns > 0 {
            let t = TermIterator(
                reader: reader, info: info, field: field, term: name,
                mask: (1 << field.frequencyColumns) - 1)
            iterator = t
            cursor = t.cursor
        } else {
            iterator = nil
            cursor = PostingsCursor(reader: reader, info: info, field: field)
        }
        var count = 0
        var previous: Int64 = -1
        var columnDocs = [Int](repeating: 0, count: 3)
        var block = 0
        while cursor.doc != PostingsCursor.end {
            let doc = Int64(cursor.doc)
            if doc <= previous || doc >= Int64(limit) {
                return report("\(name): document ids out of order or range")
            }
            previous = doc
            if let iterator {
                iterator.doc = cursor.doc
                for c in 0..<field.frequencyColumns {
                    let tf = cursor.tf(c)
                    guard tf > 0 else { continue }
                    columnDocs[c] += 1
                    if field.hasPositions {
                        guard cursor.positions(column: c, into: &positions), positions.count == Int(tf) else {
                            return report("\(name): positions of document \(doc) are unreadable")
                        }
                        for k in 1..<max(positions.count, 1) where positions[k] <= positions[k - 1] {
                            return report("\(name): positions of document \(doc) are not increasing")
                        }
                    }
                    let impact = cursor.blockImpact(from: cursor.doc, column: c)
                    if (impact.maxTf < 255 && tf > UInt32(impact.maxTf))
                        || iterator.normCode(column: c) < Int(impact.minNorm)
                    {
                        return report("\(name): block impacts of block \(block) do not cover document \(doc)")
                    }
                }
                let bound = cursor.blockBound(from: cursor.doc).bound
                if iterator.score() > Double(bound) + 1e-9 {
                    return report("\(name): block maximum \(bound) is below a score of block \(block)")
                }
            }
            count += 1
            if count % 128 == 0 { block += 1 }
            cursor.next()
        }
        if count != info.docFreq {
            return report(
                "\(name): postings hold \(count) documents, the dictionary says \(info.docFreq)")
        }
        if field.frequencyColumns > 0 {
            for c in 0..<field.frequencyColumns where columnDocs[c] != info.columnDocFreq[c] {
                return report(
                    "\(name): column \(c) document count \(columnDocs[c]) != stored \(info.columnDocFreq[c])")
            }
        }
    }
}
