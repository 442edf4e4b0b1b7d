// IndexBuilder: builds an index file from letters — the service behind `imrsearch index`.
//
// 1. Lock: `<index>.lock` (flock) makes a second concurrent build fail fast.
// 2. Clean: temp files and build folders left by a build that died are removed.
// 3. Parse + invert in parallel: the sorted file list is cut into batches of a fixed number of letters;
//    `jobs` workers take batches in turn, read, parse and invert each and spill it as a run file. Memory
//    stays bounded by `jobs` batches in flight, whatever the corpus size. PDF letters are read by
//    `pdftotext` children (`LetterReader`): a batch extracts its PDFs several at once, all batches sharing
//    one budget of `jobs` children, so a corpus of one batch still uses every core. A PDF that poppler
//    cannot read is listed and skipped; without `pdftotext` every PDF is skipped with one note.
// 4. Merge the runs in batch order into `<index>.tmp-…`, fsync, rename over the index, fsync the directory
//    (`AtomicFileWriter`). Readers that still map the old index keep reading it; a crash at any point
//    leaves the old index as it was.
// The output depends only on the letters, never on `jobs`.
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

public struct IndexBuildOptions: Sendable {
    public var paths: [String]
    public var indexPath: String
    public var jobs: Int
    public var batchLetters: Int
    /// Bytes of serialized runs kept in memory before runs are spilled to files.
    public var runMemoryBudget: Int
    /// Called on the building thread with (letters done, letters total, input bytes done).
    public var progress: (@Sendable (Int, Int, Int) -> Void)?
    /// Called when the build enters a phase after inversion ("merging").
    public var phase: (@Sendable (String) -> Void)?
    /// The days letters first entered the index; nil: carried from the index being replaced, today for
    /// the others.
    public var addedDays: AddedDays?
    /// "Today" for the `added:` days of new letters; nil: IMRSEARCH_TODAY, else the local date.
    public var today: Int32?
    /// How PDF letters are read: this process's `pdftotext`, unless a test says otherwise.
    public var pdfTool: Result<PDFTextExtractor, PDFTextExtractor.Missing> = PDFTextExtractor.located

    public init(
        paths: [String], indexPath: String, jobs: Int = 0,
        batchLetters: Int = IndexFormat.defaultBatchLetters, runMemoryBudget: Int = IndexBuilder.inMemoryRunBudget,
        progress: (@Sendable (Int, Int, Int) -> Void)? = nil
    ) {
        self.runMemoryBudget = runMemoryBudget
        self.paths = paths
        self.indexPath = indexPath
        self.jobs = jobs
        self.batchLetters = batchLetters
        self.progress = progress
    }
}

public struct IndexBuildSummary: Sendable {
    public var letters = 0
    public var items = 0
    public var terms = 0
    public var inputBytes = 0
    public var indexBytes = 0
    public var seconds = 0.0
    public var jobs = 0
    /// Thread-seconds spent reading letter files, parsing and inverting (summed over workers), then wall
    /// seconds merging and writing.
    public var readSeconds = 0.0
    public var parseSeconds = 0.0
    public var invertSeconds = 0.0
    public var mergeSeconds = 0.0
    public var writeSeconds = 0.0
    public var peakResidentBytes = 0
    /// Letters that produced parser warnings, and the first warnings ("file: message").
    public var lettersWithWarnings = 0
    public var warnings: [String] = []
    /// Files that could not be read (skipped), PDFs whose text poppler could not extract among them.
    public var unreadable: [String] = []
    /// PDF letters whose text was extracted and indexed.
    public var pdfLetters = 0
    /// Thread-seconds spent waiting for `pdftotext` (part of `readSeconds`).
    public var pdfSeconds = 0.0
    /// PDFs left out because a ".txt" letter with the same name stem is indexed (`CorpusWalker`).
    public var pdfTwinsSkipped = 0
    /// PDFs left out because `pdftotext` is missing, and the note saying so (with the install hint).
    public var pdfsWithoutTool = 0
    public var pdfToolMissing: String?
    /// Letters new to the index, changed since it was built, gone from the folders, and unchanged.
    public var added = 0
    public var changed = 0
    public var deleted = 0
    public var unchanged = 0
    /// "full" (built from every letter), "update" (a delta beside the base) or "unchanged" (nothing to do).
    public var mode = "full"
}

