// StoredTextBuilder: packs the normalised letter texts of one batch into blocks of about
// `IndexFormat.storeBlockBytes` raw bytes and compresses each block with `BlockCompression`.
// A letter never spans two blocks; a letter larger than the target gets a block of its own.

final class StoredTextBuilder {
    struct Block {
        var rawLength: UInt32
        var compressed: [UInt8]
    }
    struct Location {
        var block: UInt32
        var offset: UInt32
        var length: UInt32
    }

    private(set) var blocks: [Block] = []
    private(set) var locations: [Location] = []
    private var pending: [UInt8] = []

    func add(_ text: String) {
        let length = text.utf8.count
        if !pending.isEmpty && pending.count + length > IndexFormat.storeBlockBytes { flush() }
        locations.append(
            Location(block: UInt32(blocks.count), offset: UInt32(pending.count), length: UInt32(length)))
        pending.append(contentsOf: text.utf8)
    }

    /// Compresses the open block, if any. Call once after the last `add`.
    func flush() {
        guard !pending.isEmpty else { return }
        var compressed: [UInt8] = []
        pending.withUnsafeBytes { BlockCompression.compress($0, to: &compressed) }
        blocks.append(Block(rawLength: UInt32(pending.count), compressed: compressed))
        pending.removeAll(keepingCapacity: true)
    }
}
