// PostingsPool: the growing byte streams of one build batch, one stream per term, in a few large chunks
// instead of one array per term (no per-append reference counting, no reallocation copies).
//
// A stream is a chain of slices. Slice k of a stream holds `sliceSize(k)` bytes (16, 32, 64, ... up to
// 4096); a full slice ends with a 4-byte little-endian link to the next slice's address. Addresses are
// `chunk << chunkBits | offset`; a slice never crosses a chunk. The writer keeps, per stream, the address
// of its first slice, the write address and the end of the current slice's payload.
//
// The per-stream state lives in one 64-byte `TermState` record per stream (one cache line), which also
// holds the inverter's per-term counters: the per-token path touches one line per term, not one per array.
//
// - Complexity: `append` is O(bytes); memory is the payload plus at most 4 link bytes per slice, the
//   unused tail of each stream's last slice, and the unused end of each chunk.

/// The state of one term of a build batch: its postings stream (`PostingsPool`) and the inverter's
/// counters (`BatchInverter`), packed in 64 bytes so that a term costs one cache line.
struct TermState {
    /// Stream: first slice, write address, end of the current slice's payload, slices so far, bytes.
    var head: UInt32 = 0
    var write: UInt32 = 0
    var end: UInt32 = 0
    var sliceCount: UInt32 = 0
    var byteCount: UInt32 = 0
    /// Inverter: documents posted, last document + 1 (0 = none), the unit that last saw the term, its
    /// frequency per column in that unit, and the scatter cursor of that unit.
    var docCount: UInt32 = 0
    var lastDocPlusOne: UInt32 = 0
    var stamp: UInt32 = 0
    var count0: UInt32 = 0
    var count1: UInt32 = 0
    var count2: UInt32 = 0
    var cursor: Int32 = 0
    var spare0: UInt32 = 0
    var spare1: UInt32 = 0
    var spare2: UInt32 = 0
    var spare3: UInt32 = 0
}

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

    /// One record per stream, 64-byte aligned.
    private(set) var states: UnsafeMutablePointer<TermState> = PostingsPool.allocateStates(1)
    private(set) var streamCount = 0
    private var capacity = 1

    deinit {
        for chunk in chunks { chunk.deallocate() }
        UnsafeMutableRawPointer(states).deallocate()
    }

    private static func allocateStates(_ count: Int) -> UnsafeMutablePointer<TermState> {
        UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<TermState>.stride, alignment: 64)
            .bindMemory(to: TermState.self, capacity: count)
    }

    /// Adds an empty stream; returns its number (streams are numbered 0, 1, 2, ...).
    @discardableResult
    func addStream() -> Int {
        if streamCount == capacity {
            let newCapacity = max(capacity * 2, 1024)
            let fresh = PostingsPool.allocateStates(newCapacity)
            fresh.moveInitialize(from: states, count: streamCount)
            UnsafeMutableRawPointer(states).deallocate()
            states = fresh
            capacity = newCapacity
        }
        let s = streamCount
        let first = allocateSlice(PostingsPool.sliceSize(0))
        var state = TermState()
        state.head = first
        state.write = first
        state.end = first &+ UInt32(PostingsPool.sliceSize(0))
        state.sliceCount = 1
        (states + s).initialize(to: state)
        streamCount += 1
        return s
    }

    /// Bytes written to stream `s`.
    @inline(__always)
    func byteCount(_ s: Int) -> Int { Int(states[s].byteCount) }

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

    /// Starts loading the place where the next bytes of the stream whose record is `state` go (`Prefetch`).
    @inline(__always)
    func prefetchWrite(_ state: UnsafeMutablePointer<TermState>) {
        prefetch(pointer(state.pointee.write))
    }

    /// Appends `count` bytes at `bytes` to stream `s`.
    @inline(__always)
    func append(_ s: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        append(states + s, bytes, count)
    }

    /// Appends `count` bytes at `bytes` to the stream whose record is `state`.
    @inline(__always)
    func append(_ state: UnsafeMutablePointer<TermState>, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        var source = bytes
        var rest = count
        state.pointee.byteCount &+= UInt32(count)
        while rest > 0 {
            var room = Int(state.pointee.end &- state.pointee.write)
            if room == 0 {
                let size = PostingsPool.sliceSize(Int(state.pointee.sliceCount))
                let next = allocateSlice(size)
                let link = pointer(state.pointee.end)
                link[0] = UInt8(truncatingIfNeeded: next)
                link[1] = UInt8(truncatingIfNeeded: next >> 8)
                link[2] = UInt8(truncatingIfNeeded: next >> 16)
                link[3] = UInt8(truncatingIfNeeded: next >> 24)
                state.pointee.write = next
                state.pointee.end = next &+ UInt32(size)
                state.pointee.sliceCount &+= 1
                room = size
            }
            let n = min(room, rest)
            let target = pointer(state.pointee.write)
            if n <= 16 {
                // Most entries are a few bytes: a loop beats a call to memmove.
                for k in 0..<n { target[k] = source[k] }
            } else {
                target.update(from: source, count: n)
            }
            state.pointee.write &+= UInt32(n)
            source += n
            rest -= n
        }
    }

    /// Calls `body` with the stream's bytes, slice by slice, in order.
    func forEachPiece(of s: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var rest = Int(states[s].byteCount)
        var address = states[s].head
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
