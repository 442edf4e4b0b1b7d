// CorpusWalker: finds the letters to index: every regular file ending in ".txt" or ".pdf" (any case) under
// the given paths, recursively, in byte order of their paths, so item ids follow a stable file order.
// A path given explicitly is taken whatever its extension. Hidden entries (".name") are skipped.
// Twins: a PDF whose name stem ("CM16-0213037" of "CM16-0213037.pdf") is also the stem of a ".txt" letter
// anywhere in the same walk is left out (`pdfTwins`): the text is indexed, the letter once. Published
// letters are named by their case number, so this also keeps a folder of texts beside a folder of the
// same letters' PDFs (the bundled corpus/real and corpus/real-pdf) from counting each letter twice.
// What cannot be a letter is reported in `problems` rather than dropped silently: an entry named like a
// letter that is a FIFO, socket or device, a dangling symbolic link or a loop of links named like a letter,
// a folder that cannot be listed, and a link back to a folder above it (a folder loop, walked once).
// File names that are not UTF-8 are kept byte for byte (`FileIO.pathString`); problems show them readably.
#if canImport(Glibc)
    import Glibc
#endif

public struct CorpusWalker {
    public struct Problem: Sendable {
        /// The path as shown to people (`FileIO.displayPath`).
        public var path: String
        public var message: String
        /// The problem is with one of the paths the walk was given (it does not exist), not inside them.
        public var isGivenPath = false
    }

    public private(set) var files: [String] = []
    public private(set) var problems: [Problem] = []
    /// PDFs left out because a ".txt" letter with the same stem is in the walk.
    public private(set) var pdfTwins: [String] = []

    /// Walks `paths`. Paths that do not exist are reported in `problems`.
    public init(paths: [String]) {
        for path in paths {
            var info = stat()
            if FileIO.withSystemPath(path, { stat($0, &info) }) != 0 {
                let why = CorpusWalker.brokenLink(path, code: errno)
                problems.append(Problem(path: FileIO.displayPath(path), message: why, isGivenPath: true))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(directory: path, depth: 0, ancestors: [])
            } else {
                files.append(path)
            }
        }
        files = CorpusWalker.sortedUnique(files)
        // Twins need a PDF; most folders hold none, and the stems of 100k texts are not free.
        let textStems =
            files.contains(where: CorpusWalker.isPDF)
            ? Set(files.filter(CorpusWalker.isText).map(CorpusWalker.stem)) : []
        if !textStems.isEmpty {
            pdfTwins = files.filter { CorpusWalker.isPDF($0) && textStems.contains(CorpusWalker.stem($0)) }
            if !pdfTwins.isEmpty {
                let twins = Set(pdfTwins)
                files.removeAll { twins.contains($0) }
            }
        }
    }

    /// Whether `name` ends in `ext` (lower-case ASCII, e.g. ".txt"), in either case, after at least one byte.
    /// On the name's contiguous bytes: called for every entry of every folder walked.
    private static func hasExtension(_ name: String, _ ext: StaticString) -> Bool {
        let e = UnsafeBufferPointer(start: ext.utf8Start, count: ext.utf8CodeUnitCount)
        func test(_ bytes: some Collection<UInt8>) -> Bool {
            guard bytes.count > e.count else { return false }
            return zip(bytes.suffix(e.count), e).allSatisfy { $0 | 0x20 == $1 }
        }
        return name.utf8.withContiguousStorageIfAvailable(test) ?? test(name.utf8)
    }

