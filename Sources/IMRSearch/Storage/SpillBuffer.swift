// SpillBuffer: bytes appended in order and read back once, kept in memory up to a limit and spilled to a
// `ScratchFile` (created only then) beyond it — the merge's per-range postings and positions, which are
// small enough to stay in memory for most corpora but must not bound the corpus size by the memory.
//
// - Complexity: `append` O(bytes) amortised; memory at most `memoryLimit` bytes plus one appended chunk.

final class SpillBuffer {
    let directory: String
    let name: String
    let memoryLimit: Int
    private var chunks: [[UInt8]] = []
    private var inMemory = 0
    private var file: ScratchFile?
    private(set) var length = 0

    init(directory: String, name: String, memoryLimit: Int) {
        self.directory = directory
        self.name = name
        self.memoryLimit = memoryLimit
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.isEmpty { return }
        length += bytes.count
        if file == nil && inMemory + bytes.count <= memoryLimit {
            chunks.append(Array(bytes))
            inMemory += bytes.count
            return
        }
        if file == nil {
            let spilled = try ScratchFile(directory: directory, name: name)
            for chunk in chunks { try chunk.withUnsafeBytes { try spilled.append($0) } }
            chunks = []
            inMemory = 0
            file = spilled
        }
        try file!.append(bytes)
    }

    /// Calls `body` with consecutive chunks of the content, from the start.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let file { return try file.forEachChunk(body) }
        for chunk in chunks { try chunk.withUnsafeBytes { try body($0) } }
    }

    /// Drops the content (and removes the spill file, if any).
    func close() {
        chunks = []
        inMemory = 0
        file?.close()
        file = nil
    }
}
