// IndexReader: opens an index file read-only through one memory mapping and gives typed, bounds-checked
// access to its sections. Opening is O(1) in the file size: it checks the magic, the version, the section
// table's checksum and that every section lies inside the file with the sizes the counts imply; it does
// not read the data. `IndexVerifier` checks every byte. Thread-safe for concurrent readers.
#if canImport(Glibc)
    import Glibc
#endif

public final class IndexReader: @unchecked Sendable {
    public let path: String
    /// The file's format version: `IndexFormat.version`, or the previous one when opened accepting it.
    public let formatVersion: UInt32
    let file: MappedFile
    /// This index's bytes within `file` (the whole file unless embedded in a delta file).
    let image: UnsafeRawBufferPointer
    public let letterCount: Int
    public let itemCount: Int
    public let termCount: Int
    public let batchCount: Int
    /// Average field lengths: treatment, rationale, guideline (per item), summary (per letter).
    public let averageLengths: [Double]
    let lengthSums: [UInt64]
    let sections: [SectionID: UnsafeRawBufferPointer]
    let sectionEntries: [SectionEntry]
    let dictionaries: [TermDictionary]
    let postings: UnsafeRawBufferPointer
    let positions: UnsafeRawBufferPointer
    let itemNorms: UnsafePointer<UInt8>?
    let summaryNorms: UnsafePointer<UInt8>?
    let itemColumns: ByteReader
    let letterColumns: ByteReader
    let names: ByteReader
    let storeBlocks: ByteReader
    let storeIndex: ByteReader
    let storeData: UnsafeRawBufferPointer
    /// The preset dictionary the store blocks were compressed against (section 16).
    let storeDictionaryBytes: UnsafeRawBufferPointer
    /// The per-item taxonomy columns (category, subcategory path, drug).
    public let classes: ItemClassReader
    /// The statistics of the whole live collection when this file is one segment of an updated index
    /// (`IndexSnapshot`); nil when the file is the whole collection. Set once, before any search.
    public internal(set) var collection: CollectionStatistics? {
        didSet { scoringLengthTables = IndexReader.lengthTables(collection?.averageLengths ?? averageLengths) }
    }
    /// `BM25.lengthTable` of each column's scoring average length (3 = summary), 256 entries each.
    private(set) var scoringLengthTables: [[Double]] = []

    static func lengthTables(_ averages: [Double]) -> [[Double]] {
        averages.map { BM25.lengthTable(averageLength: $0) }
    }

    /// Documents of `field`'s kind in the collection scores are computed over.
    @inline(__always)
    func scoringDocuments(_ field: IndexField) -> Int {
        collection?.documents(field) ?? (field.isLetterLevel ? letterCount : itemCount)
    }

    /// The average length of column `k` (3 = summary) in the collection scores are computed over.
    @inline(__always)
    func scoringAverageLength(_ k: Int) -> Double { collection?.averageLengths[k] ?? averageLengths[k] }

    /// Opens the index file at `path`. `acceptingPreviousVersion`: also a file of
    /// `IndexFormat.previousVersion` (it has no word pairs; only the build reads one, for the letters'
    /// `added` days, and a search refuses it with the rebuild command).
    public convenience init(path: String, acceptingPreviousVersion: Bool = false) throws {
        if !FileIO.exists(path) { throw IndexError.missing(path: path) }
        let file: MappedFile
        do {
            file = try MappedFile(path: path)
        } catch let e as SystemError {
            throw IndexError.unreadable(
                path: path, detail: e.code == ENODEV ? "not a regular file (a FIFO, socket or device)" : e.reason)
        }
        try self.init(
            file: file, region: 0..<file.bytes.count, path: path, acceptingPreviousVersion: acceptingPreviousVersion)
    }

