// PostingsPool: the growing byte streams of one build batch, one stream per term, in a few large chunks
// instead of one array per term (no per-append reference counting, no reallocation copies).
//
// A stream is a chain of slices. Slice k of a stream holds `sliceSize(k)` bytes (16, 32, 64, ... up to
// 4096); a full slice ends with a 4-byte little-endian link to the next slice's address. Addresses are
// `chunk << chunkBits | offset`; a slice never crosses a chunk. The writer keeps, per stream, the address
// of its first slice, the write address and the end of the current slice's payload.
//
// - Complexity: `append` is O(bytes); memory is the payload plus at most 4 link bytes per slice, the
//   unused tail of each stream's last slice, and the unused end of each chunk.

final class PostingsPool {
    static let chunkBits = 22
    static let chunkBytes = 1 << chunkBits
    static let linkBytes = 4

    /// Payload bytes of slice `k` of a stream.
    @inline(__always)
    static func sliceSize(_ k: Int) -> Int { 16 << min(k, 8) }

    // Unchecked exclusivity: read by every `append` (hot loop), accessed only by this pool.
    @exclusivity(unchecked) private var chunks: [UnsafeMutablePointer<UInt8>] = []
    private var chunkUsed = PostingsPool.chunkBytes

    /// Per stream: first slice, write address, end of the current slice's payload, slices so far, bytes.
    private var heads = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var writes = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var ends = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var sliceCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var byteCounts = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private(set) var streamCount = 0
    private var capacity = 1

    deinit {
        for chunk in chunks { chunk.deallocate() }
        heads.deallocate()
        writes.deallocate()
        ends.deallocate()
        sliceCounts.deallocate()
        byteCounts.deallocate()
    }

    /// Adds an empty stream; returns its number (streams are numbered 0, 1, 2, ...).
    @discardableResult
    func addStream() -> Int {
        if streamCount == capacity {
            let newCapacity = capacity * 2
            heads = heads.grown(keeping: capacity, to: newCapacity)
            writes = writes.grown(keeping: capacity, to: newCapacity)
            ends = ends.grown(keeping: capacity, to: newCapacity)
            sliceCounts = sliceCounts.grown(keeping: capacity, to: newCapacity)
            byteCounts = byteCounts.grown(keeping: capacity, to: newCapacity)
            capacity = newCapacity
        }
        let s = streamCount
        let first = allocateSlice(PostingsPool.sliceSize(0))
        heads[s] = first
        writes[s] = first
        ends[s] = first &+ UInt32(PostingsPool.sliceSize(0))
        sliceCounts[s] = 1
        byteCounts[s] = 0
        streamCount += 1
        return s
    }

    /// Bytes written to stream `s`.
    @inline(__always)
    func byteCount(_ s: Int) -> Int { Int(byteCounts[s]) }

    @inline(__always)
    private func pointer(_ address: UInt32) -> UnsafeMutablePointer<UInt8> {
        chunks[Int(address >> UInt32(PostingsPool.chunkBits))]
            + Int(address & UInt32(PostingsPool.chunkBytes - 1))
    }

    /// Reserves `payload` bytes plus a link; returns the slice's address.
    private func allocateSlice(_ payload: Int) -> UInt32 {
        let need = payload + PostingsPool.linkBytes
        if chunkUsed + need > PostingsPool.chunkBytes {
            chunks.append(UnsafeMutablePointer<UInt8>.allocate(capacity: PostingsPool.chunkBytes))
            chunkUsed = 0
        }
        let address = UInt32(chunks.count - 1) << UInt32(PostingsPool.chunkBits) | UInt32(chunkUsed)
        chunkUsed += need
        return address
    }

    /// Appends `count` bytes at `bytes` to stream `s`.
    @inline(__always)
    func append(_ s: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        var source = bytes
        var rest = count
        byteCounts[s] &+= UInt32(count)
        while rest > 0 {
            var room = Int(ends[s] &- writes[s])
            if room == 0 {
                let size = PostingsPool.sliceSize(Int(sliceCounts[s]))
                let next = allocateSlice(size)
                let link = pointer(ends[s])
                link[0] = UInt8(truncatingIfNeeded: next)
                link[1] = UInt8(truncatingIfNeeded: next >> 8)
                link[2] = UInt8(truncatingIfNeeded: next >> 16)
                link[3] = UInt8(truncatingIfNeeded: next >> 24)
                writes[s] = next
                ends[s] = next &+ UInt32(size)
                sliceCounts[s] &+= 1
                room = size
            }
            let n = min(room, rest)
            let target = pointer(writes[s])
            if n <= 16 {
                // Most entries are a few bytes: a loop beats a call to memmove.
                for k in 0..<n { target[k] = source[k] }
            } else {
                target.update(from: source, count: n)
            }
            writes[s] &+= UInt32(n)
            source += n
            rest -= n
        }
    }

    /// Calls `body` with the stream's bytes, slice by slice, in order.
    func forEachPiece(of s: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var rest = Int(byteCounts[s])
        var address = heads[s]
        var k = 0
        while rest > 0 {
            let size = PostingsPool.sliceSize(k)
            let n = min(size, rest)
            let start = pointer(address)
            body(UnsafeBufferPointer(start: start, count: n))
            rest -= n
            if rest > 0 {
                let link = start + size
                address =
                    UInt32(link[0]) | UInt32(link[1]) << 8 | UInt32(link[2]) << 16 | UInt32(link[3]) << 24
            }
            k += 1
        }
    }
}
