// PDF letters indexed directly: the 65 bundled PDFs parse to the records of their text versions field by
// field, their index holds the same terms, metadata never gets in, broken PDFs are warned about and skipped,
// twins are indexed once, a missing pdftotext is one note with the install hint. The child-process layer
// and the two item-text fixes of real letters are tested here too.
// The tests that run pdftotext are skipped when it is not installed — except under CI (`CI` set), where a
// missing pdftotext fails them, so CI never passes without running them (.ci/run installs poppler).
import Foundation
import Testing

@testable import IMRSearch

enum PDFTestSupport {
    static let tool = PDFTextExtractor.located
    static var available: Bool { (try? tool.get()) != nil }
    static var onCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }
    /// Run the PDF tests: when pdftotext is there, and always on CI (where they then fail).
    static var enabled: Bool { available || onCI }

    static func requireTool() throws -> PDFTextExtractor {
        switch tool {
        case .success(let t): return t
        case .failure(let missing):
            Issue.record("pdftotext is required here (CI is set): \(missing)")
            throw missing
        }
    }

    static var realPDFs: [String] { CorpusWalker(paths: [TestSupport.corpus + "/real-pdf"]).files }

    static func textTwin(of pdf: String) -> String {
        TestSupport.corpus + "/real/" + CorpusWalker.stem(pdf) + ".txt"
    }

    /// Every parsed field but the file path and the normalised text (the layout output keeps its indents).
    static func expectSameRecord(_ a: LetterRecord, _ b: LetterRecord, _ label: String) {
        #expect(a.layout == b.layout, "\(label): layout")
        #expect(a.caseNumber == b.caseNumber, "\(label): case number")
        #expect(a.dates == b.dates, "\(label): dates")
        #expect(a.priority == b.priority, "\(label): priority")
        #expect(a.specialties == b.specialties, "\(label): specialties")
        #expect(a.licensure == b.licensure, "\(label): licensure")
        #expect(a.patientAge == b.patientAge, "\(label): age")
        #expect(a.patientSex == b.patientSex, "\(label): sex")
        #expect(a.items.count == b.items.count, "\(label): item count")
        for (k, (x, y)) in zip(a.items, b.items).enumerated() {
            #expect(x == y, "\(label) item \(k + 1): \(x.treatment) / \(y.treatment)")
        }
        #expect(a.summary == b.summary, "\(label): summary")
        #expect(a.warnings == b.warnings, "\(label): warnings")
    }

    static func json(_ record: LetterRecord) -> String {
        var r = record
        r.file = "letter"
        var w = JSONWriter()
        r.writeJSON(into: &w)
        return w.string
    }

    /// Deterministic bytes that are not a PDF.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }
}

@Suite(
    .serialized,
    .enabled(if: PDFTestSupport.enabled, "pdftotext (poppler-utils) is not installed; CI installs it"))
struct PDFLetterTests {
    @Test func everyBundledPDFParsesToTheRecordOfItsTextVersion() throws {
        let tool = try PDFTestSupport.requireTool()
        let pdfs = PDFTestSupport.realPDFs
        #expect(pdfs.count == 65)
        let texts = LetterReader(pdfTool: .success(tool), slots: ChildSlots(limit: 2)).read(pdfs)
        for (pdf, text) in zip(pdfs, texts) {
            let bytes = try text.get()
            let fromPDF = LetterParser.parse(bytes: bytes, file: pdf)
            let twin = PDFTestSupport.textTwin(of: pdf)
            let fromText = LetterParser.parse(bytes: try FileIO.readAll(twin), file: twin)
            #expect(fromPDF.file == pdf)
            #expect(!fromPDF.items.isEmpty, "\(pdf)")
            PDFTestSupport.expectSameRecord(fromPDF, fromText, CorpusWalker.stem(pdf))
            #expect(PDFTestSupport.json(fromPDF) == PDFTestSupport.json(fromText), "\(pdf)")
        }
    }

