// StoredTextBuilder: packs the normalised letter texts of one batch into blocks of about
// `IndexFormat.storeBlockBytes` raw bytes and compresses each block with `BlockCompression`.
// A letter never spans two blocks; a letter larger than the target gets a block of its own. Every block
// is compressed against the index's preset dictionary (`StoreDictionary`).
//
// Compression runs on a serial queue of the builder's own, beside the inverting thread (as tantivy
// compresses its document store on a dedicated thread): `flush` hands the full block over and goes on;
// at most `blocksInFlight` raw blocks wait, so memory stays bounded. `finish` waits for the last block.
// Blocks come out in the order they were filled, so the run's bytes never depend on timing.
import Dispatch

final class StoredTextBuilder: @unchecked Sendable {
    struct Block {
        var rawLength: UInt32
        var compressed: [UInt8]
    }
    struct Location {
        var block: UInt32
        var offset: UInt32
        var length: UInt32
    }

    /// Raw blocks handed over but not yet compressed, at most.
    static let blocksInFlight = 8

    /// Where each letter's text lies (filled by `add`, on the caller's thread).
    private(set) var locations: [Location] = []
    private var pending: [UInt8] = []
    private var flushedBlocks = 0
    private let compressor: BlockCompressor
    private let queue = DispatchQueue(label: "imrsearch.store-compression")
    private let slots = DispatchSemaphore(value: StoredTextBuilder.blocksInFlight)
    /// The compressed blocks, appended on `queue` only.
    private var compressedBlocks: [Block] = []

    init(dictionary: [UInt8]) {
        compressor = BlockCompressor(dictionary: dictionary)
    }

    /// The compressed blocks, in order (call after `finish`).
    var blocks: [Block] { queue.sync { compressedBlocks } }

    func add(_ text: String) {
        let length = text.utf8.count
        if !pending.isEmpty && pending.count + length > IndexFormat.storeBlockBytes { flush() }
        locations.append(
            Location(block: UInt32(flushedBlocks), offset: UInt32(pending.count), length: UInt32(length)))
        pending.append(contentsOf: text.utf8)
    }

    /// Hands the open block, if any, to the compression queue.
    private func flush() {
        guard !pending.isEmpty else { return }
        let raw = pending
        pending = []
        pending.reserveCapacity(IndexFormat.storeBlockBytes)
        flushedBlocks += 1
        slots.wait()
        queue.async { [self] in
            var compressed: [UInt8] = []
            raw.withUnsafeBytes { compressor.compress($0, to: &compressed) }
            compressedBlocks.append(Block(rawLength: UInt32(raw.count), compressed: compressed))
            slots.signal()
        }
    }

    /// Compresses the open block and waits for every block. Call once after the last `add`.
    func finish() {
        flush()
        queue.sync {}
    }
}
