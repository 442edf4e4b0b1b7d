// DeltaFile: the file `index --update` publishes beside the index, `<index>.delta` (layout in
// docs/FORMAT.md, "The delta file"): which letters of the base index are gone, and two index images in
// the ordinary format — the letters added or changed since the base was built ("added"), and the base's
// gone letters again ("removed", never searched: its dictionaries and length sums are what the
// collection statistics subtract). It names the base it belongs to by the base's length and
// section-table checksum, so a delta left beside a newer base is recognised as stale and ignored.

enum DeltaFormat {
    /// "IMRSDLT1" read as a little-endian UInt64.
    static let magic: UInt64 = 0x3154_4C44_5352_4D49
    static let version: UInt32 = 1
    static let headerSize = 128
    /// Bytes of the header covered by its checksum (the checksum sits right after).
    static let checkedHeaderBytes = 80
}

/// Identifies one base index file: its length and the checksum of its section table (which holds every
/// section's checksum, so it changes with any content).
struct BaseIdentity: Equatable {
    var length: UInt64
    var tableChecksum: UInt32

    init(length: UInt64, tableChecksum: UInt32) {
        self.length = length
        self.tableChecksum = tableChecksum
    }

    init(_ reader: IndexReader) {
        let header = ByteReader(reader.image)
        length = UInt64(reader.image.count)
        tableChecksum = header.u32(at: 24) ?? 0
    }
}

/// The parts of a delta file, as offsets into it.
struct DeltaLayout {
    var fileLength: UInt64
    var base: BaseIdentity
    var added: Range<Int>
    var removed: Range<Int>
    var deletedOffset: Int
    var deletedCount: Int
    var deletedChecksum: UInt32

    /// Reads and checks the header (O(1)); the error says what is wrong.
    init(_ bytes: UnsafeRawBufferPointer) throws(DeltaFileError) {
        let r = ByteReader(bytes)
        guard bytes.count >= DeltaFormat.headerSize else {
            throw DeltaFileError("the file is \(bytes.count) bytes, shorter than a delta header")
        }
        guard r.u64(at: 0) == DeltaFormat.magic else { throw DeltaFileError("wrong magic number") }
        let version = r.u32(at: 8) ?? 0
        guard version == DeltaFormat.version else {
            throw DeltaFileError("delta format version \(version), this imrsearch reads \(DeltaFormat.version)")
        }
        let checked = UnsafeRawBufferPointer(rebasing: bytes[0..<DeltaFormat.checkedHeaderBytes])
        guard CRC32C.checksum(checked) == r.u32(at: DeltaFormat.checkedHeaderBytes) else {
            throw DeltaFileError("header checksum mismatch")
        }
        fileLength = r.u64(at: 16) ?? 0
        guard fileLength == UInt64(bytes.count) else {
            throw DeltaFileError("the file is \(bytes.count) bytes but its header says \(fileLength)")
        }
        base = BaseIdentity(length: r.u64(at: 24) ?? 0, tableChecksum: r.u32(at: 32) ?? 0)
        deletedCount = Int(r.u32(at: 12) ?? 0)
        func range(_ at: Int) throws(DeltaFileError) -> Range<Int> {
            let offset = r.u64(at: at) ?? 0
            let length = r.u64(at: at + 8) ?? 0
            guard offset >= UInt64(DeltaFormat.headerSize), offset <= UInt64(bytes.count),
                length <= UInt64(bytes.count) - offset, offset % 8 == 0
            else { throw DeltaFileError("a part lies outside the file") }
            return Int(offset)..<Int(offset + length)
        }
        added = try range(40)
        removed = try range(56)
        deletedOffset = Int(r.u64(at: 72) ?? 0)
        deletedChecksum = r.u32(at: 36) ?? 0
        guard deletedOffset >= DeltaFormat.headerSize, deletedOffset <= bytes.count,
            deletedCount <= (bytes.count - deletedOffset) / 4
        else { throw DeltaFileError("the deleted-letter list lies outside the file") }
    }
}

struct DeltaFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum DeltaFileWriter {
    /// Writes `<destination>` atomically from two index image files and the sorted base letter numbers
    /// that are gone.
    static func write(
        destination: String, base: BaseIdentity, addedImage: String, removedImage: String, deleted: [UInt32]
    ) throws {
        let added = try FileIO.readAll(addedImage)
        let removed = try FileIO.readAll(removedImage)
        func padded(_ n: Int) -> Int { (n + 7) / 8 * 8 }
        let addedOffset = DeltaFormat.headerSize
        let removedOffset = addedOffset + padded(added.count)
        let deletedOffset = removedOffset + padded(removed.count)
        var list = ByteWriter()
        for d in deleted { list.u32(d) }
        let total = deletedOffset + list.bytes.count
        var header = ByteWriter()
        header.u64(DeltaFormat.magic)
        header.u32(DeltaFormat.version)
        header.u32(UInt32(deleted.count))
        header.u64(UInt64(total))
        header.u64(base.length)
        header.u32(base.tableChecksum)
        header.u32(list.bytes.withUnsafeBytes { CRC32C.checksum($0) })
        header.u64(UInt64(addedOffset))
        header.u64(UInt64(added.count))
        header.u64(UInt64(removedOffset))
        header.u64(UInt64(removed.count))
        header.u64(UInt64(deletedOffset))
        var bytes = header.bytes
        let checksum = bytes.withUnsafeBytes { CRC32C.checksum($0) }
        var tail = ByteWriter()
        tail.u32(checksum)
        bytes += tail.bytes
        bytes += [UInt8](repeating: 0, count: DeltaFormat.headerSize - bytes.count)
        let out = try AtomicFileWriter(destination: destination)
        try out.write(bytes)
        try out.write(added + [UInt8](repeating: 0, count: padded(added.count) - added.count))
        try out.write(removed + [UInt8](repeating: 0, count: padded(removed.count) - removed.count))
        try out.write(list.bytes)
        try out.commit()
    }
}
