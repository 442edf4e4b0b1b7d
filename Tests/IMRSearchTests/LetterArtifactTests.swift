// Every text artifact real letters carry, each built from a real letter: the transformed letter must
// parse to the same decisions as the original (or to what the artifact implies), never crash.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct LetterArtifactTests {
    static func bytes(_ path: String) throws -> [UInt8] {
        try FileIO.readAll(TestSupport.corpus + "/" + path)
    }
    static func parse(_ bytes: [UInt8]) -> LetterRecord {
        LetterParser.parse(bytes: bytes, file: "test.txt")
    }

    /// Byte-level replacement of every occurrence of `a` by `b` (b may be invalid UTF-8 on purpose).
    static func replace(_ bytes: [UInt8], _ a: String, _ b: [UInt8]) -> [UInt8] {
        let needle = Array(a.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + needle.count <= bytes.count && Array(bytes[i..<(i + needle.count)]) == needle {
                out += b
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// The same decisions, guidelines and facts as the original.
    static func expectSame(_ a: LetterRecord, _ b: LetterRecord, _ label: String) {
        #expect(a.items == b.items, "\(label): items differ")
        #expect(a.caseNumber == b.caseNumber, "\(label)")
        #expect(a.dates == b.dates, "\(label)")
        #expect(a.specialties == b.specialties, "\(label)")
        #expect(a.licensure == b.licensure, "\(label)")
        #expect(a.patientAge == b.patientAge && a.patientSex == b.patientSex, "\(label)")
        #expect(a.summary == b.summary, "\(label)")
        #expect(b.warnings == [], "\(label): \(b.warnings)")
    }

    static let samples = [
        "real/CM16-0213037.txt", "real/CM17-0002198.txt", "seeds/001_e066e2eff228d9d9.txt",
        "real/CM16-0249724.txt",
    ]

    @Test func caseInsensitiveFindAgreesWithANaiveSearch() {
        var rng = SplitMix(seed: 77)
        let alphabet = Array("aAbB:. ".utf8)
        for _ in 0..<3000 {
            let bytes = (0..<Int(rng.next() % 60)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let needle = (0..<(1 + Int(rng.next() % 3))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let from = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
            func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
            var expected: Int?
            if bytes.count >= needle.count {
                for i in stride(from: from, through: bytes.count - needle.count, by: 1)
                where (0..<needle.count).allSatisfy({ lower(bytes[i + $0]) == lower(needle[$0]) }) {
                    expected = i
                    break
                }
            }
            #expect(LetterLines.find(needle, in: bytes, from: from, to: bytes.count) == expected, "\(bytes) \(needle)")
        }
    }

    @Test func singleSpaceCheckAgreesWithAByteByByteScan() {
        var rng = SplitMix(seed: 99)
        let alphabet: [UInt8] = [32, 32, 9, 97, 98, 46, 0xC3, 0xA9]
        for _ in 0..<3000 {
            let length = Int(rng.next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            var expected = true
            for k in bytes.indices where bytes[k] == 9 || (bytes[k] == 32 && k > 0 && bytes[k - 1] == 32) {
                expected = false
            }
            let got = bytes.withUnsafeBytes {
                LetterLines.hasSingleSpacesOnly($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, length)
            }
            #expect(got == expected, "\(bytes)")
        }
    }

    @Test func joinedLinesAgreeWithACollapsingReference() {
        // Lines of words, single and double spaces and tabs (runs long enough to cross 8-byte words), joined
        // over random ranges, cut at random bytes: the result is the pieces joined by spaces with every run
        // of white space one space, none at the ends.
        var rng = SplitMix(seed: 4242)
        let pieces = ["a", "bc", "Lumbar", "L4-5", " ", "  ", "\t", " \t ", "é", ".", "           x"].map {
            Array($0.utf8)
        }
        for round in 0..<20000 {
            var text: [UInt8] = []
            for _ in 0..<Int(rng.next() % 5 + 1) {
                for _ in 0..<Int(rng.next() % 12) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
                text.append(10)
            }
            let lines = LetterLines(text)
            let lower = Int(rng.next() % UInt64(lines.count))
            let upper = lower + 1 + Int(rng.next() % UInt64(lines.count - lower))
            let from: Int? = rng.next() % 3 == 0 ? Int(rng.next() % UInt64(text.count + 1)) : nil
            // Cuts right after a space too (a cut piece must not end with it).
            var upTo: Int? = rng.next() % 2 == 0 ? Int(rng.next() % UInt64(text.count + 1)) : nil
            if let cut = upTo, rng.next() % 2 == 0, let space = text[cut...].firstIndex(of: 32) { upTo = space + 1 }
            var raw: [UInt8] = []
            for k in lower..<upper {
                var s = lines.starts[k]
                var e = lines.ends[k]
                if k == lower, let from { s = max(s, min(from, e)) }
                if k == upper - 1, let upTo { e = min(e, max(upTo, s)) }
                raw += [32] + text[s..<e]
            }
            var expected: [UInt8] = []
            LetterLines.appendCollapsed(raw, 0, raw.count, to: &expected)
            // (A cut inside "é" leaves a broken sequence, which the String repairs as the reference does.)
            let got = lines.joined(lower..<upper, from: from, upTo: upTo)
            #expect(got == String(decoding: expected, as: UTF8.self), "round \(round): \(text)")
            if got != String(decoding: expected, as: UTF8.self) { return }
        }
    }

    @Test(arguments: samples)
    func crlfLineEndings(_ path: String) throws {
        let original = try Self.bytes(path)
        var crlf: [UInt8] = []
        for b in original {
            if b == 10 { crlf.append(13) }
            crlf.append(b)
        }
        Self.expectSame(Self.parse(original), Self.parse(crlf), "CRLF \(path)")
    }

    @Test(arguments: samples)
    func utf8ByteOrderMark(_ path: String) throws {
        let original = try Self.bytes(path)
        let record = Self.parse([0xEF, 0xBB, 0xBF] + original)
        Self.expectSame(Self.parse(original), record, "BOM \(path)")
        #expect(!record.text.hasPrefix("\u{FEFF}"))
    }

    @Test(arguments: samples)
    func nulBytes(_ path: String) throws {
        let original = try Self.bytes(path)
        var withNULs: [UInt8] = []
        for (i, b) in original.enumerated() {
            withNULs.append(b)
            if i % 37 == 0 { withNULs.append(0) }
        }
        let record = Self.parse(withNULs)
        Self.expectSame(Self.parse(original), record, "NUL \(path)")
        #expect(!record.text.utf8.contains(0))
    }

    @Test func windows1252CurlyQuotesBecomeUnicode() throws {
        let original = try Self.bytes("real/CM16-0213037.txt")
        // "claimant's" with a CP1252 right single quote (0x92), "willingness" wrapped in 0x93/0x94.
        var cp = Self.replace(original, "claimant's", Array("claimant".utf8) + [0x92] + Array("s".utf8))
        cp = Self.replace(
            cp, "any red flag", Array("any ".utf8) + [0x93] + Array("red flag".utf8) + [0x94])
        let record = Self.parse(cp)
        #expect(record.items.count == 2)
        #expect(record.items[0].rationale.contains("claimant\u{2019}s"))
        #expect(record.text.contains("\u{201C}red flag\u{201D}"))
        #expect(record.warnings == [])
        #expect(String(validating: Array(record.text.utf8), as: UTF8.self) != nil)
    }

    @Test(arguments: ["real/CM16-0213037.txt", "real/CM17-0002198.txt", "real/CM17-0002857.txt"])
    func doubleSpacingABlankLineAfterEveryLine(_ path: String) throws {
        let original = try Self.bytes(path)
        let spaced = Self.replace(original, "\n", Array(" \n\n".utf8))
        Self.expectSame(Self.parse(original), Self.parse(spaced), "double spaced \(path)")
    }

    @Test func pageBreakBlankRunsMidSentenceAndMidHeader() throws {
        let original = try Self.bytes("real/CM17-0002198.txt")
        // A page break inside the wrapped partial-authorisation header and inside a rationale sentence.
        var broken = Self.replace(
            original, "left shoulder\nand left knee was authorized",
            Array("left shoulder\n\n\n\nand left knee was authorized".utf8))
        broken = Self.replace(
            broken, "Therefore, the\nadditional", Array("Therefore, the\n\n\n\nadditional".utf8))
        #expect(broken != original)
        Self.expectSame(Self.parse(original), Self.parse(broken), "page breaks")
    }

    @Test func trailingSpacesAndRedactionDoubleSpaces() throws {
        let original = try Self.bytes("real/CM16-0213037.txt")
        var noisy = Self.replace(original, "\n", Array("   \n".utf8))
        noisy = Self.replace(noisy, "the request is for", Array("the request  is for".utf8))
        Self.expectSame(Self.parse(original), Self.parse(noisy), "spaces")
        let redacted = Self.parse(try Self.bytes("seeds/002_e0959afc0ddf1e05.txt"))
        #expect(redacted.items[0].rationale.hasPrefix("The progress report dated 7/31/13 by noted"))
    }

    @Test func upperCaseHeaderWithIrregularSpacing() throws {
        let record = Self.parse(try Self.bytes("seeds/004_2921f774792fb9c3.txt"))
        #expect(
            record.items.map(\.treatment) == ["CHIROPRACTIC X 8", "PHYSICAL THERAPY X8", "MASSAGE X 2"])
        #expect(record.items.allSatisfy { $0.decision == .upheld })
        let lower = Self.parse(
            Self.replace(
                try Self.bytes("real/CM16-0213037.txt"), "contrast: Upheld",
                Array("contrast:    UPHELD".utf8)))
        #expect(lower.items.map(\.decision) == [.upheld, .upheld])
    }

    @Test func headerWrappedOverSeveralLinesAndPartialAuthorisation() throws {
        let record = Self.parse(try Self.bytes("real/CM16-0249724.txt"))
        #expect(
            record.items[0].treatment
                == "Standard wheelchair for a 3 month rental was the original request. Standard wheelchair for a 1 month rental was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, standard wheelchair for a 2 month rental is"
        )
        #expect(record.items[0].decision == .upheld)
    }

    @Test func decisionWordAloneOnTheNextLine() throws {
        let record = Self.parse(try Self.bytes("real/CM17-0002857.txt"))
        #expect(
            record.items[0].treatment
                == "Physical therapy 6 sessions 2 times a week for 3 weeks to the lumbar and cervical spine"
        )
        #expect(record.items[0].decision == .upheld)
    }

    @Test func pagesAndSectionsWrappedOntoTheNextLine() throws {
        let seed = Self.replace(
            try Self.bytes("seeds/001_e066e2eff228d9d9.txt"), "Page(s): 98-99",
            Array("Page(s): \n\n98-99".utf8))
        #expect(Self.parse(seed).items[1].pages == ["98-99"])
        let real = Self.parse(try Self.bytes("real/CM16-0213037.txt"))  // "Section(s):" ends a line here
        #expect(real.items[0].sections == ["Special Studies"])
        #expect(real.items[0].sources == ["MTUS"])
    }

    @Test func sourcesIgnoreNegatedMTUS() throws {
        let record = Self.parse(try Self.bytes("seeds/000_19f997a29c059765.txt"))
        #expect(record.items[0].sources == ["ODG"])  // "did not base their decision on the MTUS"
        #expect(record.items[1].sources == ["MTUS"])
    }

    @Test func withAndWithoutTheHeaderBlock() throws {
        let original = try Self.bytes("real/CM16-0213037.txt")
        let text = String(decoding: original, as: UTF8.self)
        let body = Array(text[text.range(of: "HOW THE IMR")!.lowerBound...].utf8)
        let full = Self.parse(original)
        let bodyOnly = Self.parse(body)
        #expect(full.layout == .full && bodyOnly.layout == .bodyOnly)
        #expect(full.caseNumber == "CM16-0213037" && bodyOnly.caseNumber == nil)
        #expect(full.items == bodyOnly.items)
        #expect(bodyOnly.dates.injury == Day(year: 2016, month: 10, day: 13))  // from "industrial injury on 10-13-16"
        #expect(bodyOnly.dates.decision == nil)
    }

    @Test func twoReviewerCredentialStyles() throws {
        let prose = Self.parse(try Self.bytes("seeds/000_19f997a29c059765.txt"))
        #expect(prose.specialties == ["Internal Medicine", "Emergency Medicine"])
        #expect(prose.licensure == ["Florida"])
        let listed = Self.parse(try Self.bytes("real/CM16-0213037.txt"))
        #expect(listed.specialties == ["Family Practice"])
        #expect(listed.licensure == ["California", "North Carolina"])
    }

    /// The prose style's lists: names that hold " and " stay whole, subspecialty phrases and line breaks
    /// split or join as the words do, a dangling " and" or comma is dropped.
    @Test(arguments: [
        (
            "is Board Certified in Physical Medicine and Rehabilitation and Pain Medicine and is licensed to practice in California and Nevada.",
            ["Physical Medicine and Rehabilitation", "Pain Medicine"], ["California", "Nevada"]
        ),
        (
            "is Board Certified in Internal Medicine, has a subspecialty in Hospice and Palliative Medicine and is licensed to practice in Texas, Ohio.",
            ["Internal Medicine", "Hospice and Palliative Medicine"], ["Texas", "Ohio"]
        ),
        (
            "is Board Certified in Family Practice with a subspecialty in Sports\nMedicine, and is licensed to practice in  New   York.",
            ["Family Practice", "Sports Medicine"], ["New York"]
        ),
        (
            "is Board Certified in Anesthesiology, and is licensed to practice in Florida, California.",
            ["Anesthesiology"], ["Florida", "California"]
        ),
    ])
    func proseCredentialListsSplitAtTheirWords(sentence: String, specialties: [String], licensure: [String]) {
        let parsed = CredentialsParser.parse("The physician reviewer " + sentence + " More text.")
        #expect(parsed.specialties == specialties)
        #expect(parsed.licensure == licensure)
    }

    @Test func truncatedLettersKeepWhatTheyHold() throws {
        let original = try Self.bytes("real/CM17-0002198.txt")
        for fraction in [0.1, 0.3, 0.5, 0.7, 0.9] {
            let cut = Array(original.prefix(Int(Double(original.count) * fraction)))
            let record = Self.parse(cut)
            #expect(!record.text.isEmpty)
            #expect(record.items.count <= 2)
            if record.items.isEmpty { #expect(!record.warnings.isEmpty) }
        }
        // Cut inside a UTF-8 sequence: still valid text.
        let utf8 = Array(
            "Case Number: CM16-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\ncafé".utf8)
        #expect(Self.parse(Array(utf8.dropLast())).text.hasSuffix("caf\u{E9}") == false)
    }

    @Test func emptyWhitespaceAndBinaryFilesWarn() throws {
        let empty = Self.parse([])
        #expect(empty.warnings == ["empty file"])
        let blank = Self.parse(Array(" \n\n\t \r\n".utf8))
        #expect(blank.warnings == ["no text (only white space)"])
        var rng = SplitMix(seed: 7)
        let junk = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let binary = Self.parse(junk)
        #expect(binary.text == "")
        #expect(binary.warnings.first?.contains("binary") == true)
        let noItems = Self.parse(Array("Dear Sir, this letter has no decisions at all.\n".utf8))
        #expect(noItems.items.isEmpty)
        #expect(noItems.warnings.contains { $0.contains("no disputed items") })
        #expect(noItems.text.contains("no decisions"))
    }

    @Test func unusualDecisionWordsAreKeptAndWarned() throws {
        let record = Self.parse(
            Self.replace(
                try Self.bytes("real/CM16-0213037.txt"), "contrast: Upheld",
                Array("contrast: Withdrawn".utf8)))
        #expect(record.items.first?.decision == .other("withdrawn"))
        #expect(record.warnings.contains { $0.contains("withdrawn") })
    }

    /// A 2013 MAXIMUS letter (F2) assembled from the phrases DOMAIN.md documents for that layout.
    static let maximus2013Letter = """
        MAXIMUS FEDERAL SERVICES, INC.
        Independent Medical Review

        HOW THE IMR FINAL DETERMINATION WAS MADE
        The physician reviewer is Board Certified in Orthopedic Surgery and is licensed to practice in California.

        CLINICAL CASE SUMMARY
        The injured worker is a 52 year old female who sustained an industrial injury on 3/4/2012.

        DOCUMENTS REVIEWED
        Utilization review letter.

        IMR DECISION(S) AND RATIONALE(S)

        1. Norco 10/325mg #60 is not medically necessary and appropriate.

        The Claims Administrator based its decision on the MTUS Chronic Pain Guidelines.

        The Physician Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment Guidelines,
        Opioids, Page(s): 78-80.

        Rationale for the Decision:
        There is no documentation of functional improvement with ongoing opioid use.

        2. Physical therapy 2x4 for the lumbar spine is medically necessary and appropriate.

        The Physician Reviewer based his/her decision on the MTUS Chronic Pain Medical Treatment Guidelines,
        Physical Medicine, Page(s): 98-99.

        Rationale for the Decision:
        A short course of therapy after a flare-up is supported.
        """

    static let professionalReviewLetter = """
        MEDICAL PROFESSIONAL REVIEW
        ISSUE AT DISPUTE: Lumbar MRI without contrast
        CASE SUMMARY: The patient is a 44 year old man with low back pain since a lifting injury.
        DOCUMENTS REVIEWED FOR DETERMINATION: Progress notes.
        MEDICAL TREATMENT GUIDELINE(S) RELIED UPON TO SUPPORT THE DECISION: MTUS ACOEM Chapter 12, Page(s): 303-304.
        RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS OR IS NOT MEDICALLY NECESSARY: There are no red
        flags and no neurologic deficit; the request is not medically necessary.
        MEDICAL REVIEWER QUALIFICATIONS: Board Certified in Physical Medicine and Rehabilitation and licensed to
        practice in California.
        """

    @Test func the2013MaximusLayoutIsParsed() {
        let record = Self.parse(Array(Self.maximus2013Letter.utf8))
        #expect(record.layout == .maximus2013)
        #expect(record.items.map(\.treatment) == ["Norco 10/325mg #60", "Physical therapy 2x4 for the lumbar spine"])
        #expect(record.items.map(\.decision) == [.upheld, .overturned])
        #expect(record.items.map(\.pages) == [["78-80"], ["98-99"]])
        #expect(record.items[0].claimsAdministratorGuideline.hasPrefix("The Claims Administrator based its decision"))
        #expect(record.items[1].rationale == "A short course of therapy after a flare-up is supported.")
        #expect(
            record.summary
                == "The injured worker is a 52 year old female who sustained an industrial injury on 3/4/2012.")
        #expect(record.specialties == ["Orthopedic Surgery"] && record.licensure == ["California"])
        #expect(record.patientAge == 52 && record.patientSex == .female)
        #expect(record.warnings == [])
    }

    @Test func theProfessionalReviewLayoutIsParsed() {
        let record = Self.parse(Array(Self.professionalReviewLetter.utf8))
        #expect(record.layout == .professionalReview)
        #expect(record.items.map(\.treatment) == ["Lumbar MRI without contrast"])
        #expect(record.items.map(\.decision) == [.upheld])
        #expect(record.items.first?.pages == ["303-304"])
        #expect(record.patientAge == 44 && record.patientSex == .male)
        let overturned = Self.parse(
            Array(
                Self.professionalReviewLetter.replacingAll(
                    "the request is not medically necessary", with: "the request is medically necessary"
                ).utf8))
        #expect(overturned.items.map(\.decision) == [.overturned])
    }

    @Test func unrecognisedLayoutsKeepTheirText() {
        let f2 = Self.parse(
            Array("MAXIMUS FEDERAL SERVICES, INC.\nIMR DECISION(S) AND RATIONALE(S)\nNo statement here.\n".utf8))
        #expect(f2.layout == .maximus2013 && f2.items.isEmpty && !f2.warnings.isEmpty)
        let unknown = Self.parse(Array("A note about something else entirely.\n".utf8))
        #expect(unknown.layout == .unknown && !unknown.text.isEmpty)
    }

    @Test func randomMutationsOfRealLettersNeverCrash() throws {
        var rng = SplitMix(seed: 2026)
        let sources = try TestSupport.corpusFiles.prefix(12).map { try FileIO.readAll($0) }
        for round in 0..<300 {
            var bytes = sources[round % sources.count]
            let edits = 1 + Int(rng.next() % 40)
            for _ in 0..<edits {
                guard !bytes.isEmpty else { break }
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.insert(contentsOf: [0x0A, 0x0A, 0xC3], at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 300)))
                default:
                    bytes.insert(contentsOf: Array(": Upheld\nClaims Administrator guideline:".utf8), at: at)
                }
            }
            let record = Self.parse(bytes)
            var w = JSONWriter()
            record.writeJSON(into: &w)
            #expect(try JSONSerialization.jsonObject(with: Data(w.bytes)) is [String: Any])
        }
    }

    @Test func normalisationIsIdempotentSoStoredTextReparsesTheSame() throws {
        for file in TestSupport.corpusFiles {
            let first = LetterParser.parse(bytes: try FileIO.readAll(file), file: file)
            let again = LetterParser.parse(bytes: Array(first.text.utf8), file: file)
            #expect(first.items == again.items, "\(file)")
            #expect(first.summary == again.summary)
        }
    }
}
