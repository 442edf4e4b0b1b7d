// CivilDate: conversions between `Day` (days since 1970-01-01) and year/month/day, and the ISO form
// "YYYY-MM-DD". Pure integer arithmetic (H. Hinnant's days_from_civil), no Foundation.

extension Day {
    /// The day for a proleptic Gregorian date, or nil when month or day is out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month),
            (1...9999).contains(year)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.init(daysSinceEpoch: Int32(era * 146097 + doe - 719468))
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day) of this day.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { civil.year }

    /// "YYYY-MM-DD".
    public var iso: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(10)
        appendISO(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends "YYYY-MM-DD" to `bytes` without going through String formatting.
    public func appendISO(to bytes: inout [UInt8]) {
        let (y, m, d) = civil
        bytes.append(UInt8(48 + (y / 1000) % 10))
        bytes.append(UInt8(48 + (y / 100) % 10))
        bytes.append(UInt8(48 + (y / 10) % 10))
        bytes.append(UInt8(48 + y % 10))
        bytes.append(45)
        bytes.append(UInt8(48 + m / 10))
        bytes.append(UInt8(48 + m % 10))
        bytes.append(45)
        bytes.append(UInt8(48 + d / 10))
        bytes.append(UInt8(48 + d % 10))
    }

    /// Parses "YYYY-MM-DD", "YYYY-MM" (first day) or "YYYY" (1 January); nil otherwise.
    public init?(iso: String) {
        var parts = [Int]()
        var current = 0
        var digits = 0
        for byte in iso.utf8 {
            if byte >= 48 && byte <= 57 {
                current = current * 10 + Int(byte - 48)
                digits += 1
                if digits > 4 { return nil }
            } else if byte == 45 && digits > 0 {
                parts.append(current)
                current = 0
                digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        parts.append(current)
        switch parts.count {
        case 1: self.init(year: parts[0], month: 1, day: 1)
        case 2: self.init(year: parts[0], month: parts[1], day: 1)
        case 3: self.init(year: parts[0], month: parts[1], day: parts[2])
        default: return nil
        }
    }
}