    /// Reads the index image at `region` of a mapped file (the whole file, or one embedded in a delta
    /// file); `path` names it in errors.
    init(file: MappedFile, region: Range<Int>, path: String, acceptingPreviousVersion: Bool = false) throws {
        self.path = path
        self.file = file
        func corrupt(_ detail: String) -> IndexError { IndexError.corrupt(path: path, detail: detail) }
        guard region.lowerBound >= 0, region.upperBound <= file.bytes.count else {
            throw corrupt("an embedded index lies outside the file")
        }
        image = UnsafeRawBufferPointer(rebasing: file.bytes[region])
        let whole = ByteReader(image)
        guard whole.count >= IndexFormat.headerSize else {
            throw corrupt(
                whole.count == 0
                    ? "the file is empty" : "the file is \(whole.count) bytes, shorter than a header")
        }
        guard whole.u64(at: 0) == IndexFormat.magic else {
            throw corrupt("wrong magic number (not an imrsearch index)")
        }
        let version = whole.u32(at: 8) ?? 0
        guard version == IndexFormat.version || (acceptingPreviousVersion && version == IndexFormat.previousVersion)
        else {
            throw corrupt(
                "format version \(version), this imrsearch reads version \(IndexFormat.version)")
        }
        formatVersion = version
        let sectionCount = Int(whole.u32(at: 12) ?? 0)
        let declaredLength = whole.u64(at: 16) ?? 0
        guard declaredLength == UInt64(whole.count) else {
            throw corrupt(
                "the file is \(whole.count) bytes but its header says \(declaredLength) (truncated or extended)"
            )
        }
        let capacity = SectionID.allCases.count
        guard sectionCount <= capacity,
            let table = whole.slice(
                at: IndexFormat.headerSize, count: capacity * IndexFormat.sectionEntrySize)
        else { throw corrupt("bad section count \(sectionCount)") }
        guard CRC32C.checksum(table) == whole.u32(at: 24) else {
            throw corrupt("section table checksum mismatch")
        }
        let tableReader = ByteReader(table)
        var sections: [SectionID: UnsafeRawBufferPointer] = [:]
        var entries: [SectionEntry] = []
        let dataStart = IndexFormat.headerSize + capacity * IndexFormat.sectionEntrySize
        for i in 0..<sectionCount {
            let at = i * IndexFormat.sectionEntrySize
            guard let rawID = tableReader.u32(at: at), let id = SectionID(rawValue: rawID),
                let offset = tableReader.u64(at: at + 8), let length = tableReader.u64(at: at + 16),
                let checksum = tableReader.u32(at: at + 24)
            else { throw corrupt("unknown section in entry \(i)") }
            guard offset >= UInt64(dataStart), offset <= UInt64(whole.count),
                length <= UInt64(whole.count) - offset,
                let slice = whole.slice(at: Int(offset), count: Int(length))
            else { throw corrupt("section \(id.name) lies outside the file") }
            guard sections[id] == nil else { throw corrupt("section \(id.name) appears twice") }
            sections[id] = slice
            entries.append(SectionEntry(id: id, offset: offset, length: length, checksum: checksum))
        }
        for id in SectionID.allCases where sections[id] == nil {
            throw corrupt("section \(id.name) is missing")
        }
        self.sections = sections
        sectionEntries = entries
        let meta = ByteReader(sections[.meta]!)
        guard let letters = meta.u32(at: 0), let items = meta.u32(at: 4), let terms = meta.u32(at: 8),
            let batches = meta.u32(at: 12)
        else { throw corrupt("meta section too short") }
        letterCount = Int(letters)
        itemCount = Int(items)
        termCount = Int(terms)
        batchCount = Int(batches)
        var averages: [Double] = []
        var sums: [UInt64] = []
        for k in 0..<4 {
            let a = Double(bitPattern: meta.u64(at: 16 + 8 * k) ?? 0)
            guard a.isFinite, a >= 0 else { throw corrupt("bad average field length") }
            averages.append(a)
            sums.append(meta.u64(at: 48 + 8 * k) ?? 0)
        }
        averageLengths = averages
        lengthSums = sums
        scoringLengthTables = IndexReader.lengthTables(averages)

        func expect(_ id: SectionID, _ size: Int, exact: Bool = true) throws {
            let actual = sections[id]!.count
            if exact ? actual != size : actual < size {
                throw corrupt(
                    "section \(id.name) is \(actual) bytes, expected \(exact ? "" : "at least ")\(size)")
            }
        }
        let L = letterCount
        let N = itemCount
        try expect(.norms, N * 3 + L)
        try expect(.itemColumns, N * 5)
        try expect(.letterColumns, (L + 1) * 4 + NumericColumn.allCases.count * L * 4 + 3 * L + 24 * L)
        try expect(.letterNames, 16 * (L + 1), exact: false)
        try expect(.storeIndex, 12 * L)
        // The previous version has no word-pair field (the last tag).
        let fieldCount = IndexField.allCases.count - (version == IndexFormat.version ? 0 : 1)
        try expect(.dictionaryFields, fieldCount * DictionaryBuilder.fieldEntrySize)
        guard sections[.storeDictionary]!.count <= BlockCompression.maxDictionaryBytes else {
            throw corrupt("section store dictionary is longer than \(BlockCompression.maxDictionaryBytes) bytes")
        }
        guard sections[.storeBlocks]!.count % 16 == 0 else {
            throw corrupt("store block table has a partial entry")
        }

        postings = sections[.postings]!
        positions = sections[.positions]!
        let norms = sections[.norms]!
        itemNorms = norms.baseAddress?.assumingMemoryBound(to: UInt8.self)
        summaryNorms = norms.baseAddress.map { ($0 + N * 3).assumingMemoryBound(to: UInt8.self) }
        itemColumns = ByteReader(sections[.itemColumns]!)
        letterColumns = ByteReader(sections[.letterColumns]!)
        names = ByteReader(sections[.letterNames]!)
        storeBlocks = ByteReader(sections[.storeBlocks]!)
        storeIndex = ByteReader(sections[.storeIndex]!)
        storeData = sections[.storeData]!
        storeDictionaryBytes = sections[.storeDictionary]!
        guard let classes = ItemClassReader(sections[.itemClasses]!, items: N) else {
            throw corrupt("section item classes does not match its value table and the item count")
        }
        self.classes = classes

        let fields = ByteReader(sections[.dictionaryFields]!)
        let noTerms = ByteReader(UnsafeRawBufferPointer(IndexReader.emptyFieldEntry))
        var dictionaries: [TermDictionary] = []
        for field in IndexField.allCases {
            let present = Int(field.rawValue) < fieldCount
            let at = present ? Int(field.rawValue) * DictionaryBuilder.fieldEntrySize : 0
            guard
                let d = TermDictionary(
                    field: field, entry: present ? fields : noTerms, at: at, terms: sections[.dictionaryTerms]!,
                    blockIndex: sections[.dictionaryBlockIndex]!, termInfos: sections[.dictionaryTermInfos]!)
            else {
                throw corrupt("term dictionary of field \(field.queryName) lies outside its sections")
            }
            dictionaries.append(d)
        }
        self.dictionaries = dictionaries
    }