    @Test func rawLayoutOutputCarriesIndentedHeadingsAndFormFeeds() throws {
        let tool = try PDFTestSupport.requireTool()
        let pdf = TestSupport.corpus + "/real-pdf/CM16-0247802.pdf"
        let raw = String(decoding: try tool.extract(pdf).get(), as: UTF8.self)
        // What the parser copes with, that the de-indented text versions do not show.
        #expect(raw.contains("\u{0C}"))
        #expect(raw.contains("   IMR ISSUES, DECISIONS AND RATIONALES"))
        #expect(raw.contains("Case Number:"))
    }

    @Test func aPDFIndexHoldsTheSameLettersItemsAndTermsAsTheTextIndex() throws {
        _ = try PDFTestSupport.requireTool()
        let dir = TestSupport.temporaryDirectory("imrsearch-pdf-index")
        let fromPDF = try IndexBuilder.build(
            IndexBuildOptions(paths: [TestSupport.corpus + "/real-pdf"], indexPath: dir + "/pdf.idx", jobs: 2))
        let fromText = try IndexBuilder.build(
            IndexBuildOptions(paths: [TestSupport.corpus + "/real"], indexPath: dir + "/txt.idx", jobs: 2))
        #expect(fromPDF.letters == 65 && fromPDF.pdfLetters == 65)
        #expect(fromPDF.items == fromText.items)
        #expect(fromPDF.unreadable.isEmpty && fromPDF.lettersWithWarnings == 0)
        let a = try IndexReader(path: dir + "/pdf.idx")
        let b = try IndexReader(path: dir + "/txt.idx")
        #expect(a.letterCount == b.letterCount && a.itemCount == b.itemCount)
        for field in IndexField.allCases where field != .file {
            var termsA: [[UInt8]] = []
            var termsB: [[UInt8]] = []
            a.dictionary(field).forEachTerm { _, t in
                termsA.append(t)
                return true
            }
            b.dictionary(field).forEachTerm { _, t in
                termsB.append(t)
                return true
            }
            #expect(termsA == termsB, "field \(field)")
        }
        for letter in 0..<a.letterCount {
            #expect(a.file(ofLetter: letter).hasSuffix(".pdf"))
            #expect(a.caseNumber(ofLetter: letter) == b.caseNumber(ofLetter: letter))
            let ra = try #require(a.record(ofLetter: letter))
            let rb = try #require(b.record(ofLetter: letter))
            #expect(ra.items == rb.items)
        }
    }

    @Test func pdfMetadataNeverReachesTheIndex() throws {
        let tool = try PDFTestSupport.requireTool()
        let pdfinfo = parentDirectory(of: tool.executable) + "/pdfinfo"
        try #require(ChildProcess.isExecutableFile(pdfinfo), "pdfinfo (poppler-utils) beside pdftotext")
        let pdfs = PDFTestSupport.realPDFs
        var authors: Set<String> = []
        for pdf in pdfs {
            let info = ChildProcess.run(ChildCommand(executable: pdfinfo, arguments: [pdf]))
            #expect(info.succeeded)
            for line in String(decoding: info.stdout, as: UTF8.self).split(separator: "\n")
            where line.hasPrefix("Author:") {
                let author = line.dropFirst(7).trimmingCharacters(in: .whitespaces)
                if !author.isEmpty { authors.insert(author) }
            }
        }
        #expect(!authors.isEmpty, "the bundled PDFs carry an Author to keep out")
        let dir = TestSupport.temporaryDirectory("imrsearch-pdf-meta")
        _ = try IndexBuilder.build(
            IndexBuildOptions(paths: [TestSupport.corpus + "/real-pdf"], indexPath: dir + "/p.idx", jobs: 2))
        let reader = try IndexReader(path: dir + "/p.idx")
        for letter in 0..<reader.letterCount {
            let text = try #require(reader.text(ofLetter: letter)).lowercased()
            for author in authors {
                #expect(!text.contains(author.lowercased()), "stored text of \(reader.file(ofLetter: letter))")
            }
        }
        for author in authors {
            let words = Tokenizer.tokens(of: author)
            let found = try TestSupport.run(
                ["search", "\"\(words.joined(separator: " "))\"", "--index", dir + "/p.idx", "--count"])
            #expect(found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            let summary = try TestSupport.run(
                ["search", "summary:\"\(words.joined(separator: " "))\"", "--index", dir + "/p.idx", "--count"])
            #expect(summary.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        }
    }

