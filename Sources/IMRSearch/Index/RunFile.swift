// RunFile: the temporary file one build batch is spilled to, and its reader. Runs are written and read
// by the same build, so the reader trusts their structure (they are never user input), but still reads
// through bounds-checked accessors so a disk error cannot turn into a crash; a term list that ends early
// is reported, never taken for its end.
//
// A spilled run's term list is read with pread through a small window per cursor (`RunWindow`), not
// through the mapping: the kernel maps page-cache folios of up to megabytes on a fault, so a cursor
// parked in each of a thousand mapped runs would keep gigabytes resident. The other sections are read
// once through the mapping, which is dropped again right after (`releaseMapping`).
//
// Layout (little-endian):
//   u32 magic "IMRR" | u32 letters | u32 items | u32 terms | u64 lengthSums[4]
//   u64 offsets of: terms, norms, item columns, letter columns, names, store, item classes, end
//   terms:   per term, sorted by bytes: u32 length | term bytes (tag first) | u32 docCount | u32 byteCount | postings
//   norms:   items × 3 bytes (treatment, rationale, guideline), then letters × 1 byte (summary)
//   item columns:   u32 letter (batch-local) × items, u8 decision × items
//   letter columns: u32 firstItem × (letters + 1), i32 × letters for each NumericColumn, u8 sex, priority, layout × letters,
//                   u64 size, i64 modified, u64 hash × letters (LetterSource)
//   names:   per letter: u32 length | file bytes | u32 length (0xFFFFFFFF: none) | case number bytes
//   store:   u32 blocks | per block: u32 raw length | u32 compressed length | bytes;
//            then per letter: u32 block | u32 offset | u32 length
//   item classes: the batch's value table and u16 ids (`ItemClassTable.serialize`)

enum RunFile {
    static let magic: UInt32 = 0x5252_4D49  // "IMRR"

    /// The run of `inv` (its stored texts finished first), in one owned buffer.
    static func serialize(_ inv: BatchInverter) -> RawByteBuffer {
        inv.store.finish()
        // One allocation: the postings, the stored text and a generous allowance for the rest.
        var estimate = 4096 + inv.terms.count * 16 + inv.itemCount * 16 + inv.letterCount * 160
        for id in 0..<inv.terms.count { estimate += inv.postings.byteCount(id) + inv.terms.bytes(of: id).count }
        let blocks = inv.store.blocks
        for block in blocks { estimate += block.compressed.count + 8 }
        let w = RawByteBuffer(capacity: estimate)
        w.u32(magic)
        w.u32(UInt32(inv.letterCount))
        w.u32(UInt32(inv.itemCount))
        w.u32(UInt32(inv.terms.count))
        for s in inv.lengthSums { w.u64(s) }
        let offsetsAt = w.count
        for _ in 0..<8 { w.u64(0) }
        var offsets: [UInt64] = []
        offsets.append(UInt64(w.count))
        for id in inv.terms.sortedIDs() {
            let bytes = inv.terms.bytes(of: Int(id))
            w.u32(UInt32(bytes.count))
            w.append(bytes)
            w.u32(inv.docCount(Int(id)))
            w.u32(UInt32(inv.postings.byteCount(Int(id))))
            inv.postings.forEachPiece(of: Int(id)) { w.append($0) }
        }
        offsets.append(UInt64(w.count))
        w.append(inv.itemNorms)
        w.append(inv.summaryNorms)
        offsets.append(UInt64(w.count))
        for l in inv.itemLetter { w.u32(l) }
        w.append(inv.itemDecision)
        offsets.append(UInt64(w.count))
        for f in inv.letterFirstItem { w.u32(f) }
        for column in inv.numeric { for v in column { w.u32(UInt32(bitPattern: v)) } }
        w.append(inv.sexCodes)
        w.append(inv.priorityCodes)
        w.append(inv.layoutCodes)
        for s in inv.sources { w.u64(s.size) }
        for s in inv.sources { w.u64(UInt64(bitPattern: s.modified)) }
        for s in inv.sources { w.u64(s.hash) }
        offsets.append(UInt64(w.count))
        for i in 0..<inv.letterCount {
            var file = inv.files[i]
            file.withUTF8 { utf8 in
                w.u32(UInt32(utf8.count))
                w.append(utf8)
            }
            if var c = inv.caseNumbers[i] {
                c.withUTF8 { utf8 in
                    w.u32(UInt32(utf8.count))
                    w.append(utf8)
                }
            } else {
                w.u32(UInt32.max)
            }
        }
        offsets.append(UInt64(w.count))
        w.u32(UInt32(blocks.count))
        for block in blocks {
            w.u32(block.rawLength)
            w.u32(UInt32(block.compressed.count))
            w.append(block.compressed)
        }
        for loc in inv.store.locations {
            w.u32(loc.block)
            w.u32(loc.offset)
            w.u32(loc.length)
        }
        offsets.append(UInt64(w.count))
        var classes = ByteWriter()
        inv.classes.serialize(into: &classes)
        w.append(classes.bytes)
        offsets.append(UInt64(w.count))
        for (i, o) in offsets.enumerated() { w.patchU64(at: offsetsAt + i * 8, o) }
        return w
    }
}