    /// `paths` in byte order without repeats. The bytes are laid out in one buffer and the order sorted
    /// through pointers into it (no per-comparison reference counting: 100k paths sort in a few ms).
    static func sortedUnique(_ paths: [String]) -> [String] {
        var flat: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(paths.count + 1)
        for p in paths {
            flat.append(contentsOf: p.utf8)
            starts.append(flat.count)
        }
        var order = Array(0..<paths.count)
        flat.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { starts in
                let base = bytes.baseAddress
                order.sort { a, b in
                    compareBytes(
                        base.map { $0 + starts[a] }, starts[a + 1] - starts[a], base.map { $0 + starts[b] },
                        starts[b + 1] - starts[b]) < 0
                }
            }
        }
        var unique: [String] = []
        unique.reserveCapacity(paths.count)
        var last = -1
        for k in order {
            if last >= 0 && paths[last] == paths[k] { continue }
            unique.append(paths[k])
            last = k
        }
        return unique
    }

    private static func isLetterName(_ name: String) -> Bool { isText(name) || isPDF(name) }

    /// A name ending in ".pdf" (any case).
    public static func isPDF(_ path: String) -> Bool { hasExtension(path, ".pdf") }

    /// A name ending in ".txt" (any case).
    public static func isText(_ path: String) -> Bool { hasExtension(path, ".txt") }

    /// The file name without its folder and its last extension.
    public static func stem(_ path: String) -> String {
        var name = Substring(lastComponent(of: path))
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }

    /// Why `path` cannot be followed (errno of the failed stat): a dangling link or a loop of links says so.
    private static func brokenLink(_ path: String, code: Int32) -> String {
        var info = stat()
        let reason = String(cString: strerror(code))
        guard FileIO.withSystemPath(path, { lstat($0, &info) }) == 0, (info.st_mode & S_IFMT) == S_IFLNK else {
            return reason
        }
        if code == ELOOP { return "symbolic link loop (\(reason))" }
        var target = [CChar](repeating: 0, count: 4097)
        let n = FileIO.withSystemPath(path) { readlink($0, &target, 4096) }
        let shown =
            n > 0
            ? FileIO.displayPath(
                target.withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: UInt8.self) { FileIO.pathString(UnsafeBufferPointer(rebasing: $0[0..<n])) }
                }) : "?"
        return code == ENOENT
            ? "dangling symbolic link to \(shown) (\(reason))" : "symbolic link to \(shown): \(reason)"
    }

    private mutating func walk(directory: String, depth: Int, ancestors: [(dev_t, ino_t)]) {
        guard depth < 64 else {
            problems.append(
                Problem(
                    path: FileIO.displayPath(directory), message: "directory nesting deeper than 64 levels, skipped"))
            return
        }
        // A folder already on the way down (reached again through a symbolic link) would be walked forever.
        var info = stat()
        var ancestors = ancestors
        if FileIO.withSystemPath(directory, { stat($0, &info) }) == 0 {
            if ancestors.contains(where: { $0.0 == info.st_dev && $0.1 == info.st_ino }) {
                problems.append(
                    Problem(
                        path: FileIO.displayPath(directory),
                        message: "symbolic link loop: a link back to a folder above it (walked once)"))
                return
            }
            ancestors.append((info.st_dev, info.st_ino))
        }
        guard let entries = FileIO.directoryEntriesWithKinds(directory) else {
            let why = String(cString: strerror(errno))
            problems.append(Problem(path: FileIO.displayPath(directory), message: why))
            return
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for (name, kind) in entries {
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            let isLetter = CorpusWalker.isLetterName(name)
            var isDirectory = kind == .directory
            var isRegular = kind == .regular
            var type: mode_t? = nil
            if kind == .unknown || (kind == .other && isLetter) {
                // The file system did not say, or it is a symbolic link: follow it.
                var info = stat()
                guard FileIO.withSystemPath(path, { stat($0, &info) }) == 0 else {
                    if isLetter {
                        let why = CorpusWalker.brokenLink(path, code: errno)
                        problems.append(Problem(path: FileIO.displayPath(path), message: why))
                    }
                    continue
                }
                type = info.st_mode & S_IFMT
                isDirectory = type == S_IFDIR
                isRegular = type == S_IFREG
            }
            if isDirectory {
                walk(directory: path, depth: depth + 1, ancestors: ancestors)
            } else if isRegular && isLetter {
                files.append(path)
            } else if isLetter, let type {
                problems.append(
                    Problem(
                        path: FileIO.displayPath(path),
                        message: "\(LetterReader.fileKind(type)), not a regular file"))
            }
        }
    }
}