    @Test func brokenPDFsAreWarnedAboutByNameAndTheBuildGoesOn() throws {
        _ = try PDFTestSupport.requireTool()
        let dir = TestSupport.temporaryDirectory("imrsearch-pdf-broken")
        let letters = dir + "/letters"
        try FileIO.createDirectories(letters)
        let good = try FileIO.readAll(TestSupport.corpus + "/real-pdf/CM16-0247802.pdf")
        try FileIO.writeAll(letters + "/good.pdf", good)
        try FileIO.writeAll(letters + "/zero-bytes.pdf", [])
        try FileIO.writeAll(letters + "/truncated.pdf", Array(good[0..<(good.count * 2 / 5)]))
        try FileIO.writeAll(letters + "/random-bytes.pdf", PDFTestSupport.noise(20_000, seed: 11))
        // AES-256 with a user password ("secret-user"), made with qpdf (Tests/Fixtures/README.md).
        let locked = try FileIO.readAll(TestSupport.packageRoot + "/Tests/Fixtures/password-protected.pdf")
        try FileIO.writeAll(letters + "/password-protected.pdf", locked)
        try FileManager.default.copyItem(
            atPath: TestSupport.corpus + "/seeds/001_e066e2eff228d9d9.txt", toPath: letters + "/seed.txt")

        let out = try TestSupport.run(["index", letters, "--index", dir + "/i.idx", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(summary["letters"] as? Int == 2)
        #expect(summary["pdf_letters"] as? Int == 1)
        #expect(summary["unreadable"] as? Int == 4)
        let lines = out.stderr.split(separator: "\n").map(String.init)
        let reasons = [
            "zero-bytes.pdf": "pdftotext failed (exit", "truncated.pdf": "pdftotext failed (exit",
            "random-bytes.pdf": "pdftotext failed (exit", "password-protected.pdf": "password",
        ]
        for (name, reason) in reasons {
            let line = lines.first { $0.contains(letters + "/" + name) }
            #expect(line?.hasPrefix("imrsearch: warning: skipped ") == true, "\(name): \(out.stderr)")
            #expect(line?.contains(reason) == true, "\(name): \(line ?? "no line")")
        }
        #expect(!lines.contains { $0.contains("good.pdf") || $0.contains("seed.txt") })

        // parse: the same words, the readable letters printed, exit 2 (a file could not be read).
        let parsed = try TestSupport.run(["parse", letters])
        #expect(parsed.status == 2)
        #expect(parsed.stdout.split(separator: "\n").count == 2)
        #expect(parsed.stderr.contains(letters + "/password-protected.pdf: pdftotext failed"))
    }

    @Test func parseTakesPDFsAndPrintsWhatTheTextVersionPrints() throws {
        _ = try PDFTestSupport.requireTool()
        let names = ["CM16-0213037", "CM17-0007300", "CM16-0247802"]
        let pdf = try TestSupport.run(["parse"] + names.map { TestSupport.corpus + "/real-pdf/\($0).pdf" })
        let txt = try TestSupport.run(["parse"] + names.map { TestSupport.corpus + "/real/\($0).txt" })
        #expect(pdf.status == 0 && pdf.stderr.isEmpty, "\(pdf.stderr)")
        let a = pdf.stdout.split(separator: "\n").map {
            $0.replacingOccurrences(of: "/real-pdf/", with: "/real/").replacingOccurrences(of: ".pdf\"", with: ".txt\"")
        }
        #expect(a == txt.stdout.split(separator: "\n").map(String.init))
    }

    @Test func aFolderWithBothXpdfAndXtxtIsParsedAndIndexedOnce() throws {
        _ = try PDFTestSupport.requireTool()
        let dir = TestSupport.temporaryDirectory("imrsearch-pdf-twins")
        for name in ["CM16-0213037", "CM17-0007300"] {
            try FileManager.default.copyItem(
                atPath: TestSupport.corpus + "/real-pdf/\(name).pdf", toPath: dir + "/\(name).pdf")
            try FileManager.default.copyItem(
                atPath: TestSupport.corpus + "/real/\(name).txt", toPath: dir + "/\(name).txt")
        }
        try FileManager.default.copyItem(
            atPath: TestSupport.corpus + "/real-pdf/CM16-0247802.pdf", toPath: dir + "/CM16-0247802.pdf")
        let parsed = try TestSupport.run(["parse", dir])
        #expect(parsed.status == 0)
        let files = parsed.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["file"] as? String
        }
        #expect(files == ["CM16-0213037.txt", "CM16-0247802.pdf", "CM17-0007300.txt"].map { dir + "/" + $0 })
        let built = try TestSupport.run(["index", dir, "--index", dir + "/i.idx", "--json"])
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(built.stdout.utf8)) as? [String: Any])
        #expect(summary["letters"] as? Int == 3)
        #expect(summary["pdf_letters"] as? Int == 1)
        #expect(summary["pdf_twins_skipped"] as? Int == 2)
    }
}

