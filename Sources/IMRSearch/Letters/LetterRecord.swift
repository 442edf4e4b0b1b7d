// LetterRecord: the structured form of one IMR final determination letter, as the parser produces it
// and as the index stores it. The retrieval unit of the index is one `DisputedItem`; every item carries
// its letter's fields through `LetterRecord`.

/// The layout a letter was recognised as. Raw values are the stable names printed by `imrsearch parse`.
public enum LetterLayout: String, Sendable, CaseIterable {
    /// The letter body only, starting at "HOW THE IMR FINAL DETERMINATION WAS MADE" (the seed letters).
    case bodyOnly = "body-only"
    /// The 2014+ layout (F1) with the header block (case number, dates, priority).
    case full = "full"
    /// The 2013 MAXIMUS layout (F2): "IMR DECISION(S) AND RATIONALE(S)".
    case maximus2013 = "maximus-2013"
    /// The "MEDICAL PROFESSIONAL REVIEW" layout (F3).
    case professionalReview = "professional-review"
    /// Nothing recognisable: the text is still kept for full-text search.
    case unknown = "unknown"
}

/// The outcome of one disputed item.
public enum Decision: Sendable, Equatable, Hashable {
    case upheld
    case overturned
    /// Any other word found in the decision slot, lower-cased (the parser warns about it).
    case other(String)

    public var name: String {
        switch self {
        case .upheld: return "upheld"
        case .overturned: return "overturned"
        case .other(let word): return word
        }
    }

    public init(word: String) {
        let lowered = word.lowercased()
        switch lowered {
        case "upheld": self = .upheld
        case "overturned": self = .overturned
        default: self = .other(lowered)
        }
    }
}

public enum PatientSex: String, Sendable {
    case male
    case female
}

/// A calendar day, stored as the number of days since 1970-01-01 (proleptic Gregorian).
public struct Day: Sendable, Hashable, Comparable {
    public var daysSinceEpoch: Int32
    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }
    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

/// The dates of a letter; each is nil when the letter does not state it.
public struct LetterDates: Sendable, Equatable {
    public var assigned: Day?
    public var injury: Day?
    public var decision: Day?
    public var urDenial: Day?
    public var received: Day?
    public init(
        assigned: Day? = nil, injury: Day? = nil, decision: Day? = nil, urDenial: Day? = nil,
        received: Day? = nil
    ) {
        self.assigned = assigned
        self.injury = injury
        self.decision = decision
        self.urDenial = urDenial
        self.received = received
    }
}

/// One treatment decision of a letter: the unit that search returns.
public struct DisputedItem: Sendable, Equatable {
    /// The item header, whitespace collapsed, without the trailing ": Upheld".
    public var treatment: String
    public var decision: Decision
    /// "Claims Administrator guideline:" text, whitespace collapsed.
    public var claimsAdministratorGuideline: String
    /// "MAXIMUS guideline:" text (the reviewer's citation), whitespace collapsed.
    public var reviewerGuideline: String
    /// Guideline families the reviewer cited: "MTUS", "ACOEM", "ODG", ...
    public var sources: [String]
    /// Page strings after "Page(s):" in the reviewer guideline ("98-99").
    public var pages: [String]
    /// Strings after "Section(s):" in the reviewer guideline.
    public var sections: [String]
    /// The whole decision rationale, whitespace collapsed.
    public var rationale: String
    /// For a partial authorisation, the part of the request that was decided ("The remaining IMR eligible
    /// portion of the original request, X is" -> X); nil when the header is the decided request itself.
    public var decidedPortion: String?
    /// The taxonomy class of `decidedTreatment` (set by `LetterParser`).
    public var treatmentClass = TreatmentClass()

    /// What was decided: the decided portion of a partial authorisation, else the whole header. Search
    /// results and statistics show this; the `treatment` text field indexes it too.
    public var decidedTreatment: String { decidedPortion ?? treatment }

