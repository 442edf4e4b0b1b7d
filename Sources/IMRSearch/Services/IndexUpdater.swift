// IndexUpdater: `imrsearch index --update` — brings an index up to date with its letter folders without
// rebuilding it. The base file stays as it is; the update writes `<index>.delta` (docs/FORMAT.md) holding
// every letter added or changed since the base was built and the base letters that are gone or were
// replaced, and publishes it atomically (temp file, fsync, rename), so searches see the old state or the
// new one. Each update rewrites the whole delta from the base; once the delta holds more than
// `mergeShare` of the base's letters, the update is a full build instead (the new base absorbs the delta).
//
// A letter is unchanged when its path, size and modification time are those indexed; when only the time
// moved, its bytes are hashed and compared with the hash indexed. Only new and changed letters (and the
// letters already in the delta) are read and parsed; the base's gone letters are re-parsed from their
// stored text, to subtract exactly their statistics.
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

public enum IndexUpdater {
    /// Past this share of the base's letters in the delta (added, changed or deleted), an update merges.
    public static let mergeShare = 0.10

    public static func update(_ options: IndexBuildOptions) throws -> IndexBuildSummary {
        let clock = Stopwatch()
        let walker = CorpusWalker(paths: options.paths)
        if let problem = walker.problems.first, walker.files.isEmpty || options.paths.count == 1 {
            throw IndexBuildError.noSuchPath(problem.path, problem.message)
        }
        TestKillPoint.reached("walked")
        let lock = try IndexBuilder.lockIndex(options.indexPath)
        defer { lock.release() }
        let today = try IndexBuilder.currentDay(options)
        // No index yet, or one that cannot be read: build it whole.
        guard FileIO.exists(options.indexPath), let snapshot = try? IndexSnapshot.open(path: options.indexPath)
        else {
            return try IndexBuilder.buildLocked(options, walker: walker, clock: clock)
        }
        var files = walker.files
        var pdfsWithoutTool = 0
        if case .failure = options.pdfTool {
            let before = files.count
            files.removeAll(where: CorpusWalker.isPDF)
            pdfsWithoutTool = before - files.count
        }
        if files.isEmpty { throw IndexBuildError.noLetters }

        let plan = try UpdatePlan(files: files, snapshot: snapshot)
        var summary = IndexBuildSummary()
        summary.mode = "update"
        summary.added = plan.added.count
        summary.changed = plan.changed.count
        summary.deleted = plan.deletedCount
        summary.unchanged = plan.unchanged
        summary.pdfTwinsSkipped = walker.pdfTwins.count
        summary.pdfsWithoutTool = pdfsWithoutTool
        if pdfsWithoutTool > 0, case .failure(let missing) = options.pdfTool {
            summary.pdfToolMissing = missing.description
        }
        for problem in walker.problems { summary.unreadable.append("\(problem.path): \(problem.message)") }

        let base = snapshot.base
        if plan.added.isEmpty && plan.changed.isEmpty && plan.deletedCount == 0 && plan.touchedBase == 0 {
            summary.mode = "unchanged"
            summary.letters = snapshot.letterCount
            summary.items = snapshot.itemCount
            summary.terms = base.termCount
            summary.indexBytes = indexBytes(options.indexPath)
            summary.jobs = 1
            summary.seconds = clock.seconds
            summary.peakResidentBytes = ProcessMemory.peakResidentBytes()
            return summary
        }

        if Double(plan.affectedLetters) > mergeShare * Double(max(base.letterCount, 1)) {
            // The delta would be large: fold everything into a new base.
            var full = options
            full.addedDays = AddedDays.carried(from: options.indexPath, today: today)
            var built = try IndexBuilder.buildLocked(full, walker: walker, clock: clock)
            built.mode = "full"
            built.added = summary.added
            built.changed = summary.changed
            built.deleted = summary.deleted
            built.unchanged = summary.unchanged
            return built
        }
        let jobs = options.jobs > 0 ? options.jobs : IndexBuilder.defaultJobs()
        let work = try BuildDirectory(for: options.indexPath)
        defer { work.remove() }
        let addedImage = work.path + "/added.idx"
        let removedImage = work.path + "/removed.idx"
        do {
            // The base's gone letters, from their stored text (to subtract their statistics exactly), on a
            // thread of their own while the delta's letters are read.
            let removedDone = DispatchGroup()
            let removedFailure = Mutex<Error?>(nil)
            DispatchQueue.global().async(group: removedDone) {
                do {
                    var removed: [LetterRecord] = []
                    for letter in plan.deletedBase {
                        guard var record = base.record(ofLetter: Int(letter), classify: true) else {
                            throw IndexBuildError.run(
                                "\(options.indexPath): the stored text of letter \(letter) is damaged; rebuild without --update"
                            )
                        }
                        record.source = base.source(ofLetter: Int(letter))
                        record.addedDay = base.addedDay(ofLetter: Int(letter))
                        removed.append(record)
                    }
                    // Its own scratch folder: the added image's merge spills into the build folder meanwhile.
                    let scratch = work.path + "/removed"
                    if mkdir(scratch, 0o700) != 0 && errno != EEXIST { throw SystemError("mkdir", path: scratch) }
                    try RecordIndexWriter.write(removed, to: removedImage, scratch: scratch)
                } catch {
                    removedFailure.withLock { $0 = error }
                }
            }
            // The delta's letters (new, changed, and those already in the delta), read, parsed and inverted
            // as a build does, in runs of `deltaRunLetters` over the jobs.
            try writeAddedImage(
                plan.deltaFiles, to: addedImage, work: work, options: options, jobs: jobs, today: today,
                summary: &summary)
            removedDone.wait()
            if let error = removedFailure.withLock({ $0 }) { throw error }
            TestKillPoint.reached("merged")
            try DeltaFileWriter.write(
                destination: options.indexPath + ".delta", base: BaseIdentity(base), addedImage: addedImage,
                removedImage: removedImage, deleted: plan.deletedBase)
        } catch let e as SystemError {
            throw IndexBuildError.system(e)
        }
        TestKillPoint.reached("published")
        let published = try IndexSnapshot.open(path: options.indexPath)
        summary.letters = published.letterCount
        summary.items = published.itemCount
        summary.terms = base.termCount
        summary.indexBytes = indexBytes(options.indexPath)
        summary.jobs = jobs
        summary.seconds = clock.seconds
        summary.peakResidentBytes = ProcessMemory.peakResidentBytes()
        return summary
    }