/// A failure reading a run back (a disk or build bug, never user input).
struct RunFileError: Error, CustomStringConvertible {
    var path: String
    var detail: String
    var description: String { "\(path): temporary build run is damaged: \(detail)" }
}

/// Reads one run file through a mapping.
final class RunReader {
    /// The run's file path, or a name for a run kept in memory (for messages).
    let name: String
    /// Keeps the bytes alive: a mapping of the run file, or the buffer of an in-memory run.
    private let file: MappedFile?
    private let owner: RawByteBuffer?
    let letters: Int
    let items: Int
    let termCount: Int
    let lengthSums: [UInt64]
    private let offsets: [Int]
    private let reader: ByteReader
    /// For a spilled run: the file, open for the cursors' reads.
    private var descriptor: Int32 = -1

    convenience init(path: String) throws {
        let file = try MappedFile(path: path)
        try self.init(name: path, file: file, owner: nil, bytes: file.bytes)
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw SystemError("open", path: path) }
        releaseMapping()
    }

    /// A run that never went to disk, read in place (the reader keeps `buffer` alive).
    convenience init(buffer: RawByteBuffer, name: String) throws {
        try self.init(name: name, file: nil, owner: buffer, bytes: buffer.unsafeBytes)
    }

    private init(name: String, file: MappedFile?, owner: RawByteBuffer?, bytes: UnsafeRawBufferPointer)
        throws
    {
        self.name = name
        self.file = file
        self.owner = owner
        reader = ByteReader(bytes)
        let path = name
        func fail(_ what: String) -> RunFileError { RunFileError(path: path, detail: what) }
        guard reader.u32(at: 0) == RunFile.magic, let l = reader.u32(at: 4), let i = reader.u32(at: 8),
            let t = reader.u32(at: 12)
        else { throw fail("bad header") }
        letters = Int(l)
        items = Int(i)
        termCount = Int(t)
        var sums: [UInt64] = []
        for k in 0..<4 { sums.append(reader.u64(at: 16 + 8 * k) ?? 0) }
        lengthSums = sums
        var offs: [Int] = []
        for k in 0..<8 {
            guard let o = reader.u64(at: 48 + 8 * k), o <= UInt64(reader.count) else {
                throw fail("bad offsets")
            }
            guard Int(o) >= (offs.last ?? 0) else { throw fail("bad offsets") }
            offs.append(Int(o))
        }
        offsets = offs
        // The fixed-size sections must hold exactly what the counts say: the merge reads them by count.
        let expected = [
            1: items * 3 + letters,
            2: items * 5,
            3: (letters + 1) * 4 + NumericColumn.allCases.count * letters * 4 + 3 * letters + 24 * letters,
        ]
        for (k, size) in expected where offs[k + 1] - offs[k] != size {
            throw fail("section \(k) holds \(offs[k + 1] - offs[k]) bytes, not the \(size) its counts imply")
        }
    }

    /// A cursor over the run's sorted terms. `term` and `postings` stay valid until the next `next()`.
    struct TermCursor {
        let reader: ByteReader
        /// Spilled runs: the cursor's own read window over the file.
        let window: RunWindow?
        var offset: Int
        let end: Int
        var term: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
        var docCount: Int = 0
        var postings: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
        /// Set when the term list could not be read to its end (a damaged run, or a read error).
        var failure: String?

        /// Moves to the next term; false at the end, or on a failure (then `failure` says what).
        mutating func next() -> Bool {
            guard offset < end else { return false }
            let entry: ByteReader
            let start: Int
            if let window {
                // The entry's length fields first, then the whole entry, contiguous in the window.
                guard let head = window.bytes(at: offset, count: 4), let length = ByteReader(head).u32(at: 0),
                    let fixed = window.bytes(at: offset, count: 12 + Int(length)),
                    let pc = ByteReader(fixed).u32(at: 8 + Int(length)),
                    let whole = window.bytes(at: offset, count: 12 + Int(length) + Int(pc))
                else {
                    failure = window.failure ?? "term list ends inside an entry"
                    return false
                }
                entry = ByteReader(whole)
                start = 0
            } else {
                entry = reader
                start = offset
            }
            guard let length = entry.u32(at: start),
                let t = entry.slice(at: start + 4, count: Int(length)),
                let dc = entry.u32(at: start + 4 + Int(length)),
                let pc = entry.u32(at: start + 8 + Int(length)),
                let p = entry.slice(at: start + 12 + Int(length), count: Int(pc))
            else {
                failure = "term list ends inside an entry"
                return false
            }
            term = t
            docCount = Int(dc)
            postings = p
            offset += 12 + Int(length) + Int(pc)
            return true
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Drops every resident page of a spilled run's mapping (after a section has been read through it).
    func releaseMapping() {
        file?.adviseDontNeed(0..<reader.count)
    }

    /// Bytes of the run's term list.
    var termBytes: Int { offsets[1] - offsets[0] }

    func termCursor() -> TermCursor {
        let window = descriptor >= 0 ? RunWindow(run: self, descriptor: descriptor, limit: offsets[1]) : nil
        return TermCursor(reader: reader, window: window, offset: offsets[0], end: offsets[1])
    }

    func bytes(_ k: Int) -> UnsafeRawBufferPointer {
        reader.slice(at: offsets[k], count: offsets[k + 1] - offsets[k])
            ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    var norms: UnsafeRawBufferPointer { bytes(1) }
    var itemColumns: UnsafeRawBufferPointer { bytes(2) }
    var letterColumns: UnsafeRawBufferPointer { bytes(3) }
    var names: UnsafeRawBufferPointer { bytes(4) }
    var store: UnsafeRawBufferPointer { bytes(5) }
    var itemClasses: UnsafeRawBufferPointer { bytes(6) }
}

/// A forward-moving read window over a run file (pread into a private buffer): `bytes(at:count:)` hands out
/// a byte range, reading it in when the window does not hold it. Each cursor owns one; the buffer grows for
/// a term larger than it and shrinks back after.
final class RunWindow {
    static let minimumBytes = 64 << 10
    /// Keeps the run, and so its open file, alive as long as the window reads from it.
    let run: RunReader
    let descriptor: Int32
    /// File offset the reads never pass (the end of the term list).
    let limit: Int
    private var buffer: UnsafeMutableRawPointer
    private var capacity = RunWindow.minimumBytes
    private var windowStart = 0
    private var windowCount = 0
    private(set) var failure: String?

    init(run: RunReader, descriptor: Int32, limit: Int) {
        self.run = run
        self.descriptor = descriptor
        self.limit = limit
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Bytes `offset..<offset + count` of the file; nil past `limit` or on a read error.
    func bytes(at offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0, offset + count <= limit else { return nil }
        if offset < windowStart || offset + count > windowStart + windowCount {
            let wanted = min(max(count, RunWindow.minimumBytes), limit - offset)
            if wanted > capacity || (capacity > 16 * RunWindow.minimumBytes && wanted <= RunWindow.minimumBytes) {
                buffer.deallocate()
                capacity = max(wanted, RunWindow.minimumBytes)
                buffer = .allocate(byteCount: capacity, alignment: 16)
            }
            var done = 0
            while done < wanted {
                let n = pread(descriptor, buffer + done, wanted - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    failure =
                        n < 0 ? "read: \(String(cString: strerror(errno)))" : "run file is shorter than its header says"
                    windowCount = 0
                    return nil
                }
                done += n
            }
            windowStart = offset
            windowCount = wanted
        }
        return UnsafeRawBufferPointer(start: buffer + (offset - windowStart), count: count)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