public enum IndexBuildError: Error, CustomStringConvertible {
    case noSuchPath(String, String)
    /// The lock file, and the build holding it when it could be named.
    case locked(String, LockHolder?)
    case noLetters
    /// Only PDF letters were found, and no `pdftotext` to read them (the note says how to install it).
    case onlyPDFsWithoutTool(Int, String)
    case system(SystemError)
    case run(String)
    /// IMRSEARCH_TODAY is set but is not a date.
    case badToday(String)

    public var description: String {
        switch self {
        case .noSuchPath(let p, let why): return "\(p): \(why)"
        case .locked(let p, let holder?):
            return
                "another imrsearch index (pid \(holder.pid), started \(holder.startedText())) is building this index (lock \(p)); wait for it to finish"
        case .locked(let p, nil):
            return "another imrsearch index is building this index (lock \(p)); wait for it to finish"
        case .noLetters:
            return "no letters (*.txt or *.pdf files) found to index; the existing index, if any, is left as it is"
        case .onlyPDFsWithoutTool(let count, let note):
            return
                "\(note); the \(count) PDF letters found cannot be read, so nothing was indexed; the existing index, if any, is left as it is"
        case .system(let e): return e.description
        case .run(let s): return s
        case .badToday(let value): return "IMRSEARCH_TODAY is '\(value)', not a date YYYY-MM-DD"
        }
    }
}

public enum IndexBuilder {
    public static let maxListedWarnings = 20
    /// Serialized runs up to this many bytes stay in memory; beyond it they are spilled to run files, so
    /// memory stays bounded whatever the corpus size.
    public static let inMemoryRunBudget = 768 << 20

    /// Today for `added:`, or the usage error for a bad IMRSEARCH_TODAY.
    static func currentDay(_ options: IndexBuildOptions) throws -> Int32 {
        if let today = options.today { return today }
        guard let day = AddedDays.currentDay() else {
            throw IndexBuildError.badToday(getenv("IMRSEARCH_TODAY").map { String(cString: $0) } ?? "")
        }
        return day
    }

    /// Removes what builds that died left beside the index (never while one runs: the caller holds the
    /// lock, and only files of processes that are gone are removed): `<index>.tmp-<pid>-<n>` and the
    /// temporaries of its sibling files (`<index>.delta.tmp-<pid>-<n>`), and `<index>.build-<pid>` folders.
    public static func removeLeftovers(of indexPath: String) {
        AtomicFileWriter.removeStaleTemporaries(for: indexPath, siblings: true)
        BuildDirectory.removeStale(for: indexPath)
    }

    public static func defaultJobs() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    public static func build(_ options: IndexBuildOptions) throws -> IndexBuildSummary {
        let clock = Stopwatch()
        let walker = try walk(options.paths)
        let lock = try lockIndex(options.indexPath)
        defer { lock.release() }
        return try buildLocked(options, walker: walker, clock: clock)
    }

    /// The letters under `paths`. A PATH that does not exist fails the build; what is wrong inside the
    /// PATHs is listed and skipped.
    static func walk(_ paths: [String]) throws -> CorpusWalker {
        let walker = CorpusWalker(paths: paths)
        if let problem = walker.problems.first(where: \.isGivenPath), walker.files.isEmpty || paths.count == 1 {
            throw IndexBuildError.noSuchPath(problem.path, problem.message)
        }
        TestKillPoint.reached("walked")
        return walker
    }

    /// Takes the index's build lock (`<index>.lock`; a second build fails at once naming the holder) and
    /// removes what builds that died left behind.
    static func lockIndex(_ indexPath: String) throws -> FileLock {
        let lock: FileLock
        do {
            lock = try FileLock(path: indexPath + ".lock")
        } catch FileLockError.held(let path, let holder) {
            throw IndexBuildError.locked(path, holder)
        } catch let e as SystemError {
            throw IndexBuildError.system(e)
        }
        TestKillPoint.reached("locked")
        removeLeftovers(of: indexPath)
        TestKillPoint.reached("cleaned")
        return lock
    }

