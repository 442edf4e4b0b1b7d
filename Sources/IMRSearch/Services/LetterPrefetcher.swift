// LetterPrefetcher: reads the text letters of a build's batches ahead of the workers, on reader threads
// of its own, so that reading overlaps parsing and inverting and several reads are in flight at once.
// Reading a corpus is latency-bound, not bandwidth-bound: one open/fstat/read/close per letter of a few
// KB, each a wait on the disk when the page cache is cold (at 1M letters here, `cat` of the files in
// sorted order reads 53 MB/s where `dd` of the same bytes as one file reads over 1 GB/s).
// Batches are read in order; at most `window` of them are held read and not yet taken, which bounds the
// memory (a batch is `batchLetters` letters). A reader also hashes what it read (the letter's identity for
// `--update`), as the bytes are still in its cache. PDF letters are left to the worker (pdftotext).

import Dispatch
import Synchronization

final class LetterPrefetcher: @unchecked Sendable {
    /// One letter as read: its bytes (or why not), its size and modification time as opened, and the
    /// `ContentHash` of its bytes (0 when unread), computed here as they are read; nil in a batch for a PDF.
    struct Letter {
        var bytes: Result<[UInt8], LetterReadError>
        var status: FileStatus
        var contentHash: UInt64 = 0
    }

    /// Reader threads: enough reads in flight for a disk, few enough to stay out of the workers' way (a
    /// reader mostly waits).
    static let defaultReaders = 4

    private let files: [String]
    private let batchLetters: Int
    private let batchCount: Int
    private let batches: Mutex<[[Letter?]?]>
    private let ready: [DispatchSemaphore]
    private let room: DispatchSemaphore
    private let window: Int
    private let nextToRead = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private var threads: [SystemThread] = []

    /// Starts `readers` threads reading `files` in batches of `batchLetters`, at most `window` ahead.
    init(files: [String], batchLetters: Int, readers: Int = LetterPrefetcher.defaultReaders, window: Int) {
        self.files = files
        self.batchLetters = batchLetters
        batchCount = (files.count + batchLetters - 1) / batchLetters
        batches = Mutex([[Letter?]?](repeating: nil, count: batchCount))
        ready = (0..<batchCount).map { _ in DispatchSemaphore(value: 0) }
        self.window = max(1, window)
        room = DispatchSemaphore(value: self.window)
        threads = (0..<max(1, min(readers, batchCount))).map { _ in SystemThread { [unowned self] in self.readLoop() } }
    }

    private func readLoop() {
        while true {
            room.wait()
            if stopped.load(ordering: .acquiring) { return }
            let b = nextToRead.wrappingAdd(1, ordering: .relaxed).oldValue
            guard b < batchCount else { return }
            let range = (b * batchLetters)..<min(files.count, (b + 1) * batchLetters)
            var letters = [Letter?]()
            letters.reserveCapacity(range.count)
            for file in files[range] {
                if stopped.load(ordering: .relaxed) { break }
                if CorpusWalker.isPDF(file) {
                    letters.append(nil)
                    continue
                }
                var status = FileStatus(size: 0, modified: 0)
                let bytes = LetterReader.readTextFile(file, status: &status)
                var hash: UInt64 = 0
                if case .success(let b) = bytes { hash = ContentHash.hash(b) }
                letters.append(Letter(bytes: bytes, status: status, contentHash: hash))
            }
            batches.withLock { $0[b] = letters }
            ready[b].signal()
        }
    }

    /// Waits until batch `b` is read and takes it (each batch once, by the worker that builds it).
    func take(_ b: Int) -> [Letter?] {
        ready[b].wait()
        let letters = batches.withLock { all -> [Letter?] in
            let letters = all[b] ?? []
            all[b] = nil
            return letters
        }
        room.signal()
        return letters
    }

    /// Stops the readers (a batch being read is abandoned) and waits for them; idempotent.
    func stop() {
        stopped.store(true, ordering: .releasing)
        for _ in threads { room.signal() }
        for t in threads { t.join() }
    }

    deinit { stop() }
}
