// SectionedFileWriter: writes the index file as a header, a section table and 8-byte aligned sections,
// computing each section's CRC32C while streaming, on top of an `AtomicFileWriter` (temp file + rename).
// The header and table are written last, at offset 0, once every section's place is known.

struct SectionEntry {
    var id: SectionID
    var offset: UInt64
    var length: UInt64
    var checksum: UInt32
}

final class SectionedFileWriter {
    let file: AtomicFileWriter
    private var buffer: [UInt8] = []
    private(set) var offset = 0
    private var current: SectionEntry?
    private var crc: UInt32 = 0
    private(set) var sections: [SectionEntry] = []
    let sectionCapacity = SectionID.allCases.count

    init(destination: String) throws {
        file = try AtomicFileWriter(destination: destination)
        buffer.reserveCapacity(1 << 20)
        let reserved = IndexFormat.headerSize + sectionCapacity * IndexFormat.sectionEntrySize
        buffer.append(contentsOf: repeatElement(0, count: reserved))
        offset = reserved
    }

    func begin(_ id: SectionID) throws {
        precondition(current == nil)
        let padding = (8 - offset % 8) % 8
        if padding > 0 {
            buffer.append(contentsOf: repeatElement(0, count: padding))
            offset += padding
        }
        current = SectionEntry(id: id, offset: UInt64(offset), length: 0, checksum: 0)
        crc = 0
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if current != nil { crc = CRC32C.checksum(bytes, seed: crc) }
        offset += bytes.count
        if buffer.count + bytes.count > (1 << 20) {
            try flush()
            if bytes.count >= (1 << 20) {
                try file.write(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func end() {
        guard var entry = current else { return }
        entry.length = UInt64(offset) - entry.offset
        entry.checksum = crc
        sections.append(entry)
        current = nil
    }

    /// Writes one whole section.
    func section(_ id: SectionID, _ bytes: [UInt8]) throws {
        try begin(id)
        try write(bytes)
        end()
    }

    private func flush() throws {
        if !buffer.isEmpty {
            try file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes header and section table, then publishes the file atomically (`durable: false`: without
    /// fsync, for scratch images).
    func commit(durable: Bool = true) throws {
        try flush()
        var table = ByteWriter()
        for s in sections {
            table.u32(s.id.rawValue)
            table.u32(0)
            table.u64(s.offset)
            table.u64(s.length)
            table.u32(s.checksum)
            table.u32(0)
        }
        for _ in sections.count..<sectionCapacity { for _ in 0..<4 { table.u64(0) } }
        var header = ByteWriter()
        header.u64(IndexFormat.magic)
        header.u32(IndexFormat.version)
        header.u32(UInt32(sections.count))
        header.u64(UInt64(offset))
        let tableChecksum = table.bytes.withUnsafeBytes { CRC32C.checksum($0) }
        header.u32(tableChecksum)
        header.u32(0)
        while header.count < IndexFormat.headerSize { header.u8(0) }
        try file.write(header.bytes + table.bytes, at: 0)
        try file.commit(durable: durable)
    }
}