    /// The full build, with the lock held.
    static func buildLocked(_ options: IndexBuildOptions, walker: CorpusWalker, clock: Stopwatch) throws
        -> IndexBuildSummary
    {
        var files = walker.files
        var pdfsWithoutTool = 0
        if case .failure(let missing) = options.pdfTool {
            let before = files.count
            files.removeAll(where: CorpusWalker.isPDF)
            pdfsWithoutTool = before - files.count
            if files.isEmpty && pdfsWithoutTool > 0 {
                throw IndexBuildError.onlyPDFsWithoutTool(pdfsWithoutTool, missing.description)
            }
        }
        if files.isEmpty { throw IndexBuildError.noLetters }
        let jobs = options.jobs > 0 ? options.jobs : defaultJobs()
        let addedDays = try options.addedDays ?? AddedDays.carried(from: options.indexPath, today: currentDay(options))
        let reader = LetterReader(pdfTool: options.pdfTool, slots: ChildSlots(limit: jobs))
        let batchLetters = max(1, options.batchLetters)
        let batchCount = (files.count + batchLetters - 1) / batchLetters
        let workDirectory = try BuildDirectory(for: options.indexPath)
        defer { workDirectory.remove() }

        let storeDictionary = trainStoreDictionary(files)
        let state = Mutex(BatchState(batchCount: batchCount))
        let failure = Mutex<String?>(nil)
        // Reader threads read the letters ahead of the workers (`LetterPrefetcher`); a worker's "read" time
        // is then the time it waits for its batch.
        let prefetcher = LetterPrefetcher(files: files, batchLetters: batchLetters, window: max(2 * jobs, jobs + 2))
        defer { prefetcher.stop() }
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(batchCount, 1))) { _ in
            while true {
                let next: Int? = state.withLock { s in
                    guard s.nextBatch < s.batchCount else { return nil }
                    s.nextBatch += 1
                    return s.nextBatch - 1
                }
                guard let batch = next, failure.withLock({ $0 == nil }) else { return }
                let range = (batch * batchLetters)..<min(files.count, (batch + 1) * batchLetters)
                let waitClock = Stopwatch()
                let letters = prefetcher.take(batch)
                let waited = waitClock.seconds
                do {
                    var result = try processBatch(
                        Array(files[range]), prefetched: letters, reader: reader, addedDays: addedDays,
                        storeDictionary: storeDictionary, runPath: workDirectory.runPath(batch)
                    ) {
                        bytes in
                        state.withLock { s in
                            guard s.runBytesInMemory + bytes <= options.runMemoryBudget else { return false }
                            s.runBytesInMemory += bytes
                            return true
                        }
                    }
                    result.readSeconds += waited
                    let run = result.run
                    result.run = nil
                    let snapshot = state.withLock { s -> (Int, Int) in
                        if let run { s.runs[batch] = run }
                        s.absorb(result)
                        return (s.lettersDone, s.bytesDone)
                    }
                    options.progress?(snapshot.0, files.count, snapshot.1)
                } catch {
                    failure.withLock { $0 = $0 ?? "\(error)" }
                }
            }
        }
        if let message = failure.withLock({ $0 }) { throw IndexBuildError.run(message) }
        TestKillPoint.reached("inverted")

        var summary = state.withLock { s -> IndexBuildSummary in
            var summary = IndexBuildSummary()
            summary.inputBytes = s.bytesDone
            summary.readSeconds = s.readSeconds
            summary.parseSeconds = s.parseSeconds
            summary.invertSeconds = s.invertSeconds
            summary.lettersWithWarnings = s.lettersWithWarnings
            summary.warnings = s.warnings
            summary.unreadable = s.unreadable
            summary.pdfLetters = s.pdfLetters
            summary.pdfSeconds = s.pdfSeconds
            summary.added = s.added
            summary.changed = s.changed
            summary.unchanged = s.unchanged
            summary.deleted = max(0, addedDays.known.count - s.changed - s.unchanged)
            return summary
        }
        summary.pdfTwinsSkipped = walker.pdfTwins.count
        summary.pdfsWithoutTool = pdfsWithoutTool
        if pdfsWithoutTool > 0, case .failure(let missing) = options.pdfTool {
            summary.pdfToolMissing = missing.description
        }
        for problem in walker.problems {
            summary.unreadable.append("\(problem.path): \(problem.message)")
        }
        options.phase?("merging \(batchCount) runs and writing the index")
        do {
            var runs: [RunReader] = []
            for batch in 0..<batchCount {
                let kept = state.withLock { s in s.runs.removeValue(forKey: batch) }
                if let kept {
                    runs.append(try RunReader(buffer: kept, name: "in-memory run \(batch)"))
                } else {
                    runs.append(try RunReader(path: workDirectory.runPath(batch)))
                }
            }
            let output = try SectionedFileWriter(destination: options.indexPath)
            // The workers are done: the merge splits the term space over every core whatever `jobs` is.
            let merger = IndexMerger(
                runs: runs, output: output, scratchDirectory: workDirectory.path, jobs: max(jobs, defaultJobs()),
                storeDictionary: storeDictionary)
            let figures = try merger.merge()
            TestKillPoint.reached("merged")
            let commitClock = Stopwatch()
            try output.commit()
            // The new base holds every letter: a delta beside it is stale (readers already ignore it, as it
            // names the old base).
            if FileIO.exists(options.indexPath + ".delta") { unlink(options.indexPath + ".delta") }
            TestKillPoint.reached("published")
            summary.letters = figures.letters
            summary.items = figures.items
            summary.terms = figures.terms
            summary.mergeSeconds = figures.mergeSeconds
            summary.writeSeconds = figures.writeSeconds + commitClock.seconds
            summary.indexBytes = output.offset
        } catch let e as SystemError {
            throw IndexBuildError.system(e)
        }
        summary.jobs = jobs
        summary.seconds = clock.seconds
        summary.peakResidentBytes = ProcessMemory.peakResidentBytes()
        return summary
    }

    /// The preset dictionary of the stored texts, trained on `StoreDictionary.sampleLetters` text letters
    /// spread evenly over the sorted file list (PDFs and unreadable files are passed over), so it depends
    /// only on the letters.
    static func trainStoreDictionary(_ files: [String]) -> [UInt8] {
        let texts = files.filter { !CorpusWalker.isPDF($0) }
        guard !texts.isEmpty else { return [] }
        let wanted = min(StoreDictionary.sampleLetters, texts.count)
        var samples: [[UInt8]] = []
        for k in 0..<wanted {
            let file = texts[k * texts.count / wanted]
            var status = FileStatus(size: 0, modified: 0)
            guard case .success(let bytes) = LetterReader.readTextFile(file, status: &status) else { continue }
            samples.append(Array(LetterParser.parse(bytes: bytes, file: file, classify: false).text.utf8))
        }
        return StoreDictionary.train(samples: samples)
    }

    struct BatchResult {
        var letters = 0
        var bytes = 0
        var readSeconds = 0.0
        var parseSeconds = 0.0
        var invertSeconds = 0.0
        var pdfLetters = 0
        var pdfSeconds = 0.0
        var lettersWithWarnings = 0
        var warnings: [String] = []
        var unreadable: [String] = []
        var added = 0
        var changed = 0
        var unchanged = 0
        /// The serialized run, when it stays in memory instead of a run file.
        var run: RawByteBuffer?
    }

    struct BatchState {
        var batchCount: Int
        var nextBatch = 0
        var lettersDone = 0
        var bytesDone = 0
        var readSeconds = 0.0
        var parseSeconds = 0.0
        var invertSeconds = 0.0
        var pdfLetters = 0
        var pdfSeconds = 0.0
        var lettersWithWarnings = 0
        var warnings: [String] = []
        var unreadable: [String] = []
        var runs: [Int: RawByteBuffer] = [:]
        var runBytesInMemory = 0
        var added = 0
        var changed = 0
        var unchanged = 0

        init(batchCount: Int) { self.batchCount = batchCount }

        mutating func absorb(_ r: BatchResult) {
            lettersDone += r.letters
            bytesDone += r.bytes
            readSeconds += r.readSeconds
            parseSeconds += r.parseSeconds
            invertSeconds += r.invertSeconds
            pdfLetters += r.pdfLetters
            pdfSeconds += r.pdfSeconds
            lettersWithWarnings += r.lettersWithWarnings
            unreadable += r.unreadable
            added += r.added
            changed += r.changed
            unchanged += r.unchanged
            for w in r.warnings where warnings.count < IndexBuilder.maxListedWarnings {
                warnings.append(w)
            }
        }
    }

    /// Reads (unless `prefetched` holds the text letters, read already), parses and inverts one batch and
    /// writes its run file.
    static func processBatch(
        _ files: [String], prefetched: [LetterPrefetcher.Letter?]? = nil, reader: LetterReader,
        addedDays: AddedDays, storeDictionary: [UInt8], runPath: String, keepInMemory: (Int) -> Bool
    ) throws -> BatchResult {
        var result = BatchResult()
        let inverter = BatchInverter(storeDictionary: storeDictionary)
        // The PDFs of the batch first, several at once; then every letter in file order.
        let pdfIndices = files.indices.filter { CorpusWalker.isPDF(files[$0]) }
        var pdfTexts: [Int: Result<[UInt8], LetterReadError>] = [:]
        if !pdfIndices.isEmpty {
            let pdfClock = Stopwatch()
            for (k, text) in zip(pdfIndices, reader.read(pdfIndices.map { files[$0] })) { pdfTexts[k] = text }
            result.pdfSeconds += pdfClock.seconds
            result.readSeconds += pdfClock.seconds
        }
        for (k, file) in files.enumerated() {
            result.letters += 1
            let bytes: [UInt8]
            var source = LetterSource.unknown
            if let text = pdfTexts.removeValue(forKey: k) {
                switch text {
                case .success(let b): bytes = b
                case .failure(let error):
                    result.unreadable.append("\(error)")
                    continue
                }
                result.pdfLetters += 1
                if let status = FileIO.status(file) {
                    source = LetterSource(size: status.size, modified: status.modified, hash: 0)
                }
            } else {
                let readClock = Stopwatch()
                var status = FileStatus(size: 0, modified: 0)
                let read: Result<[UInt8], LetterReadError>
                var contentHash: UInt64?
                if let prefetched, k < prefetched.count, let letter = prefetched[k] {
                    read = letter.bytes
                    status = letter.status
                    contentHash = letter.contentHash
                } else {
                    read = LetterReader.readTextFile(file, status: &status)
                }
                switch read {
                case .success(let b): bytes = b
                case .failure(let error):
                    result.unreadable.append("\(error)")
                    continue
                }
                source = LetterSource(
                    size: UInt64(bytes.count), modified: status.modified,
                    hash: contentHash ?? ContentHash.hash(bytes))
                result.readSeconds += readClock.seconds
            }
            result.bytes += bytes.count
            let parseClock = Stopwatch()
            let shown = FileIO.displayPath(file)  // a name that is not UTF-8 is stored as "caf\xE9.txt"
            var record = LetterParser.parse(bytes: bytes, file: shown)
            record.source = source
            record.addedDay = addedDays.day(of: shown)
            switch addedDays.change(of: shown, source) {
            case .added: result.added += 1
            case .changed: result.changed += 1
            case .unchanged: result.unchanged += 1
            }
            result.parseSeconds += parseClock.seconds
            if !record.warnings.isEmpty {
                result.lettersWithWarnings += 1
                for w in record.warnings where result.warnings.count < IndexBuilder.maxListedWarnings {
                    result.warnings.append("\(shown): \(w)")
                }
            }
            let invertClock = Stopwatch()
            inverter.add(record)
            result.invertSeconds += invertClock.seconds
        }
        let serializeClock = Stopwatch()
        let run = RunFile.serialize(inverter)
        if keepInMemory(run.count) {
            result.run = run
        } else {
            let out = try ScratchFile(
                directory: parentDirectory(of: runPath), name: lastComponent(of: runPath))
            try run.withBytes { try out.append($0) }
            out.keep()
        }
        result.invertSeconds += serializeClock.seconds
        return result
    }
}