    /// A dictionary-fields entry of a field without terms (a field an older version does not have).
    private static let emptyFieldEntry: UnsafeMutableRawBufferPointer = {
        let entry = UnsafeMutableRawBufferPointer.allocate(byteCount: DictionaryBuilder.fieldEntrySize, alignment: 8)
        entry.initializeMemory(as: UInt8.self, repeating: 0)
        return entry
    }()

    /// Whether phrases can read word pairs here (not in a file of the previous version).
    var hasWordPairs: Bool { formatVersion == IndexFormat.version }

    public func dictionary(_ field: IndexField) -> TermDictionary {
        dictionaries[Int(field.rawValue)]
    }

    // MARK: columns

    /// The letter an item belongs to (0 if the column is damaged).
    @inline(__always)
    public func letter(ofItem item: Int) -> Int { Int(itemColumns.u32(at: item * 4) ?? 0) }

    public func decisionCode(ofItem item: Int) -> UInt8 {
        itemColumns.u8(at: itemCount * 4 + item) ?? 255
    }

    /// First item of a letter; `firstItem(ofLetter: letterCount)` is the item count.
    @inline(__always)
    public func firstItem(ofLetter letter: Int) -> Int { Int(letterColumns.u32(at: letter * 4) ?? 0) }

    /// The item's number within its letter, from 0.
    public func itemNumber(ofItem item: Int) -> Int {
        item - firstItem(ofLetter: letter(ofItem: item))
    }

