// A folder of bad letters beside good ones (issue 12): empty, white space only, binary, NUL bytes, Latin-1,
// Windows-1252, CRLF, a byte order mark, truncated, 50 MB, unreadable, a symbolic link loop, a link back to
// a parent folder, a dangling link, a FIFO and a file name that is not UTF-8. The build (through the
// `imrsearch` binary and in process) must finish with exit 0, name every file it could not index on stderr
// with the reason, and index everything indexable. LetterArtifactTests checks what the parser makes of the
// artifacts inside a letter; this suite checks the files around them: walking, reading, reporting, search.
import Foundation
import Testing

@testable import IMRSearch

@Suite(.serialized) struct BadLetterFolderTests {
    struct Folder {
        var path: String
        /// Files skipped, with a word of the reason the warning must hold.
        var skipped: [(name: String, reason: String)] = []
        /// Files indexed with a parser warning, with a word of the warning.
        var warned: [(name: String, reason: String)] = []
        /// Files that must be indexed, as the index shows their names (relative to the folder).
        var indexed: [String] = []
        /// Case numbers that must be found by `case:` after the build.
        var searchable: [String] = []
    }

    /// Real letters with a case number and decisions, to copy and to damage.
    static let sources: [(bytes: [UInt8], caseNumber: String)] = {
        var result: [([UInt8], String)] = []
        for file in TestSupport.corpusFiles where file.contains("/real/") && CorpusWalker.isText(file) {
            let bytes = try! FileIO.readAll(file)
            let record = LetterParser.parse(bytes: bytes, file: file)
            if let c = record.caseNumber, !record.items.isEmpty, record.warnings.isEmpty { result.append((bytes, c)) }
            if result.count == 12 { break }
        }
        return result
    }()

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        try FileIO.writeAll(path, bytes)
    }

    /// Latin-1 / Windows-1252 bytes put in after the first line.
    static func inserting(_ extra: [UInt8], into bytes: [UInt8]) -> [UInt8] {
        let newline = bytes.firstIndex(of: 10) ?? 0
        return Array(bytes[...newline]) + extra + [10] + Array(bytes[(newline + 1)...])
    }

    static func makeFolder() throws -> Folder {
        let root = TestSupport.temporaryDirectory("imrsearch-badletters")
        let dir = root + "/letters"
        try FileIO.createDirectories(dir + "/sub")
        var f = Folder(path: dir)
        let s = sources
        #expect(s.count == 12)
        // Good letters, copied as they are.
        for k in 0..<3 {
            try write(dir + "/good-\(k).txt", s[k].bytes)
            f.indexed.append("good-\(k).txt")
            f.searchable.append(s[k].caseNumber)
        }
        try write(dir + "/sub/good-sub.txt", s[3].bytes)
        f.indexed.append("sub/good-sub.txt")
        f.searchable.append(s[3].caseNumber)
        // Encodings and artifacts: indexed and searchable.
        let variants: [(String, [UInt8])] = [
            (
                "latin1.txt",
                inserting(
                    Array("Reviewer note: caf".utf8) + [0xE9, 0x20, 0x72, 0xE9, 0x73, 0x75, 0x6D, 0xE9],
                    into: s[4].bytes)
            ),
            (
                "cp1252.txt",
                inserting([0x93] + Array("quoted".utf8) + [0x94, 0x20, 0x96, 0x20, 0x85], into: s[5].bytes)
            ),
            ("crlf.txt", s[6].bytes.flatMap { $0 == 10 ? [13, 10] : [$0] }),
            ("bom.txt", [0xEF, 0xBB, 0xBF] + s[7].bytes),
            ("nul.txt", inserting([0, 0, 0] + Array("x".utf8) + [0], into: s[8].bytes)),
        ]
        for (k, (name, bytes)) in variants.enumerated() {
            try write(dir + "/" + name, bytes)
            f.indexed.append(name)
            f.searchable.append(s[4 + k].caseNumber)
        }
        // Truncated mid-letter: indexed with what it holds.
        try write(dir + "/truncated.txt", Array(s[9].bytes.prefix(s[9].bytes.count * 2 / 5)))
        f.indexed.append("truncated.txt")
        // A file name that is not UTF-8 ("café-2.txt" in Latin-1): indexed, shown as caf\xE9-2.txt.
        let rawName = Array((dir + "/caf").utf8) + [0xE9] + Array("-2.txt".utf8) + [0]
        let fd = rawName.withUnsafeBufferPointer { b in
            b.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        #expect(fd >= 0)
        _ = s[10].bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        f.indexed.append("caf\\xE9-2.txt")
        f.searchable.append(s[10].caseNumber)
        // Empty, blank, binary: indexed as letters without decisions, each with a parser warning.
        try write(dir + "/empty.txt", [])
        try write(dir + "/blank.txt", Array(" \r\n\n\t  \n".utf8))
        var rng = SplitMix(seed: 12)
        try write(dir + "/binary.txt", (0..<8192).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        f.warned += [("empty.txt", "empty file"), ("blank.txt", "white space"), ("binary.txt", "binary")]
        f.indexed += ["empty.txt", "blank.txt", "binary.txt"]
        // 50 MB (sparse: the test does not write 50 MB, and the build must not read it).
        try write(dir + "/huge.txt", s[11].bytes)
        #expect(truncate(dir + "/huge.txt", 50 << 20) == 0)
        f.skipped.append(("huge.txt", "52428800 bytes (50 MiB), over the 20 MiB limit"))
        // The same for a PDF, refused before pdftotext sees it (without pdftotext every PDF is skipped anyway).
        if case .success = PDFTextExtractor.located {
            try write(dir + "/huge-scan.pdf", Array("%PDF-1.4\n".utf8))
            #expect(truncate(dir + "/huge-scan.pdf", 30 << 20) == 0)
            f.skipped.append(("huge-scan.pdf", "31457280 bytes (30 MiB), over the 20 MiB limit"))
        }
        // Links: to itself, to nothing, back to the parent folder.
        #expect(symlink("loop.txt", dir + "/loop.txt") == 0)
        #expect(symlink("nowhere.txt", dir + "/dangling.txt") == 0)
        #expect(symlink("..", dir + "/sub/up") == 0)
        f.skipped += [
            ("loop.txt", "symbolic link loop"), ("dangling.txt", "dangling symbolic link to nowhere.txt"),
            ("sub/up", "symbolic link loop"),
        ]
        // A FIFO named like a letter: nothing may ever wait on it.
        #expect(mkfifo(dir + "/fifo.txt", 0o644) == 0)
        f.skipped.append(("fifo.txt", "FIFO"))
        // Unreadable: mode 000. Root (as in CI) reads any file whatever its mode, so there the file is
        // indexed, and the failed read is exercised instead by a letter that is a link to /proc/self/mem,
        // whose first page is never mapped: reading it fails with EIO even for root.
        try write(dir + "/unreadable.txt", s[11].bytes)
        #expect(chmod(dir + "/unreadable.txt", 0) == 0)
        if geteuid() == 0 {
            f.indexed.append("unreadable.txt")
            f.searchable.append(s[11].caseNumber)
            if FileIO.exists("/proc/self/mem") {
                #expect(symlink("/proc/self/mem", dir + "/proc-mem.txt") == 0)
                f.skipped.append(("proc-mem.txt", "Input/output error"))
            }
        } else {
            f.skipped.append(("unreadable.txt", "Permission denied"))
        }
        return f
    }

    /// The `imrsearch` binary with a time limit (a negative status is the signal that ended it).
    static func runBounded(_ arguments: [String], seconds: Double = 120) throws -> TestSupport.Outcome {
        try TestSupport.run(arguments, timeLimit: seconds)
    }

    /// Every letter the index holds, by file name relative to `folder`.
    static func indexedNames(_ reader: IndexReader, _ folder: String) -> Set<String> {
        Set((0..<reader.letterCount).map { String(reader.file(ofLetter: $0).dropFirst(folder.count + 1)) })
    }

    static func expectSearchable(_ reader: IndexReader, _ f: Folder) throws {
        let searcher = Searcher(reader: reader)
        for c in f.searchable {
            #expect(try searcher.count(QueryParser.parse("case:\(c)")) > 0, "\(c) not found")
        }
    }

    @Test func theBinaryIndexesEverythingIndexableAndNamesEveryBadFile() throws {
        let f = try Self.makeFolder()
        let index = f.path + "/../bad.idx"
        let outcome = try Self.runBounded(["index", f.path, "--index", index, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        for (name, reason) in f.skipped {
            let prefix = "imrsearch: warning: skipped \(f.path)/\(name): "
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(reason) }, "\(name): \(outcome.stderr)")
        }
        for (name, reason) in f.warned {
            let prefix = "imrsearch: warning: \(f.path)/\(name): "
            #expect(lines.contains { $0.hasPrefix(prefix) && $0.contains(reason) }, "\(name): \(outcome.stderr)")
        }
        #expect(outcome.stdout.contains("\"unreadable\":\(f.skipped.count),"), "\(outcome.stdout)")
        // The name that is not UTF-8 appears escaped, never as U+FFFD.
        #expect(!outcome.stderr.contains("\u{FFFD}"))
        let reader = try IndexReader(path: index)
        #expect(IndexVerifier.verify(reader) == [])
        #expect(Self.indexedNames(reader, f.path) == Set(f.indexed))
        try Self.expectSearchable(reader, f)
        // Through the binary too, and the not-UTF-8 name as search shows it.
        let search = try Self.runBounded(["search", "case:\(f.searchable.last!)", "--index", index, "--json"])
        #expect(search.status == 0, "\(search.stderr)")
        let named = try Self.runBounded(["search", "case:\(Self.sources[10].caseNumber)", "--index", index, "--json"])
        #expect(named.stdout.contains("caf\\\\xE9-2.txt"), "\(named.stdout)")
    }

    @Test func theInProcessBuildReportsTheSameAndNeverReadsTheHugeFile() throws {
        let f = try Self.makeFolder()
        let index = f.path + "/../bad.idx"
        let summary = try IndexBuilder.build(
            IndexBuildOptions(paths: [f.path], indexPath: index, jobs: 2, batchLetters: 4))
        for (name, reason) in f.skipped {
            #expect(
                summary.unreadable.contains { $0.hasPrefix("\(f.path)/\(name): ") && $0.contains(reason) },
                "\(name): \(summary.unreadable)")
        }
        #expect(summary.unreadable.count == f.skipped.count, "\(summary.unreadable)")
        for (name, reason) in f.warned {
            #expect(summary.warnings.contains { $0.hasPrefix("\(f.path)/\(name): ") && $0.contains(reason) })
        }
        // What was read: the small letters only, not the 50 MB file.
        #expect(summary.inputBytes < 1 << 20)
        let reader = try IndexReader(path: index)
        #expect(Self.indexedNames(reader, f.path) == Set(f.indexed))
        #expect(summary.letters == f.indexed.count)
        // Letters without decisions (empty, binary, truncated early) once left case and file terms without
        // postings, which verify reported as damage.
        #expect(IndexVerifier.verify(reader) == [])
        try Self.expectSearchable(reader, f)
    }

    @Test func theSizeLimitIsOneConstantAndBadPathsGivenByNameAreSkippedToo() throws {
        #expect(LetterReader.maxLetterBytes == 20 * 1_048_576)
        let help = try TestSupport.run(["index", "--help"])
        #expect(help.stdout.contains("20 MiB"))
        // Given explicitly, a FIFO and a huge file are refused the same way, and parse exits 2 naming them.
        let f = try Self.makeFolder()
        let index = f.path + "/../named.idx"
        let outcome = try Self.runBounded(
            ["index", f.path + "/fifo.txt", f.path + "/huge.txt", f.path + "/good-0.txt", "--index", index])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("skipped \(f.path)/fifo.txt: a FIFO"))
        #expect(outcome.stderr.contains("skipped \(f.path)/huge.txt: 52428800 bytes"))
        let parse = try Self.runBounded(["parse", f.path + "/fifo.txt", f.path + "/huge.txt", f.path + "/good-0.txt"])
        #expect(parse.status == ExitCode.usage)
        #expect(parse.stderr.contains("fifo.txt: a FIFO"))
        #expect(parse.stdout.split(separator: "\n").count == 1)
        // A folder through parse: every bad file named on stderr, the rest printed, exit 2.
        let folder = try Self.runBounded(["parse", f.path])
        #expect(folder.status == ExitCode.usage)
        for (name, reason) in f.skipped {
            #expect(
                folder.stderr.split(separator: "\n").contains {
                    $0.hasPrefix("imrsearch: \(f.path)/\(name): ") && $0.contains(reason)
                }, "\(name): \(folder.stderr)")
        }
        #expect(folder.stdout.split(separator: "\n").count == f.indexed.count)
        // File names round-trip byte for byte through the escaping.
        let raw: [UInt8] = [0x61, 0xE9, 0xFF, 0xF4, 0x8F, 0xBF, 0xBF, 0xC3, 0xA9, 0x0A]
        let s = raw.withUnsafeBufferPointer { FileIO.pathString($0) }
        let back = FileIO.withSystemPath(s) { p in
            Array(UnsafeBufferPointer(start: p, count: strlen(p))).map { UInt8(bitPattern: $0) }
        }
        #expect(back == raw)
        #expect(FileIO.displayPath(s) == "a\\xE9\\xFF\\xF4\\x8F\\xBF\\xBF\u{E9}\\x0A")
    }

    /// The name tests read a path's bytes in place: short (inline) and long strings, either case, names that
    /// are only the extension, and escaped bytes must all answer as the byte definitions do.
    @Test func letterNamesAndEscapesAreRecognisedWhateverTheStringsLength() {
        let long = "/very/long/folder/name/beyond/fifteen/bytes/caf\u{E9}/"
        for (name, text, pdf) in [
            ("a.txt", true, false), ("A.TXT", true, false), ("x.Pdf", false, true), (".txt", false, false),
            ("txt", false, false), ("a.txt.bak", false, false), ("a.pdf ", false, false),
        ] {
            #expect(CorpusWalker.isText(name) == text, "\(name)")
            #expect(CorpusWalker.isPDF(name) == pdf, "\(name)")
            // A path only needs a byte before the extension (a folder's hidden ".txt" counts).
            #expect(CorpusWalker.isText(long + name) == (text || name == ".txt"), "long \(name)")
            #expect(CorpusWalker.isPDF(long + name) == pdf, "long \(name)")
        }
        let escaped = [0x61, 0xE9, 0x2E, 0x74, 0x78, 0x74].withUnsafeBufferPointer { FileIO.pathString($0) }
        #expect(CorpusWalker.isText(escaped))
        #expect(FileIO.displayPath(escaped) == "a\\xE9.txt")
        #expect(FileIO.displayPath(long + "a.txt") == long + "a.txt")
        #expect(FileIO.displayPath("tab\there.txt") == "tab\\x09here.txt")
        #expect(FileIO.displayPath("\nx.txt") == "\\x0Ax.txt")  // the first byte and the last count too
        #expect(FileIO.displayPath("x.txt\u{7F}") == "x.txt\\x7F")
        let first = [0xE9, 0x2E, 0x74, 0x78, 0x74].withUnsafeBufferPointer { FileIO.pathString($0) }
        #expect(
            FileIO.withSystemPath(first) { Array(UnsafeBufferPointer(start: $0, count: strlen($0))) } == [
                -23, 46, 116, 120, 116,
            ])
        #expect(FileIO.withSystemPath(long) { String(cString: $0) } == long)
    }

    /// A PDF whose name is not UTF-8 reaches `pdftotext` byte for byte (argv is built from the escaped name).
    @Test func aPDFWhoseNameIsNotUTF8IsExtracted() throws {
        guard case .success = PDFTextExtractor.located else { return }  // PDFLetterTests require it on CI
        let dir = TestSupport.temporaryDirectory("imrsearch-badpdf")
        let pdf = try FileIO.readAll(TestSupport.corpus + "/real-pdf/CM16-0213037.pdf")
        let name = Array("caf".utf8) + [0xE9] + Array(".pdf".utf8)
        let path = dir + "/" + name.withUnsafeBufferPointer { FileIO.pathString($0) }
        try FileIO.writeAll(path, pdf)
        #expect(FileIO.directoryEntries(dir)?.count == 1)
        let summary = try IndexBuilder.build(IndexBuildOptions(paths: [dir], indexPath: dir + ".idx", jobs: 1))
        #expect(summary.unreadable == [])
        #expect(summary.pdfLetters == 1)
        let reader = try IndexReader(path: dir + ".idx")
        #expect(reader.file(ofLetter: 0) == dir + "/caf\\xE9.pdf")
        #expect(try Searcher(reader: reader).count(QueryParser.parse("case:CM16-0213037")) > 0)
    }
}