/// What needs no pdftotext: the twin rule of the walk, the default corpus, a missing pdftotext, the
/// child-process layer.
@Suite struct PDFWalkAndToolTests {
    @Test func twinsAreFoundByNameStemAcrossTheWalk() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-twin-walk")
        for path in ["a/X.txt", "a/X.pdf", "b/Y.PDF", "c/Y.txt", "d/Z.pdf", "d/notes.md", "e/W.Txt"] {
            try FileIO.createDirectories(parentDirectory(of: dir + "/" + path))
            try FileIO.writeAll(dir + "/" + path, [65])
        }
        let walker = CorpusWalker(paths: [dir])
        #expect(walker.files == ["a/X.txt", "c/Y.txt", "d/Z.pdf", "e/W.Txt"].map { dir + "/" + $0 })
        #expect(walker.pdfTwins == ["a/X.pdf", "b/Y.PDF"].map { dir + "/" + $0 })
        // Without the texts in the walk, the PDFs are letters.
        #expect(CorpusWalker(paths: [dir + "/a/X.pdf", dir + "/b"]).files == [dir + "/a/X.pdf", dir + "/b/Y.PDF"])
    }

    @Test func theDefaultCorpusCountsEachRealLetterOnce() throws {
        let walker = CorpusWalker(paths: [TestSupport.corpus])
        #expect(walker.files.count == 70)  // 65 real letters and 5 seeds
        #expect(!walker.files.contains(where: CorpusWalker.isPDF))
        #expect(walker.pdfTwins.count == 65)
        #expect(Set(walker.pdfTwins.map(CorpusWalker.stem)).count == 65)
        let reader = try IndexReader(path: TestSupport.corpusIndex)
        #expect(reader.letterCount == 70)
        #expect(TestSupport.corpusRecords.count == 70)
        let cases = TestSupport.corpusRecords.compactMap(\.caseNumber)
        #expect(cases.count == 65 && Set(cases).count == 65)
    }

    @Test func withoutPdftotextPDFsAreSkippedWithOneNoteAndTheRestIndexed() throws {
        let dir = TestSupport.temporaryDirectory("imrsearch-no-pdftotext")
        let letters = dir + "/letters"
        try FileIO.createDirectories(letters)
        for name in ["CM16-0213037", "CM17-0007300", "CM16-0247802"] {
            try FileManager.default.copyItem(
                atPath: TestSupport.corpus + "/real-pdf/\(name).pdf", toPath: letters + "/\(name).pdf")
        }
        for seed in ["000_19f997a29c059765.txt", "001_e066e2eff228d9d9.txt"] {
            try FileManager.default.copyItem(
                atPath: TestSupport.corpus + "/seeds/" + seed, toPath: letters + "/" + seed)
        }
        let missing = ["IMRSEARCH_PDFTOTEXT": dir + "/no/such/pdftotext"]
        let out = try TestSupport.run(
            ["index", letters, "--index", dir + "/i.idx", "--json"], environment: missing)
        #expect(out.status == 0, "\(out.stderr)")
        let notes = out.stderr.split(separator: "\n")
        #expect(notes.count == 1, "\(out.stderr)")
        let note = String(notes.first ?? "")
        #expect(note.contains("apt-get install poppler-utils") && note.contains("brew install poppler"))
        #expect(note.contains("skipped 3 PDF letters"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(summary["letters"] as? Int == 2)
        #expect(summary["pdfs_without_pdftotext"] as? Int == 3)

        // Only PDFs: nothing to index, exit 2, the same hint; no index written.
        let onlyPDFs = try TestSupport.run(
            ["index", TestSupport.corpus + "/real-pdf", "--index", dir + "/j.idx"], environment: missing)
        #expect(onlyPDFs.status == 2)
        #expect(onlyPDFs.stderr.contains("apt-get install poppler-utils"))
        #expect(!FileIO.exists(dir + "/j.idx"))

        // parse: the text letters printed, one note for the PDFs, exit 2.
        let parsed = try TestSupport.run(["parse", letters], environment: missing)
        #expect(parsed.status == 2)
        #expect(parsed.stdout.split(separator: "\n").count == 2)
        #expect(parsed.stderr.split(separator: "\n").count == 1)
        #expect(parsed.stderr.contains("skipped 3 PDF letters"))
    }

    @Test func theOverrideNamesTheExecutableAndAMissingOneIsReported() throws {
        guard case .failure(let missing) = PDFTextExtractor.locate(override: "/no/such/pdftotext") else {
            Issue.record("a missing override must not be found")
            return
        }
        #expect(missing.description.contains("/no/such/pdftotext"))
        #expect(missing.description.contains("apt-get install poppler-utils"))
        let echo = try #require(ChildProcess.findOnPath("echo"))
        #expect((try? PDFTextExtractor.locate(override: echo).get())?.executable == echo)
        // Not on PATH: the install hint.
        guard case .failure(let notInstalled) = PDFTextExtractor.locate(override: nil, searchPath: "/no/such/bin")
        else {
            Issue.record("pdftotext found on an empty PATH")
            return
        }
        #expect(notInstalled.description.contains("not installed"))
        #expect(notInstalled.description.contains("brew install poppler"))
    }

    @Test func aPathStartingWithADashIsNotReadAsAnOption() {
        let tool = PDFTextExtractor(executable: "/usr/bin/pdftotext")
        #expect(tool.command(for: "-x.pdf").arguments == ["-layout", "-enc", "UTF-8", "./-x.pdf", "-"])
        #expect(!tool.command(for: "a.pdf").arguments.contains("-meta"))
    }

    @Test func childProcessesCaptureOutputExitStatusAndStderr() throws {
        let printf = try #require(ChildProcess.findOnPath("printf"))
        let ok = ChildProcess.run(ChildCommand(executable: printf, arguments: ["%s|%s", "a b", "$HOME;*"]))
        #expect(ok.termination == .exited(0))
        #expect(String(decoding: ok.stdout, as: UTF8.self) == "a b|$HOME;*")  // no shell in between
        let ls = try #require(ChildProcess.findOnPath("ls"))
        let failed = ChildProcess.run(ChildCommand(executable: ls, arguments: ["/no/such/folder"]))
        #expect(failed.termination != .exited(0))
        #expect(String(decoding: failed.stderr, as: UTF8.self).contains("/no/such/folder"))
        let none = ChildProcess.run(ChildCommand(executable: "/no/such/program", arguments: []))
        #expect(none.termination == .notStarted(ENOENT))
    }

    @Test func childProcessOutputIsReadWhole() throws {
        let head = try #require(ChildProcess.findOnPath("head"))
        let big = ChildProcess.run(ChildCommand(executable: head, arguments: ["-c", "3000000", "/dev/zero"]))
        #expect(big.succeeded)
        #expect(big.stdout.count == 3_000_000)
        let capped = ChildProcess.run(
            ChildCommand(executable: head, arguments: ["-c", "3000000", "/dev/zero"]), maxOutputBytes: 100_000)
        #expect(capped.termination == .outputTooLarge)
    }

    @Test func aChildPastItsDeadlineIsKilledAndReaped() throws {
        let sleep = try #require(ChildProcess.findOnPath("sleep"))
        let clock = Stopwatch()
        let slow = ChildProcess.run(ChildCommand(executable: sleep, arguments: ["30"]), timeoutSeconds: 0.3)
        #expect(slow.termination == .timedOut)
        #expect(clock.seconds < 10)
    }

    @Test func aPoolRunsSeveralChildrenAtOnceWithinItsBudget() throws {
        let sleep = try #require(ChildProcess.findOnPath("sleep"))
        let echo = try #require(ChildProcess.findOnPath("echo"))
        // Six sleeps of 0.4 s with three slots take about 0.8 s, not 2.4 s.
        let clock = Stopwatch()
        var ended: [Int] = []
        ChildProcessPool().run(
            Array(repeating: ChildCommand(executable: sleep, arguments: ["0.4"]), count: 6),
            slots: ChildSlots(limit: 3)
        ) { k, r in
            #expect(r.succeeded)
            ended.append(k)
        }
        #expect(ended.sorted() == Array(0..<6))
        #expect(clock.seconds < 2.0)
        // Results come back for the right command.
        var outputs = [String](repeating: "", count: 20)
        ChildProcessPool().run(
            (0..<20).map { ChildCommand(executable: echo, arguments: ["letter \($0)"]) }, slots: ChildSlots(limit: 4)
        ) { k, r in outputs[k] = String(decoding: r.stdout, as: UTF8.self) }
        #expect(outputs == (0..<20).map { "letter \($0)\n" })
    }
}

