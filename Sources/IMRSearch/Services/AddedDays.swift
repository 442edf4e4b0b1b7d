// AddedDays: the day each letter first entered the index (the `added:` field). A build gives a letter
// the day it already has in the index it replaces (kept across updates and full rebuilds; a changed
// letter keeps its first day), and today to a letter it has never seen. "Today" is the local calendar
// day, or IMRSEARCH_TODAY (YYYY-MM-DD) when set (for tests and for re-running a missed night).
#if canImport(Glibc)
    import Glibc
#endif

public struct AddedDays: Sendable {
    public let today: Int32
    /// The letters of the index being replaced: their first day and their file as indexed then.
    let known: [String: (day: Int32, source: LetterSource)]

    public init(today: Int32, known: [String: (day: Int32, source: LetterSource)] = [:]) {
        self.today = today
        self.known = known
    }

    /// The day for the letter at `file`.
    func day(of file: String) -> Int32 { known[file]?.day ?? today }

    /// How the letter at `file`, read now as `source`, compares with the index being replaced.
    func change(of file: String, _ source: LetterSource) -> LetterChange {
        guard let prior = known[file]?.source else { return .added }
        return LetterChange.compare(prior, source) ? .unchanged : .changed
    }

    /// The days of the letters live in the index at `indexPath` (none when there is no readable index). An
    /// index of the previous format version counts too: the first build after an upgrade keeps the days.
    public static func carried(from indexPath: String, today: Int32) -> AddedDays {
        guard let snapshot = try? IndexSnapshot.open(path: indexPath, acceptingPreviousVersion: true) else {
            return AddedDays(today: today)
        }
        var known: [String: (day: Int32, source: LetterSource)] = [:]
        for segment in snapshot.segments {
            let reader = segment.reader
            for letter in 0..<reader.letterCount where !segment.isDeleted(letter: letter) {
                let day = reader.addedDay(ofLetter: letter)
                known[reader.file(ofLetter: letter)] = (
                    day == ColumnCodes.missing ? today : day, reader.source(ofLetter: letter)
                )
            }
        }
        return AddedDays(today: today, known: known)
    }

    /// Today's local date as days since 1970-01-01, or IMRSEARCH_TODAY's; nil when IMRSEARCH_TODAY is set
    /// but not a date.
    public static func currentDay() -> Int32? {
        if let value = getenv("IMRSEARCH_TODAY") {
            let text = String(cString: value)
            let parts = text.split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                let day = Day(year: y, month: m, day: d)
            else { return nil }
            return day.daysSinceEpoch
        }
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        return Day(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))?
            .daysSinceEpoch ?? Int32(now / 86400)
    }
}

/// What became of a letter since the index was last built.
enum LetterChange {
    case added, changed, unchanged

    /// Whether a file read as `now` is the one indexed as `then`: same size and time, or, when only the
    /// time moved, the same content hash (when both are known).
    static func compare(_ then: LetterSource, _ now: LetterSource) -> Bool {
        guard then.size == now.size else { return false }
        if then.modified == now.modified { return true }
        return then.hash != 0 && then.hash == now.hash
    }
}
