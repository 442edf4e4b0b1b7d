// SyntheticLetters: writes realistic synthetic IMR letters for benchmarks and tests, in the two layouts
// real letters have — body-only (double-spaced like the seeds, prose or listed credentials) and full (the
// header block of the published letters) — with the artifacts the parser handles (wrapped lines, page
// breaks inside paragraphs, trailing spaces, redaction double spaces, CRLF, BOM, upper-case headers,
// decision words alone on the next line, partial authorisations). Each letter depends only on (seed,
// index), so generation is parallel and deterministic. The truth of every letter is in its label.

import IMRSearch

public struct SyntheticLabel: Sendable, Equatable {
    public var file: String
    public var caseNumber: String?
    public var layout: LetterLayout
    public var items: [(treatment: String, decision: Decision)]
    public var decisionDate: Day?

    public static func == (a: SyntheticLabel, b: SyntheticLabel) -> Bool {
        a.file == b.file && a.caseNumber == b.caseNumber && a.layout == b.layout
            && a.decisionDate == b.decisionDate
            && a.items.map(\.treatment) == b.items.map(\.treatment)
            && a.items.map(\.decision) == b.items.map(\.decision)
    }

    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("file", file)
        w.field("case_number", caseNumber)
        w.field("layout", layout.rawValue)
        w.field("decision_date", decisionDate?.iso)
        w.key("items")
        w.beginArray()
        for item in items {
            w.beginObject()
            w.field("treatment", item.treatment)
            w.field("decision", item.decision.name)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

public struct SyntheticLetter: Sendable {
    /// Path relative to the corpus folder: "<index / 1000>/<name>.txt".
    public var path: String
    public var bytes: [UInt8]
    public var label: SyntheticLabel
}

public enum SyntheticLetters {
    typealias V = SyntheticVocabulary

    static let treatmentZipf = ZipfTable(Array(0..<V.procedures.count), exponent: 0.9)
    static let drugZipf = ZipfTable(Array(0..<V.drugs.count), exponent: 0.9)
    static let bodyZipf = ZipfTable(V.bodyParts, exponent: 1.0)
    static let diagnosisZipf = ZipfTable(V.diagnoses, exponent: 0.8)
    static let specialtyZipf = ZipfTable(V.specialties, exponent: 1.0)
    static let stateZipf = ZipfTable(V.states, exponent: 1.3)
    static let summaryZipf = ZipfTable(V.summarySentences, exponent: 0.5)
    static let rationaleZipf = ZipfTable(V.rationaleSentences, exponent: 0.6)

    static let boilerplate =
        "MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/Service. He/she is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations."

    /// Draws how many items a letter has: 1 to 10, mean about 2.
    static func itemCount(_ r: inout SyntheticRandom) -> Int {
        let u = r.below(1000)
        switch u {
        case 0..<560: return 1
        case 560..<780: return 2
        case 780..<880: return 3
        case 880..<935: return 4
        case 935..<965: return 5
        case 965..<980: return 6
        case 980..<990: return 7
        case 990..<995: return 8
        case 995..<998: return 9
        default: return 10
        }
    }

    static func date(_ day: Day, slashes: Bool = true) -> String {
        let (y, m, d) = day.civil
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return slashes ? "\(two(m))/\(two(d))/\(y)" : "\(two(m))-\(two(d))-\(two(y % 100))"
    }

    typealias L = SyntheticLexicon

    static let anatomyZipf = ZipfTable(L.anatomy, exponent: 0.8)
    static let findingZipf = ZipfTable(L.findings, exponent: 0.8)
    static let symptomZipf = ZipfTable(L.symptoms, exponent: 0.8)
    static let bigDiagnosisZipf = ZipfTable(V.diagnoses + L.diagnoses + L.rareConditions, exponent: 0.8)
    static let procedureZipf = ZipfTable(L.procedures, exponent: 0.8)
    static let deviceZipf = ZipfTable(L.devices, exponent: 0.8)
    static let occupationZipf = ZipfTable(L.occupations, exponent: 0.7)
    static let mechanismZipf = ZipfTable(L.mechanisms, exponent: 0.7)
    static let activityZipf = ZipfTable(L.activities, exponent: 0.8)
    static let imagingZipf = ZipfTable(L.imagingFindings, exponent: 0.7)
    static let psychZipf = ZipfTable(L.psych, exponent: 0.7)
    static let medicineZipf = ZipfTable(L.otherMedicines + L.rareMedicines, exponent: 0.7)
    static let sigZipf = ZipfTable(L.sigs, exponent: 1.0)
    static let adjectiveZipf = ZipfTable(L.adjectives + L.moreAdjectives, exponent: 0.7)
    static let adverbZipf = ZipfTable(L.adverbs + L.derivedAdverbs, exponent: 0.7)
    static let nounZipf = ZipfTable(L.nouns + L.moreNouns + L.derivedPlurals, exponent: 0.7)
    static let verbZipf = ZipfTable(L.verbs + L.moreVerbs, exponent: 0.7)
    static let everydayZipf = ZipfTable(L.everydayNouns + L.narrativeWords, exponent: 0.7)
    static let clinicianZipf = ZipfTable(L.clinicians, exponent: 0.8)
    static let labZipf = ZipfTable(L.labTests, exponent: 0.7)
    static let placeZipf = ZipfTable(L.places, exponent: 0.9)
    static let systemsZipf = ZipfTable(L.systems, exponent: 0.7)
    static let rareZipf = ZipfTable(L.rareTerms, exponent: 0.6)
    static let reasoningZipf = ZipfTable(L.reasoning, exponent: 0.7)
    static let objectZipf = ZipfTable(L.objects, exponent: 0.6)
    static let statementZipf = ZipfTable(L.guidelineStatements, exponent: 0.5)
    static let numberWordZipf = ZipfTable(L.numberWords, exponent: 0.8)
    static let levelZipf = ZipfTable(
        [
            "L4-5", "L5-S1", "C5-6", "C6-7", "L3-4", "C4-5", "L2-3", "C3-4", "L1-2", "C7-T1", "T12-L1", "C2-3",
            "T11-12", "T10-11", "L4-S1", "L3-S1", "C4-7", "C5-7", "T8-9", "T6-7", "T4-5", "T1-2",
        ], exponent: 1.1)
    static let summaryDetailZipf = ZipfTable(V.summaryDetails, exponent: 0.3)
    static let rationaleDetailZipf = ZipfTable(V.rationaleDetails, exponent: 0.3)
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let icdLetters = Array("MMMMMMSSSSGGFFZRKIEH")
    static let cptCodes = [
        "97110", "97140", "97530", "97112", "97014", "97010", "97035", "97124", "98941", "98940", "97810",
        "97811", "99213", "99214", "99215", "99204", "64483", "64484", "64493", "64494", "64635", "64636",
        "62323", "20552", "20553", "20610", "95886", "95913", "95910", "72148", "72141", "73721", "73221",
        "72100", "72040", "90837", "90834", "96101", "80307", "E0730", "E0114", "L0650", "L3908",
    ]

    /// Shares of case-specific sentence forms in summaries and rationales.
    static let summaryDetailShare = 0.8
    static let rationaleDetailShare = 0.5

    /// Share of open-pool words written with a typo (a letter dropped, doubled, swapped or changed).
    static let typoRate = 0.01

    /// A rank from 1 to n drawn with weight about 1 / rank^s (s > 1): an open vocabulary's Zipf law.
    static func openRank(_ r: inout SyntheticRandom, s: Double, n: Double) -> Int {
        let u = Double(r.next() >> 11) / Double(1 << 53)
        let a = 1 - s
        return Int(pow((pow(n, a) - 1) * u + 1, 1 / a))
    }

    /// A made-up proper name for rank `rank`: the same rank, the same name.
    static func properName(_ rank: Int) -> String {
        var h = SyntheticRandom(seed: UInt64(rank) &* 0x9E37_79B9)
        var name = h.pick(L.onsets) + h.pick(L.vowels)
        if h.chance(0.3) { name += h.pick(L.onsets) + h.pick(L.vowels) }
        name += h.pick(L.middles) + h.pick(L.vowels) + h.pick(L.codas)
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    static func icd(_ r: inout SyntheticRandom) -> String {
        let letter = r.pick(icdLetters)
        var code = "\(letter)\(r.below(10))\(r.below(10)).\(r.below(10))"
        switch r.below(4) {
        case 0: code += String(r.below(10))
        case 1: code += String(r.below(10)) + (letter == "S" ? "A" : "")
        case 2: code += letter == "S" ? "XXA" : ""
        default: break
        }
        return code
    }

    static func strength(_ r: inout SyntheticRandom) -> String {
        let base = r.pick([5, 10, 15, 20, 25, 30, 40, 50, 60, 75, 100, 150, 200, 250, 300, 325, 400, 500, 600, 800])
        let n = r.chance(0.2) ? r.int(1...1000) : base
        return "\(n)\(r.pick(L.doseUnits))"
    }

    static func anyDate(_ r: inout SyntheticRandom, _ day: Day) -> String {
        let d = Day(daysSinceEpoch: day.daysSinceEpoch - Int32(r.int(5...900)))
        let (y, m, dd) = d.civil
        switch r.below(10) {
        case 0: return "\(months[m - 1]) \(dd), \(y)"
        case 1: return "\(m)/\(dd)/\(y % 100 < 10 ? "0" : "")\(y % 100)"
        case 2: return "\(m)/\(y)"
        default: return date(d, slashes: r.chance(0.85))
        }
    }

    /// `word` with one typo inside a word of five letters or more, or `word` when it has none.
    static func typo(_ word: String, _ r: inout SyntheticRandom) -> String {
        var b = Array(word.utf8)
        func isLetter(_ i: Int) -> Bool { i >= 0 && i < b.count && b[i] >= 97 && b[i] <= 122 }
        var candidates: [Int] = []
        var runStart = 0
        for i in 0...b.count {
            if i < b.count && (isLetter(i) || (b[i] >= 65 && b[i] <= 90)) { continue }
            if i - runStart >= 5 { candidates.append(contentsOf: (runStart + 1)..<(i - 1)) }
            runStart = i + 1
        }
        guard !candidates.isEmpty else { return word }
        let i = r.pick(candidates)
        switch r.below(4) {
        case 0: b.remove(at: i)
        case 1: b.insert(b[i], at: i)
        case 2: b.swapAt(i, i + 1)
        default:
            let vowels: [UInt8] = Array("aeiou".utf8)
            if vowels.contains(b[i]) {
                b[i] = vowels[(vowels.firstIndex(of: b[i])! + 1 + r.below(4)) % 5]
            } else {
                b.insert(r.pick(vowels), at: i)
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// An open-pool word, now and then with a typo.
    static func word(_ table: ZipfTable<String>, _ r: inout SyntheticRandom) -> String {
        let w = r.zipf(table)
        return r.chance(typoRate) ? typo(w, &r) : w
    }

    static func fill(
        _ template: String, _ r: inout SyntheticRandom, treatment: String, topic: String, day: Day
    ) -> String {
        var out = ""
        var bytes = Array(template.utf8)[...]
        while let percent = bytes.firstIndex(of: 37), percent + 1 < bytes.endIndex {
            out += String(decoding: bytes[bytes.startIndex..<percent], as: UTF8.self)
            let code = bytes[percent + 1]
            switch code {
            case 68: out += anyDate(&r, day)  // D
            case 66: out += r.zipf(bodyZipf)  // B
            case 78: out += String(r.int(2...9))  // N
            case 88: out += word(bigDiagnosisZipf, &r)  // X
            case 77: out += r.pick(V.drugs).0  // M
            case 84: out += treatment  // T
            case 75: out += topic  // K
            case 65: out += word(anatomyZipf, &r)  // A
            case 70: out += word(findingZipf, &r)  // F
            case 83: out += word(symptomZipf, &r)  // S
            case 80: out += word(procedureZipf, &r)  // P
            case 85: out += word(deviceZipf, &r)  // U
            case 79: out += word(occupationZipf, &r)  // O
            case 72: out += word(mechanismZipf, &r)  // H
            case 67: out += word(activityZipf, &r)  // C
            case 73: out += word(imagingZipf, &r)  // I
            case 82: out += word(psychZipf, &r)  // R
            case 81:  // Q: another medicine with strength and directions
                out += word(medicineZipf, &r) + " " + strength(&r)
                if r.chance(0.5) { out += " " + r.zipf(sigZipf) }
                if r.chance(0.3) { out += " #\(r.pick([30, 60, 90, 120, 10, 20, 180, 240]))" }
            case 74: out += word(adjectiveZipf, &r)  // J
            case 86: out += word(adverbZipf, &r)  // V
            case 87: out += word(nounZipf, &r)  // W
            case 69: out += word(verbZipf, &r)  // E
            case 76: out += r.zipf(levelZipf)  // L
            case 90: out += icd(&r)  // Z
            case 71: out += r.chance(0.8) ? r.pick(cptCodes) : String(r.int(10000...99999))  // G
            case 89: out += String(r.int(1985...2016))  // Y
            case 97:  // a: a facility
                out += properName(openRank(&r, s: 1.08, n: 5e6)) + " " + r.pick(L.nameKinds)
            case 98: out += properName(openRank(&r, s: 1.08, n: 5e6))  // b: a compounded product
            case 110: out += properName(openRank(&r, s: 1.02, n: 5e6))  // n: a person
            case 117: out += r.pick(L.topicalForms)  // u
            case 109:  // m: a measurement
                let value = r.chance(0.3) ? "\(r.int(1...60)).\(r.below(10))" : String(r.int(1...180))
                out += value + (r.chance(0.5) ? "" : " ") + r.pick(L.measureUnits)
            case 112: out += "\(r.int(1...19) * 5)%"  // p
            case 119: out += word(everydayZipf, &r)  // w
            case 107: out += word(clinicianZipf, &r)  // k
            case 108: out += word(labZipf, &r)  // l
            case 99: out += r.zipf(placeZipf)  // c
            case 115: out += word(systemsZipf, &r)  // s
            case 116: out += word(rareZipf, &r)  // t
            case 114: out += word(reasoningZipf, &r)  // r
            case 111: out += r.zipf(numberWordZipf)  // o
            case 103: out += word(objectZipf, &r)  // g
            case 113:  // q
                let statement = r.zipf(statementZipf)
                out +=
                    out.hasSuffix("that ") || out.hasSuffix(", ")
                    ? statement.prefix(1).lowercased() + statement.dropFirst() : statement
            default: out += "%"
            }
            bytes = bytes[(percent + 2)...]
        }
        out += String(decoding: bytes, as: UTF8.self)
        return out
    }

    /// Letter number `index` of the corpus with `seed`.
    public static func letter(index: Int, seed: UInt64) -> SyntheticLetter {
        var r = SyntheticRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(index))
        let full = r.chance(0.55)
        let decided = Day(daysSinceEpoch: Int32(16071 + r.below(11 * 365)))  // 2014-01-01 ... 2024
        let assigned = Day(daysSinceEpoch: decided.daysSinceEpoch - Int32(r.int(20...40)))
        let ur = Day(daysSinceEpoch: assigned.daysSinceEpoch - Int32(r.int(3...15)))
        let injury = Day(daysSinceEpoch: ur.daysSinceEpoch - Int32(r.int(30...4000)))
        let year = decided.year % 100
        var serial = String(index % 10_000_000)
        while serial.utf8.count < 7 { serial = "0" + serial }
        let caseNumber = "CM\(year < 10 ? "0" : "")\(year)-\(serial)"
        let age = r.int(19...72)
        let sexWord = r.pick(["male", "female", "male", "female", "man", "woman"])

        var lines: [String] = []  // logical lines; "" = paragraph break
        func paragraph(_ text: String) {
            lines.append(contentsOf: wrap(text, width: 95))
        }
        if full {
            lines.append("Case Number:          \(caseNumber)")
            lines.append(
                "Date Assigned:        \(date(assigned))                      Date of Injury:      \(date(injury))"
            )
            lines.append(
                "Decision Date:        \(date(decided))                      UR Denial Date:      \(date(ur))"
            )
            lines.append(
                "Priority:             \(r.chance(0.95) ? "Standard" : "Expedited")                        Application          \(date(ur))"
            )
            lines.append("                                                      Received:")
            lines.append("")
        }
        lines.append("HOW THE IMR FINAL DETERMINATION WAS MADE")
        paragraph(boilerplate)
        lines.append("")
        if !full && r.chance(0.5) {
            let prose = r.pick(V.proseSpecialties)
            let state = r.zipf(stateZipf)
            paragraph(
                "The physician reviewer is Board Certified in \(prose) and is licensed to practice in \(state)."
            )
        } else {
            lines.append("The Expert Reviewer has the following credentials:")
            var states = [r.zipf(stateZipf)]
            if r.chance(0.3) {
                let other = r.zipf(stateZipf)
                if other != states[0] { states.append(other) }
            }
            lines.append("State(s) of Licensure: " + states.joined(separator: ","))
            lines.append("Certification(s)/Specialty: " + r.zipf(specialtyZipf))
        }
        lines.append("")
        lines.append("CLINICAL CASE SUMMARY")
        paragraph(
            "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:"
        )
        lines.append("")
        let injuryPhrase =
            full
            ? "sustained an industrial injury on \(date(injury, slashes: false))"
            : "has a date of injury of \(date(injury))"
        var summary = "The injured worker is a \(age) year old \(sexWord) who \(injuryPhrase). "
        summary +=
            "The injured worker is being treated for \(r.zipf(diagnosisZipf)) and \(r.zipf(diagnosisZipf)). "
        let count = itemCount(&r)
        var treatments: [(String, String, String)] = []  // treatment, guideline key, topic
        for _ in 0..<count {
            if r.chance(0.45) {
                let d = V.drugs[r.zipf(drugZipf)]
                let strength = r.pick(d.1)
                let quantity = r.pick(d.2)
                treatments.append(("\(d.0) \(strength) #\(quantity)", d.3, d.0.lowercased()))
            } else {
                let p = V.procedures[r.zipf(treatmentZipf)]
                let body = r.zipf(bodyZipf)
                var t = p.0.hasSuffix(" the") ? "\(p.0) \(body)" : "\(p.0) for the \(body)"
                if ["physicalmedicine", "acupuncture", "chiropractic", "massage", "aquatic", "psych"]
                    .contains(p.1)
                {
                    t += " " + r.pick(V.frequencies)
                }
                treatments.append((t, p.1, p.0.lowercased()))
            }
        }
        for _ in 0..<r.int(4...22) {
            let form = r.chance(summaryDetailShare) ? r.zipf(summaryDetailZipf) : r.zipf(summaryZipf)
            summary += fill(form, &r, treatment: treatments[0].0, topic: treatments[0].2, day: ur) + " "
        }
        if r.chance(0.3) {
            summary += "A progress report dated \(date(ur)) by  noted ongoing symptoms. "
        }
        summary +=
            "On \(date(ur)), utilization review non-certified the request for \(treatments.map(\.0).joined(separator: ", "))."
        paragraph(summary)
        lines.append("")
        lines.append("IMR ISSUES, DECISIONS AND RATIONALES")
        lines.append(
            "The Final Determination was based on decisions for the disputed items/services set forth below:"
        )
        lines.append("")
        var labelItems: [(String, Decision)] = []
        for (t, key, topic) in treatments {
            let upheld = r.chance(0.88)
            let word = upheld ? "Upheld" : "Overturned"
            var header = t
            if r.chance(0.05) {
                let original = t
                header =
                    "\(original) was the original request. A partial quantity of \(original) was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, \(original) is"
            }
            if r.chance(0.05) { header = header.uppercased() }
            let style = r.below(20)
            if style == 0 {
                lines.append(contentsOf: wrap(header + ":", width: 95))
                lines.append(word)
            } else {
                lines.append(contentsOf: wrap(header + (style == 1 ? ":  " : ": ") + word, width: 95))
            }
            labelItems.append((collapsed(header), upheld ? .upheld : .overturned))
            lines.append("")
            let cites = V.citations[key] ?? V.citations["physicalmedicine"]!
            let cite = r.pick(cites)
            let odgOnly = r.chance(0.22)
            let ca =
                odgOnly || r.chance(0.2)
                ? "The Claims Administrator based their decision on the Non-MTUS Official Disability Guidelines (ODG) \(r.pick(V.odgTopics))."
                : "Decision based on \(cite.0)."
            paragraph("Claims Administrator guideline: " + ca)
            lines.append("")
            var reviewer: String
            if odgOnly {
                reviewer =
                    "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) \(r.pick(V.odgTopics))."
            } else if r.chance(0.04) {
                reviewer = "The Expert Reviewer did not cite any medical evidence for their decision."
            } else if let pages = cite.1 {
                reviewer = "Decision based on \(cite.0) Page(s): \(pages)."
            } else if let section = cite.2 {
                reviewer = "Decision based on \(cite.0), Section(s): \(section)."
            } else {
                reviewer = "Decision based on \(cite.0)."
            }
            if r.chance(0.1) && !odgOnly {
                reviewer +=
                    " Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) \(r.pick(V.odgTopics))."
            }
            paragraph("MAXIMUS guideline: " + reviewer)
            lines.append("")
            var rationale = "Decision rationale: "
            for _ in 0..<r.int(3...13) {
                let form = r.chance(rationaleDetailShare) ? r.zipf(rationaleDetailZipf) : r.zipf(rationaleZipf)
                rationale += fill(form, &r, treatment: t, topic: topic, day: ur) + " "
            }
            rationale +=
                upheld
                ? "Therefore, the request for \(t) is not medically necessary."
                : "Therefore, the request for \(t) is medically necessary."
            var wrapped = wrap(rationale, width: 95)
            if full && wrapped.count > 4 && r.chance(0.3) {
                wrapped.insert(contentsOf: ["", ""], at: 1 + r.below(wrapped.count - 2))  // a page break mid-sentence
            }
            lines.append(contentsOf: wrapped)
            lines.append("")
        }
        // Render with the artifacts of the layout.
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        if r.chance(0.03) { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        let newline: [UInt8] = r.chance(0.05) ? [13, 10] : [10]
        for line in lines {
            if full {
                out.append(contentsOf: line.utf8)
                out.append(contentsOf: newline)
            } else {
                // Seeds: " " on paragraph breaks, a trailing space and an empty line after every line.
                if line.isEmpty {
                    out.append(32)
                } else {
                    out.append(contentsOf: line.utf8)
                    out.append(32)
                }
                out.append(contentsOf: newline)
                out.append(contentsOf: newline)
            }
        }
        let folder = String(index / 1000)
        var name: String
        if full {
            name = caseNumber
        } else {
            var n = String(index)
            while n.utf8.count < 6 { n = "0" + n }
            name = n + "_" + String(r.next() & 0xFFFF_FFFF, radix: 16)
        }
        let path = folder + "/" + name + ".txt"
        let label = SyntheticLabel(
            file: path, caseNumber: full ? caseNumber : nil, layout: full ? .full : .bodyOnly,
            items: labelItems.map { (treatment: $0.0, decision: $0.1) },
            decisionDate: full ? decided : nil)
        return SyntheticLetter(path: path, bytes: out, label: label)
    }

    /// Greedy word wrap at `width` bytes.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.utf8.count + 1 + word.utf8.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

/// White space collapsed to single spaces and trimmed (as the parser reports a treatment).
func collapsed(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
}

#if canImport(Glibc)
    import Glibc
#endif