/// The folder a build spills its runs to: `<index>.build-<pid>`, beside the index.
struct BuildDirectory {
    let path: String

    init(for indexPath: String) throws {
        path = indexPath + ".build-\(getpid())"
        if mkdir(path, 0o700) != 0 && errno != EEXIST { throw SystemError("mkdir", path: path) }
    }

    func runPath(_ batch: Int) -> String {
        var digits = String(batch)
        while digits.utf8.count < 6 { digits = "0" + digits }
        return path + "/run-" + digits
    }

    func remove() { BuildDirectory.removeTree(path) }

    /// Removes the folder and what it holds (an update's build folder has a folder of its own inside).
    static func removeTree(_ path: String, depth: Int = 0) {
        for name in FileIO.directoryEntries(path) ?? [] where unlink(path + "/" + name) != 0 && depth < 4 {
            if FileIO.isDirectory(path + "/" + name) { removeTree(path + "/" + name, depth: depth + 1) }
        }
        rmdir(path)
    }

    /// Removes `<index>.build-<pid>` folders whose process no longer runs.
    static func removeStale(for indexPath: String) {
        let directory = parentDirectory(of: indexPath)
        let prefix = lastComponent(of: indexPath) + ".build-"
        for name in FileIO.directoryEntries(directory) ?? [] {
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if FileIO.processIsGone(pid) { removeTree(directory + "/" + name) }
        }
    }
}

func parentDirectory(of path: String) -> String {
    let bytes = Array(path.utf8)
    guard let slash = bytes.lastIndex(of: 47) else { return "." }
    if slash == 0 { return "/" }
    return String(decoding: bytes[0..<slash], as: UTF8.self)
}

func lastComponent(of path: String) -> String {
    let bytes = Array(path.utf8)
    guard let slash = bytes.lastIndex(of: 47) else { return path }
    return String(decoding: bytes[(slash + 1)...], as: UTF8.self)
}
