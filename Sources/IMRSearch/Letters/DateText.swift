// DateText: reads the dates letters print — "11/09/2016", "08/22/12", "10-13-16", "December 6, 2006",
// "Dec. 6, 2006" — from bytes. A two-digit year is in the 2000s unless that lands after the current year.
#if canImport(Glibc)
    import Glibc
#endif

enum DateText {
    static let currentYear: Int = {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        return Int(parts.tm_year) + 1900
    }()

    static let months: [[UInt8]] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october",
        "november", "december",
    ].map { Array($0.utf8) }

    static func year(fromTwoDigits y: Int) -> Int { 2000 + y > currentYear ? 1900 + y : 2000 + y }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Reads 1...`max` digits at `i`.
    static func number(_ bytes: [UInt8], _ i: inout Int, _ limit: Int, max: Int) -> (
        value: Int, digits: Int
    )? {
        var value = 0
        var digits = 0
        while i < limit && isDigit(bytes[i]) && digits < max {
            value = value * 10 + Int(bytes[i] - 48)
            digits += 1
            i += 1
        }
        if digits == 0 || (i < limit && isDigit(bytes[i])) { return nil }
        return (value, digits)
    }

    /// A date that starts exactly at `start`, and the index after it.
    static func parse(_ bytes: [UInt8], at start: Int, limit: Int) -> (Day, Int)? {
        guard start < limit else { return nil }
        if isDigit(bytes[start]) {
            if start > 0 && isDigit(bytes[start - 1]) { return nil }
            var i = start
            guard let m = number(bytes, &i, limit, max: 2), i < limit else { return nil }
            let separator = bytes[i]
            guard separator == 47 || separator == 45 || separator == 46 else { return nil }
            i += 1
            guard let d = number(bytes, &i, limit, max: 2), i < limit, bytes[i] == separator else {
                return nil
            }
            i += 1
            guard let y = number(bytes, &i, limit, max: 4), y.digits == 2 || y.digits == 4 else {
                return nil
            }
            let year = y.digits == 2 ? year(fromTwoDigits: y.value) : y.value
            guard let day = Day(year: year, month: m.value, day: d.value) else { return nil }
            return (day, i)
        }
        // Month name, optional '.', day, optional ',', year.
        for (index, name) in months.enumerated() {
            var i = start
            var k = 0
            while k < name.count && i < limit && LetterLines.lower(bytes[i]) == name[k] {
                i += 1
                k += 1
            }
            guard k == name.count || (k == 3 && (i >= limit || !isLetter(bytes[i]))) else { continue }
            if start > 0 && isLetter(bytes[start - 1]) { return nil }
            if i < limit && bytes[i] == 46 { i += 1 }
            while i < limit && bytes[i] == 32 { i += 1 }
            guard let d = number(bytes, &i, limit, max: 2) else { return nil }
            if i + 1 < limit && (bytes[i] == 115 || bytes[i] == 110 || bytes[i] == 114 || bytes[i] == 116) {
                i += 2  // 1st, 2nd, 3rd, 6th
            }
            if i < limit && bytes[i] == 44 { i += 1 }
            while i < limit && bytes[i] == 32 { i += 1 }
            guard let y = number(bytes, &i, limit, max: 4), y.digits == 4,
                let day = Day(year: y.value, month: index + 1, day: d.value)
            else { return nil }
            return (day, i)
        }
        return nil
    }

    @inline(__always)
    static func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    /// The first date in `bytes[from..<to]`.
    static func first(in bytes: [UInt8], from: Int, to: Int, startingBefore: Int? = nil) -> (
        Day, Int, Int
    )? {
        var i = from
        let startLimit = min(startingBefore ?? to, to)
        while i < startLimit {
            let b = bytes[i]
            if isDigit(b) || isLetter(b), let (day, end) = parse(bytes, at: i, limit: to) {
                return (day, i, end)
            }
            i += 1
        }
        return nil
    }
}
