// CorpusWalker: finds the letters to index: every regular file ending in ".txt" or ".pdf" (any case) under
// the given paths, recursively, in byte order of their paths, so item ids follow a stable file order.
// A path given explicitly is taken whatever its extension. Hidden entries (".name") are skipped.
// Twins: a PDF whose name stem ("CM16-0213037" of "CM16-0213037.pdf") is also the stem of a ".txt" letter
// anywhere in the same walk is left out (`pdfTwins`): the text is indexed, the letter once. Published
// letters are named by their case number, so this also keeps a folder of texts beside a folder of the
// same letters' PDFs (the bundled corpus/real and corpus/real-pdf) from counting each letter twice.
#if canImport(Glibc)
    import Glibc
#endif

public struct CorpusWalker {
    public struct Problem: Sendable {
        public var path: String
        public var message: String
    }

    public private(set) var files: [String] = []
    public private(set) var problems: [Problem] = []
    /// PDFs left out because a ".txt" letter with the same stem is in the walk.
    public private(set) var pdfTwins: [String] = []

    /// Walks `paths`. Paths that do not exist are reported in `problems`.
    public init(paths: [String]) {
        for path in paths {
            var info = stat()
            if stat(path, &info) != 0 {
                problems.append(Problem(path: path, message: String(cString: strerror(errno))))
                continue
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(directory: path, depth: 0)
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

    private static func hasExtension(_ name: String, _ ext: String) -> Bool {
        let bytes = name.utf8
        let e = ext.utf8
        guard bytes.count > e.count else { return false }
        return zip(bytes.suffix(e.count), e).allSatisfy { $0 | 0x20 == $1 }
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

    private mutating func walk(directory: String, depth: Int) {
        guard depth < 64 else {
            problems.append(
                Problem(path: directory, message: "directory nesting deeper than 64 levels, skipped"))
            return
        }
        guard let entries = FileIO.directoryEntriesWithKinds(directory) else {
            problems.append(Problem(path: directory, message: String(cString: strerror(errno))))
            return
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for (name, kind) in entries {
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            var isDirectory = kind == .directory
            var isRegular = kind == .regular
            if kind == .unknown {
                // The file system did not say, or it is a symbolic link: follow it.
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                isRegular = (info.st_mode & S_IFMT) == S_IFREG
            }
            if isDirectory {
                walk(directory: path, depth: depth + 1)
            } else if isRegular && CorpusWalker.isLetterName(name) {
                files.append(path)
            }
        }
    }
}
