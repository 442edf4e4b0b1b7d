// LetterColumns: the fixed-width per-letter and per-item values (dates, age, sex, priority, decision)
// and their codes, shared by the build (which writes them) and the reader (which filters on them).

public enum ColumnCodes {
    /// The value stored for "not stated" in an Int32 column.
    public static let missing = Int32.min

    public static func decision(_ decision: Decision) -> UInt8 {
        switch decision {
        case .upheld: return 0
        case .overturned: return 1
        case .other: return 2
        }
    }

    public static func decisionName(_ code: UInt8) -> String {
        switch code {
        case 0: return "upheld"
        case 1: return "overturned"
        default: return "other"
        }
    }

    public static func sex(_ sex: PatientSex?) -> UInt8 {
        switch sex {
        case .male: return 1
        case .female: return 2
        case nil: return 0
        }
    }

    public static func priority(_ priority: String?) -> UInt8 {
        guard let priority else { return 0 }
        switch priority.lowercased() {
        case "standard": return 1
        case "expedited": return 2
        default: return 3
        }
    }

    public static func layout(_ layout: LetterLayout) -> UInt8 {
        UInt8(LetterLayout.allCases.firstIndex(of: layout) ?? 0)
    }
}

/// The numeric letter columns, in their stored order. Dates are days since 1970-01-01.
public enum NumericColumn: Int, CaseIterable, Sendable {
    case age = 0
    case injured = 1
    case decided = 2
    case assigned = 3
    case ur = 4
    case year = 5
    /// The day the letter first entered the index (`LetterRecord.addedDay`).
    case added = 6

    /// This column's value for a letter, or `ColumnCodes.missing`.
    public static func values(of letter: LetterRecord) -> [Int32] {
        let d = letter.dates
        let year = (d.decision ?? d.urDenial ?? d.injury).map { Int32($0.year) }
        return [
            letter.patientAge.map { Int32(clamping: $0) } ?? ColumnCodes.missing,
            d.injury?.daysSinceEpoch ?? ColumnCodes.missing,
            d.decision?.daysSinceEpoch ?? ColumnCodes.missing,
            d.assigned?.daysSinceEpoch ?? ColumnCodes.missing,
            d.urDenial?.daysSinceEpoch ?? ColumnCodes.missing,
            year ?? ColumnCodes.missing,
            letter.addedDay ?? ColumnCodes.missing,
        ]
    }
}