    /// The decision day of the item's letter (`ColumnCodes.missing` when not stated): two loads, for the
    /// tie-break of every ranked hit. The columns' sizes were checked on open; the letter number read from
    /// the file is checked here.
    @inline(__always)
    func decidedDay(ofItem item: Int) -> Int32 {
        guard item >= 0 && item < itemCount else { return ColumnCodes.missing }
        let letter = Int(
            UInt32(littleEndian: itemColumns.buffer.loadUnaligned(fromByteOffset: item &* 4, as: UInt32.self)))
        guard letter < letterCount else { return ColumnCodes.missing }
        let at = numericOffset(.decided, letter: letter)
        return Int32(
            bitPattern: UInt32(littleEndian: letterColumns.buffer.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
    }

    /// The decision codes of `items` (0 upheld, 1 overturned, 2 other), written to `codes`: one load each.
    func fillDecisionCodes(_ items: UnsafeBufferPointer<UInt32>, into codes: UnsafeMutablePointer<UInt8>) {
        let base = itemCount &* 4
        let buffer = itemColumns.buffer
        for (k, doc) in items.enumerated() {
            codes[k] = Int(doc) < itemCount ? buffer.load(fromByteOffset: base &+ Int(doc), as: UInt8.self) : 2
        }
    }

    /// The letter numbers of `items`, written to `letters` (`letterCount` for an item or letter out of range).
    func fillLetters(_ items: UnsafeBufferPointer<UInt32>, into letters: UnsafeMutablePointer<Int32>) {
        let buffer = itemColumns.buffer
        for (k, doc) in items.enumerated() {
            guard Int(doc) < itemCount else {
                letters[k] = Int32(letterCount)
                continue
            }
            let letter = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: Int(doc) &* 4, as: UInt32.self)))
            letters[k] = Int32(letter < letterCount ? letter : letterCount)
        }
    }

    /// A letter's value of `column` for a letter number from `fillLetters` (missing for `letterCount`).
    @inline(__always)
    func numericUnchecked(_ column: NumericColumn, letter: Int) -> Int32 {
        guard letter < letterCount else { return ColumnCodes.missing }
        return Int32(
            bitPattern: UInt32(
                littleEndian: letterColumns.buffer.loadUnaligned(
                    fromByteOffset: numericOffset(column, letter: letter), as: UInt32.self)))
    }

    /// Where a letter's value of `column` lies in the letter columns section.
    @inline(__always)
    private func numericOffset(_ column: NumericColumn, letter: Int) -> Int {
        (letterCount &+ 1) &* 4 &+ (column.rawValue &* letterCount &+ letter) &* 4
    }

    @inline(__always)
    public func numeric(_ column: NumericColumn, letter: Int) -> Int32 {
        let at = numericOffset(column, letter: letter)
        return Int32(bitPattern: letterColumns.u32(at: at) ?? UInt32(bitPattern: ColumnCodes.missing))
    }

    private func letterByte(_ k: Int, letter: Int) -> UInt8 {
        letterColumns.u8(
            at: (letterCount + 1) * 4 + NumericColumn.allCases.count * letterCount * 4 + k * letterCount
                + letter)
            ?? 0
    }
    public func sexCode(letter: Int) -> UInt8 { letterByte(0, letter: letter) }
    public func priorityCode(letter: Int) -> UInt8 { letterByte(1, letter: letter) }
    public func layoutCode(letter: Int) -> UInt8 { letterByte(2, letter: letter) }

    /// The letter's file as it was indexed (size, modification time, content hash).
    public func source(ofLetter letter: Int) -> LetterSource {
        let L = letterCount
        let base = (L + 1) * 4 + NumericColumn.allCases.count * L * 4 + 3 * L
        return LetterSource(
            size: letterColumns.u64(at: base + letter * 8) ?? 0,
            modified: Int64(bitPattern: letterColumns.u64(at: base + 8 * L + letter * 8) ?? 0),
            hash: letterColumns.u64(at: base + 16 * L + letter * 8) ?? 0)
    }

    /// The day the letter first entered the index (`ColumnCodes.missing` if not recorded).
    public func addedDay(ofLetter letter: Int) -> Int32 { numeric(.added, letter: letter) }

    // MARK: names and text

    private func poolString(table: Int, letter: Int) -> String {
        let L = letterCount
        let tableBase = table * 8 * (L + 1)
        let poolBase = 16 * (L + 1)
        guard let start = names.u64(at: tableBase + letter * 8),
            let end = names.u64(at: tableBase + letter * 8 + 8),
            start <= end, end - start < 1 << 20
        else { return "" }
        let fileBytes = Int(names.u64(at: 8 * L) ?? 0)
        let base = poolBase + (table == 1 ? fileBytes : 0)
        guard let slice = names.slice(at: base + Int(start), count: Int(end - start)) else { return "" }
        return String(decoding: slice, as: UTF8.self)
    }

    public func file(ofLetter letter: Int) -> String { poolString(table: 0, letter: letter) }

    /// The letter's file path as bytes in the mapping (empty when damaged): no copy.
    func fileBytes(ofLetter letter: Int) -> UnsafeRawBufferPointer {
        let L = letterCount
        guard let start = names.u64(at: letter * 8), let end = names.u64(at: letter * 8 + 8), start <= end,
            end - start < 1 << 20, let slice = names.slice(at: 16 * (L + 1) + Int(start), count: Int(end - start))
        else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return slice
    }

    public func caseNumber(ofLetter letter: Int) -> String? {
        let c = poolString(table: 1, letter: letter)
        return c.isEmpty ? nil : c
    }

    /// The normalised text of a letter, decompressed from the store; nil when the store is damaged. Only
    /// the part of its block up to the letter's end is decoded.
    public func text(ofLetter letter: Int) -> String? {
        guard let block = storeIndex.u32(at: letter * 12),
            let offset = storeIndex.u32(at: letter * 12 + 4),
            let length = storeIndex.u32(at: letter * 12 + 8)
        else { return nil }
        if length == 0 { return "" }
        let end = Int(offset) + Int(length)
        return withDecompressedBlock(Int(block), upTo: end) { raw in
            end <= raw.count ? String(decoding: raw[Int(offset)..<end], as: UTF8.self) : nil
        } ?? nil
    }

    var storeBlockCount: Int { storeBlocks.count / 16 }

    /// Block `block` of the stored text, whole; nil when it is damaged.
    func decompressedBlock(_ block: Int) -> [UInt8]? {
        withDecompressedBlock(block, upTo: nil) { Array($0) }
    }

    /// Calls `body` with block `block` of the stored text decoded (with `upTo`, at least its first `upTo`
    /// bytes: `body` sees that prefix of the block, or all of it when the block is shorter); nil when the
    /// block is damaged (in the part decoded).
    func withDecompressedBlock<R>(_ block: Int, upTo: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard let dataOffset = storeBlocks.u64(at: block * 16),
            let compressed = storeBlocks.u32(at: block * 16 + 8),
            let rawLength = storeBlocks.u32(at: block * 16 + 12), rawLength <= 1 << 28,
            dataOffset <= UInt64(storeData.count),
            UInt64(compressed) <= UInt64(storeData.count) - dataOffset
        else { return nil }
        // The window: the dictionary, then the block (uninitialised: decoding writes every byte it exposes).
        let prefix = storeDictionaryBytes.count
        let wanted = min(Int(rawLength), upTo ?? Int(rawLength))
        let input = UnsafeRawBufferPointer(
            rebasing: storeData[Int(dataOffset)..<(Int(dataOffset) + Int(compressed))])
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefix + Int(rawLength) + 1) { window in
            let raw = UnsafeMutableRawBufferPointer(window)
            if prefix > 0 { raw.baseAddress!.copyMemory(from: storeDictionaryBytes.baseAddress!, byteCount: prefix) }
            guard
                BlockCompression.decompress(
                    input, prefix: prefix, decompressedSize: Int(rawLength),
                    into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<(prefix + Int(rawLength))]),
                    stopAfter: wanted)
            else { return nil }
            return body(UnsafeBufferPointer(rebasing: window[prefix..<(prefix + wanted)]))
        }
    }

    /// The format version of the imrsearch index at `path` when it is not this imrsearch's; nil when the
    /// file is missing, not an index, or of this version (reads only the header).
    public static func otherFormatVersion(path: String) -> UInt32? {
        let fd = FileIO.withSystemPath(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 16, 0) }
        guard n == 16 else { return nil }
        return header.withUnsafeBytes { raw -> UInt32? in
            let reader = ByteReader(raw)
            guard reader.u64(at: 0) == IndexFormat.magic, let version = reader.u32(at: 8),
                version != IndexFormat.version
            else { return nil }
            return version
        }
    }

    /// The preset dictionary of the stored texts (an update compresses its delta's texts against it).
    public var storeDictionary: [UInt8] { Array(storeDictionaryBytes) }

    /// The parsed record of a letter, re-derived from its stored text (the parser is deterministic), for
    /// display: its items' `treatmentClass` is left empty unless `classify` (the classes are in the index).
    public func record(ofLetter letter: Int, classify: Bool = false) -> LetterRecord? {
        guard let text = text(ofLetter: letter) else { return nil }
        return LetterParser.parse(bytes: Array(text.utf8), file: file(ofLetter: letter), classify: classify)
    }

    /// The letters whose case number or file name is `name` (exact, case-insensitive).
    public func letters(named name: String) -> [Int] {
        var result: [Int] = []
        for field in [IndexField.caseNumber, .file] {
            let value = KeywordValues.normalize(name, for: field)
            if let info = dictionary(field).lookup(value) {
                let cursor = PostingsCursor(reader: self, info: info, field: field)
                while cursor.doc != PostingsCursor.end {
                    let l = letter(ofItem: Int(cursor.doc))
                    if result.last != l { result.append(l) }
                    cursor.next()
                }
                if !result.isEmpty { return result }
            }
        }
        return result
    }
}
