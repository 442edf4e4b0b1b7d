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
        let walker = try IndexBuilder.walk(options.paths)
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
                    try RecordIndexWriter.write(
                        removed, to: removedImage, scratch: scratch, storeDictionary: base.storeDictionary)
                } catch {
                    removedFailure.withLock { $0 = error }
                }
            }
            // The delta's letters (new, changed, and those already in the delta), read, parsed and inverted
            // as a build does, in runs of `deltaRunLetters` over the jobs.
            try writeAddedImage(
                plan.deltaFiles, to: addedImage, work: work, options: options, jobs: jobs, today: today,
                storeDictionary: base.storeDictionary, summary: &summary)
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
        jobs: Int, today: Int32, storeDictionary: [UInt8], summary: inout IndexBuildSummary
    ) throws {
        if files.isEmpty {
            TestKillPoint.reached("inverted")
            return try RecordIndexWriter.write([], to: path, scratch: work.path, storeDictionary: storeDictionary)
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
                        files[range].map(\.path), reader: reader, addedDays: days, storeDictionary: storeDictionary,
                        runPath: work.runPath(batch)
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
            runs.append(try RunReader(buffer: run, name: "update run \(batch)"))
            summary.inputBytes += result.bytes
            summary.readSeconds += result.readSeconds
            summary.parseSeconds += result.parseSeconds
            summary.invertSeconds += result.invertSeconds
            summary.pdfSeconds += result.pdfSeconds
            summary.pdfLetters += result.pdfLetters
            summary.lettersWithWarnings += result.lettersWithWarnings
            summary.unreadable += result.unreadable
            for w in result.warnings where summary.warnings.count < IndexBuilder.maxListedWarnings {
                summary.warnings.append(w)
            }
        }
        let output = try SectionedFileWriter(destination: path)
        let figures = try IndexMerger(
            runs: runs, output: output, scratchDirectory: work.path, jobs: jobs, storeDictionary: storeDictionary
        ).merge()
        try output.commit(durable: false)  // a scratch image: the delta file that holds it is fsynced
        summary.mergeSeconds += figures.mergeSeconds
        summary.writeSeconds += figures.writeSeconds
    }

    /// Bytes of the index and its delta.
    static func indexBytes(_ path: String) -> Int {
        Int(FileIO.status(path)?.size ?? 0) + Int(FileIO.status(path + ".delta")?.size ?? 0)
    }
}