/// Two kinds of real item text the parser got wrong, each in a real letter (CM16-0247802) rewritten to
/// carry it.
@Suite struct RealItemTextTests {
    static func letter(_ replacements: [(String, String)]) throws -> LetterRecord {
        var text = String(decoding: try FileIO.readAll(TestSupport.corpus + "/real/CM16-0247802.txt"), as: UTF8.self)
        for (a, b) in replacements {
            #expect(text.contains(a), "\(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        return LetterParser.parse(bytes: Array(text.utf8), file: "test.txt")
    }

    @Test func aSectionCitationOpeningWithAListNumberKeepsItsName() throws {
        let record = try Self.letter([
            (
                "Section(s): 3.3.9\nOpioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid\nTreatment.",
                "Section(s): 2. Opioids for Subacute Pain."
            )
        ])
        #expect(record.items.count == 5)
        #expect(record.items[3].sections == ["2. Opioids for Subacute Pain"])
        // A list of numbered sections, one wrapped onto the next line; a sentence still ends the section.
        let two = try Self.letter([
            (
                "Section(s): 3.3.9\nOpioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid\nTreatment.",
                "Section(s):\n2. Opioids for Subacute Pain, 3. Opioids for Chronic Pain. Decision based on Non-MTUS Citation ODG, Pain."
            )
        ])
        #expect(two.items[3].sections == ["2. Opioids for Subacute Pain, 3. Opioids for Chronic Pain"])
        #expect(two.items[3].sources == ["MTUS", "ODG"])
        // Section numbers elsewhere are as before.
        let original = try Self.letter([])
        #expect(
            original.items[3].sections == [
                "3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment"
            ])
    }

