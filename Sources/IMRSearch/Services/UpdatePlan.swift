// UpdatePlan: what `index --update` must do — the walk of the letter folders joined with the index's
// live letters (both in path byte order): which letters are new, changed, touched (the same bytes under a
// new time), unchanged or gone, which letters the new delta holds, and which base letters it deletes.
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

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