    /// Letters per run of the added image: fixed, so the delta's bytes do not depend on the jobs.
    static let deltaRunLetters = 256

    /// Reads, parses and inverts the delta's letters into runs (as `IndexBuilder` does, several at once)
    /// and merges them into the image at `path`.
    static func writeAddedImage(
        _ files: [UpdatePlan.DeltaFile], to path: String, work: BuildDirectory, options: IndexBuildOptions,
        jobs: Int, today: Int32, summary: inout IndexBuildSummary
    ) throws {
        if files.isEmpty {
            TestKillPoint.reached("inverted")
            return try RecordIndexWriter.write([], to: path, scratch: work.path)
        }
        var known: [String: (day: Int32, source: LetterSource)] = [:]
        for file in files { if let day = file.addedDay { known[FileIO.displayPath(file.path)] = (day, .unknown) } }
        let days = AddedDays(today: today, known: known)
        let reader = LetterReader(pdfTool: options.pdfTool, slots: ChildSlots(limit: jobs))
        let batches = (files.count + deltaRunLetters - 1) / deltaRunLetters
        let results = Mutex<[Int: IndexBuilder.BatchResult]>([:])
        let next = Mutex(0)
        let failure = Mutex<Error?>(nil)
        DispatchQueue.concurrentPerform(iterations: min(jobs, batches)) { _ in
            while true {
                let batch: Int = next.withLock { n in
                    n += 1
                    return n - 1
                }
                guard batch < batches, failure.withLock({ $0 == nil }) else { return }
                let range = (batch * deltaRunLetters)..<min(files.count, (batch + 1) * deltaRunLetters)
                do {
                    let result = try IndexBuilder.processBatch(
                        files[range].map(\.path), reader: reader, addedDays: days, runPath: work.runPath(batch)
                    ) { _ in true }
                    results.withLock { $0[batch] = result }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        TestKillPoint.reached("inverted")
        var runs: [RunReader] = []
        for batch in 0..<batches {
            guard let result = results.withLock({ $0[batch] }), let run = result.run else {
                throw IndexBuildError.run("run \(batch) of the update is missing")
            }
            runs.append(try RunReader(bytes: run, name: "update run \(batch)"))
            summary.inputBytes += result.bytes
            summary.pdfLetters += result.pdfLetters
            summary.lettersWithWarnings += result.lettersWithWarnings
            summary.unreadable += result.unreadable
            for w in result.warnings where summary.warnings.count < IndexBuilder.maxListedWarnings {
                summary.warnings.append(w)
            }
        }
        let output = try SectionedFileWriter(destination: path)
        _ = try IndexMerger(runs: runs, output: output, scratchDirectory: work.path, jobs: jobs).merge()
        try output.commit(durable: false)  // a scratch image: the delta file that holds it is fsynced
    }

    /// Bytes of the index and its delta.
    static func indexBytes(_ path: String) -> Int {
        Int(FileIO.status(path)?.size ?? 0) + Int(FileIO.status(path + ".delta")?.size ?? 0)
    }
}

/// What an update must do: the walk of the folders joined with the index's live letters, both in path
/// byte order.
struct UpdatePlan {
    struct DeltaFile {
        var path: String
        /// The day it first entered the index (nil: new today).
        var addedDay: Int32?
    }

    /// Letters new to the index, and letters whose file changed (paths).
    var added: [String] = []
    var changed: [String] = []
    var unchanged = 0
    /// Live letters whose file is gone.
    var deletedCount = 0
    /// The letters of the new delta, in path order.
    var deltaFiles: [DeltaFile] = []
    /// Base letters that are not live any more (gone or replaced by the delta), increasing.
    var deletedBase: [UInt32] = []
    /// Base letters whose bytes are the same under a new time (moved into the delta with the new time).
    var touchedBase = 0
    /// Deleted base letters that a letter of the delta replaces (counted once in `affectedLetters`).
    var replacedBase = 0

    /// The letters the delta touches: its own, and the base letters gone without a replacement.
    var affectedLetters: Int { deltaFiles.count + deletedBase.count - replacedBase }

    init(files: [String], snapshot: IndexSnapshot) throws {
        // The live letters of every segment, merged in path order.
        var live: [LiveLetter] = []
        for (s, segment) in snapshot.segments.enumerated() {
            let reader = segment.reader
            var part: [LiveLetter] = []
            part.reserveCapacity(reader.letterCount)
            for letter in 0..<reader.letterCount where !segment.isDeleted(letter: letter) {
                part.append(LiveLetter(path: reader.fileBytes(ofLetter: letter), segment: s, letter: letter))
            }
            live = live.isEmpty ? part : UpdatePlan.merge(live, part)
        }
        var deletedBase = Set(snapshot.segments[0].deletedLetters)
        // The join: each walked file new (live -1), each live letter gone (file -1), or a pair.
        var pairs: [(file: Int, live: Int)] = []
        pairs.reserveCapacity(max(files.count, live.count))
        var i = 0
        var j = 0
        while i < files.count || j < live.count {
            // Stored names are display names (a name that is not UTF-8 reads "caf\xE9.txt"); should their order
            // differ from the walk's, a letter merely counts as deleted and new, and is indexed again.
            let order =
                i == files.count
                ? 1 : j == live.count ? -1 : UpdatePlan.compare(FileIO.displayPath(files[i]), live[j].path)
            if order < 0 {
                pairs.append((i, -1))
                i += 1
            } else if order > 0 {
                pairs.append((-1, j))
                j += 1
            } else {
                pairs.append((i, j))
                i += 1
                j += 1
            }
        }
        // One stat per letter (a hash only where the time moved): the system calls of 100k letters, so
        // spread over the jobs.
        var states = [FileState](repeating: .changed, count: pairs.count)
        let chunk = 2048
        states.withUnsafeMutableBufferPointer { states in
            let out = states
            DispatchQueue.concurrentPerform(iterations: (pairs.count + chunk - 1) / chunk) { c in
                var statter = FileIO.FolderStatter()
                for k in (c * chunk)..<min(pairs.count, (c + 1) * chunk) where pairs[k].file >= 0 && pairs[k].live >= 0
                {
                    let entry = live[pairs[k].live]
                    let then = snapshot.segments[entry.segment].reader.source(ofLetter: entry.letter)
                    out[k] = UpdatePlan.state(files[pairs[k].file], then, statter.status(files[pairs[k].file]))
                }
            }
        }
        for (k, pair) in pairs.enumerated() {
            if pair.live < 0 {
                added.append(files[pair.file])
                deltaFiles.append(DeltaFile(path: files[pair.file], addedDay: nil))
                continue
            }
            let entry = live[pair.live]
            if pair.file < 0 {
                deletedCount += 1
                if entry.segment == 0 { deletedBase.insert(UInt32(entry.letter)) }
                continue
            }
            let path = files[pair.file]
            if states[k] == .changed { changed.append(path) } else { unchanged += 1 }
            let day = snapshot.segments[entry.segment].reader.addedDay(ofLetter: entry.letter)
            let kept = DeltaFile(path: path, addedDay: day == ColumnCodes.missing ? nil : day)
            if entry.segment != 0 {
                deltaFiles.append(kept)  // the delta is written anew: its letters are read again
            } else if states[k] != .unchanged {
                if states[k] == .touched { touchedBase += 1 }
                // Changed, or touched (the same bytes under a new time): indexed again from the file, so the
                // delta records the new time and the next update need not hash the letter again.
                deletedBase.insert(UInt32(entry.letter))
                deltaFiles.append(kept)
            }
        }
        // Deleted base letters with a letter of the same path in the delta count once.
        let deltaPaths = Set(deltaFiles.map { FileIO.displayPath($0.path) })
        let base = snapshot.base
        replacedBase = deletedBase.reduce(0) { n, letter in
            n + (deltaPaths.contains(base.file(ofLetter: Int(letter))) ? 1 : 0)
        }
        self.deletedBase = deletedBase.sorted()
    }

    /// What became of a letter's file since it was indexed.
    enum FileState: UInt8 {
        /// Other bytes (or gone, or unreadable).
        case changed
        /// The same size and modification time.
        case unchanged
        /// The same bytes (content hash) under a new modification time.
        case touched
    }

    /// Compares the file at `path` (stat'ed as `status`) with the one indexed as `then`: size and time
    /// first, the content hash only when the time moved but the size did not.
    static func state(_ path: String, _ then: LetterSource, _ status: FileStatus?) -> FileState {
        guard let now = status, now.size == then.size else { return .changed }
        if now.modified == then.modified { return .unchanged }
        guard then.hash != 0, let bytes = try? FileIO.readAll(path) else { return .changed }
        return ContentHash.hash(bytes) == then.hash ? .touched : .changed
    }

    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        compareBytes(
            a.baseAddress?.assumingMemoryBound(to: UInt8.self), a.count,
            b.baseAddress?.assumingMemoryBound(to: UInt8.self), b.count)
    }

    static func compare(_ a: String, _ b: UnsafeRawBufferPointer) -> Int {
        var a = a
        return a.withUTF8 { compare(UnsafeRawBufferPointer($0), b) }
    }

    /// Two path-ordered lists as one.
    static func merge(_ a: [LiveLetter], _ b: [LiveLetter]) -> [LiveLetter] {
        var result: [LiveLetter] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && compare(a[i].path, b[j].path) <= 0) {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        return result
    }
}

/// A live letter of a snapshot: its path bytes (in the index mapping, alive as long as the snapshot),
/// segment and number there.
struct LiveLetter {
    var path: UnsafeRawBufferPointer
    var segment: Int
    var letter: Int
}