    public init(
        treatment: String, decision: Decision, claimsAdministratorGuideline: String = "",
        reviewerGuideline: String = "", sources: [String] = [], pages: [String] = [],
        sections: [String] = [], rationale: String = ""
    ) {
        self.treatment = treatment
        self.decision = decision
        self.claimsAdministratorGuideline = claimsAdministratorGuideline
        self.reviewerGuideline = reviewerGuideline
        self.sources = sources
        self.pages = pages
        self.sections = sections
        self.rationale = rationale
    }

    /// The decided portion of a partial-authorisation header, in either wording:
    /// "X was the original request. Y was authorized by the Claims Administrator. The remaining IMR eligible
    /// portion of the original request, Z is" -> Z, and "X was the original request. The Claims Administrator
    /// authorized ..., leaving the original request IMR eligible. The original request, Z is" -> Z.
    /// Nil when the header is no partial authorisation (or names nothing after its last "original request").
    public static func decidedPortion(ofHeader header: String) -> String? {
        var text = header
        return text.withUTF8 { bytes -> String? in
            let needle: StaticString = "original request"
            let n = needle.utf8CodeUnitCount
            guard bytes.count > n else { return nil }
            // The last "original request", case-insensitive.
            var at = -1
            var i = bytes.count - n
            search: while i >= 0 {
                defer { i -= 1 }
                for k in 0..<n where LetterLines.lower(bytes[i + k]) != needle.utf8Start[k] { continue search }
                at = i
                break
            }
            guard at >= 0 else { return nil }
            var start = at + n
            guard start < bytes.count, bytes[start] == 44 || bytes[start] == 32 else { return nil }  // ", Z" / " Z"
            while start < bytes.count && (bytes[start] == 44 || bytes[start] == 32) { start += 1 }
            var end = bytes.count
            while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 58) { end -= 1 }
            if end - start >= 3 && bytes[end - 3] == 32 && LetterLines.lower(bytes[end - 2]) == 105
                && LetterLines.lower(bytes[end - 1]) == 115
            {
                end -= 3  // " is"
            }
            while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 44) { end -= 1 }
            guard end > start, start > 0 || end < bytes.count else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// The text of the `guideline` search field: both guideline lines joined by one space
    /// (the same join the peer engines use in the benchmark).
    public var guidelineText: String {
        if claimsAdministratorGuideline.isEmpty { return reviewerGuideline }
        if reviewerGuideline.isEmpty { return claimsAdministratorGuideline }
        return claimsAdministratorGuideline + " " + reviewerGuideline
    }
}

/// One parsed letter.
public struct LetterRecord: Sendable {
    /// The path as given on the command line or found by the corpus walk.
    public var file: String
    public var layout: LetterLayout
    public var caseNumber: String?
    public var dates: LetterDates
    /// "Standard" or "Expedited".
    public var priority: String?
    public var specialties: [String]
    public var licensure: [String]
    public var patientAge: Int?
    public var patientSex: PatientSex?
    public var items: [DisputedItem]
    /// The clinical case summary, whitespace collapsed.
    public var summary: String
    /// Problems found while parsing, each naming what was missing or odd.
    public var warnings: [String]
    /// The normalised letter text (valid UTF-8, LF line endings, no NUL): what `show` prints and
    /// snippets are cut from. Empty for binary junk.
    public var text: String
    /// The day (days since 1970-01-01) the letter first entered the index; set by the build, kept across
    /// updates; nil outside a build.
    public var addedDay: Int32?
    /// The file as it was read (size, time, hash), set by the build for `index --update`.
    public var source = LetterSource.unknown

    public init(
        file: String, layout: LetterLayout = .unknown, caseNumber: String? = nil,
        dates: LetterDates = LetterDates(), priority: String? = nil, specialties: [String] = [],
        licensure: [String] = [], patientAge: Int? = nil, patientSex: PatientSex? = nil,
        items: [DisputedItem] = [], summary: String = "", warnings: [String] = [], text: String = ""
    ) {
        self.file = file
        self.layout = layout
        self.caseNumber = caseNumber
        self.dates = dates
        self.priority = priority
        self.specialties = specialties
        self.licensure = licensure
        self.patientAge = patientAge
        self.patientSex = patientSex
        self.items = items
        self.summary = summary
        self.warnings = warnings
        self.text = text
    }
}