    @Test func anItemHeaderWithItsOwnDateOfServiceKeepsTheWholeHeader() throws {
        let header = "Lidoderm patch 5% (700mg/patch) apply one patch daily #1 box with 1 refill, DOS: 11/11/2016"
        let old = "Retrospective Cyclobenzaprine 5mg tab #30 DOS: 11/14/16: Upheld"
        let variants = [
            header + ": Upheld",  // one line
            "Lidoderm patch 5% (700mg/patch) apply one patch daily #1 box with 1 refill, DOS:\n11/11/2016: Upheld",
            "Lidoderm patch 5% (700mg/patch) apply one patch daily #1 box with 1 refill, DOS:\n\n11/11/2016: Upheld",
            "Lidoderm patch 5% (700mg/patch) apply one patch daily #1 box with\n1 refill, DOS: 11/11/2016:\nUpheld",
        ]
        for variant in variants {
            let record = try Self.letter([(old, variant)])
            #expect(record.items.count == 5, "\(variant)")
            #expect(record.items.last?.treatment == header, "\(variant)")
            #expect(record.items.last?.decision == .upheld, "\(variant)")
            #expect(record.items[3].treatment == "Norco 5/325mg oral tablet, one tablet twice daily 14 days #40")
            #expect(record.warnings.isEmpty, "\(record.warnings)")
        }
    }
}
