// StatsPrinter: renders a StatsResult for people (a table with a bar of the overturn rate and its 95%
// interval, drawn with Unicode blocks on a terminal), as one JSON object (schema in README "Outcome
// statistics"), or as CSV (RFC 4180, one row per value or pair of values).

public struct StatsPrinter {
    public enum Format {
        /// `barWidth` 0 draws no bars (not a terminal).
        case table(barWidth: Int, color: Bool)
        case json
        case csv
    }

    public let format: Format

    public init(format: Format) { self.format = format }

    public func render(_ result: StatsResult, query: String) -> [UInt8] {
        switch format {
        case .table(let width, let color): return table(result, query: query, barWidth: width, color: color)
        case .json: return json(result, query: query)
        case .csv: return csv(result)
        }
    }

    // MARK: JSON

    func json(_ result: StatsResult, query: String) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("query", query)
        StatsPrinter.counts(result.totals, into: &w)
        if !result.fields.isEmpty { StatsPrinter.breakdown(result.rows, fields: result.fields[...], into: &w) }
        w.endObject()
        return w.bytes + [10]
    }

    static func counts(_ c: OutcomeCounts, into w: inout JSONWriter) {
        w.field("total", c.total)
        w.field("upheld", c.upheld)
        w.field("overturned", c.overturned)
        w.field("other", c.other)
        w.key("overturn_rate")
        if let rate = c.overturnRate { w.value(rate, digits: 4) } else { w.null() }
        w.key("ci95")
        if let ci = c.interval95 {
            w.beginArray()
            w.value(ci.low, digits: 4)
            w.value(ci.high, digits: 4)
            w.endArray()
        } else {
            w.null()
        }
    }

    static func breakdown(_ rows: [StatsRow], fields: ArraySlice<StatsField>, into w: inout JSONWriter) {
        guard let field = fields.first else { return }
        w.key("by")
        w.beginArray()
        w.beginObject()
        w.field("field", field.rawValue)
        w.key("rows")
        w.beginArray()
        for row in rows {
            w.beginObject()
            w.field("value", row.value)
            counts(row.counts, into: &w)
            if fields.count > 1 { breakdown(row.rows, fields: fields.dropFirst(), into: &w) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
    }

    // MARK: CSV

    func csv(_ result: StatsResult) -> [UInt8] {
        var lines = [(result.fields.map(\.rawValue) + StatsPrinter.csvCountColumns).joined(separator: ",")]
        func emit(_ rows: [StatsRow], prefix: [String], depth: Int) {
            for row in rows {
                let values = prefix + [row.value ?? ""]
                if depth + 1 < result.fields.count {
                    emit(row.rows, prefix: values, depth: depth + 1)
                } else {
                    lines.append(
                        (values.map(ResultPrinter.csvField) + StatsPrinter.csvCounts(row.counts)).joined(
                            separator: ","))
                }
            }
        }
        if result.fields.isEmpty {
            lines.append(StatsPrinter.csvCounts(result.totals).joined(separator: ","))
        } else {
            emit(result.rows, prefix: [], depth: 0)
        }
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static let csvCountColumns = [
        "total", "upheld", "overturned", "other", "overturn_rate", "ci95_low", "ci95_high",
    ]

    static func csvCounts(_ c: OutcomeCounts) -> [String] {
        let ci = c.interval95
        return [
            String(c.total), String(c.upheld), String(c.overturned), String(c.other),
            c.overturnRate.map { IMRSearch.format($0, 4) } ?? "", ci.map { IMRSearch.format($0.low, 4) } ?? "",
            ci.map { IMRSearch.format($0.high, 4) } ?? "",
        ]
    }

    // MARK: table

    func table(_ result: StatsResult, query: String, barWidth: Int, color: Bool) -> [UInt8] {
        let t = result.totals
        var out = "\(query): \(StatsPrinter.grouped(t.total)) decision\(t.total == 1 ? "" : "s")"
        if t.total > 0 {
            out +=
                ", \(StatsPrinter.grouped(t.overturned)) overturned (\(StatsPrinter.rateText(t))),"
                + " \(StatsPrinter.grouped(t.upheld)) upheld"
            if t.other > 0 { out += ", \(StatsPrinter.grouped(t.other)) other" }
        }
        out += "\n"
        guard !result.fields.isEmpty, !result.rows.isEmpty else { return Array(out.utf8) }
        // One flat list of lines: (indent, value, counts).
        var flat: [(Int, String, OutcomeCounts)] = []
        func collect(_ rows: [StatsRow], depth: Int) {
            for row in rows {
                flat.append((depth, row.value ?? "(none)", row.counts))
                collect(row.rows, depth: depth + 1)
            }
        }
        collect(result.rows, depth: 0)
        let heading = result.fields.map(\.rawValue).joined(separator: " / ")
        let labelWidth = min(
            40, max(heading.count, flat.map { $0.0 * 2 + StatsPrinter.width($0.1) }.max() ?? 0))
        let scale = max(flat.map { $0.2.interval95?.high ?? 0 }.max() ?? 0, 0.0001)
        var header =
            StatsPrinter.pad(heading, labelWidth) + StatsPrinter.left("total", 9) + StatsPrinter.left("upheld", 9)
            + StatsPrinter.left("overturned", 12) + StatsPrinter.left("rate", 8) + "   95% CI      "
        if barWidth > 0 {
            header +=
                " 0 \u{2500}\u{2500} \(StatsPrinter.percent(scale))  (\u{2588} rate, \u{2591} to the 95% upper bound)"
        }
        out += "\n" + (color ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        for (depth, value, c) in flat {
            let indent = String(repeating: " ", count: depth * 2)
            var label = indent + value
            if StatsPrinter.width(label) > labelWidth { label = StatsPrinter.truncated(label, labelWidth) }
            var line =
                StatsPrinter.pad(label, labelWidth) + StatsPrinter.left(StatsPrinter.grouped(c.total), 9)
                + StatsPrinter.left(StatsPrinter.grouped(c.upheld), 9)
                + StatsPrinter.left(StatsPrinter.grouped(c.overturned), 12)
                + StatsPrinter.left(c.overturnRate.map { StatsPrinter.percent($0) } ?? "-", 8) + "   "
                + StatsPrinter.pad(
                    c.interval95.map { StatsPrinter.percent($0.low) + "\u{2013}" + StatsPrinter.percent($0.high) }
                        ?? "",
                    13)
            if barWidth > 0, let rate = c.overturnRate, let ci = c.interval95 {
                line += "  " + StatsPrinter.bar(rate: rate, upper: ci.high, scale: scale, width: barWidth)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return Array(out.utf8)
    }

    /// A bar of `width` cells at full `scale`: solid blocks (eighths) up to the rate, light shade up to the
    /// interval's upper bound.
    static func bar(rate: Double, upper: Double, scale: Double, width: Int) -> String {
        let eighths = Int((rate / scale * Double(width * 8)).rounded())
        let full = min(width, eighths / 8)
        var s = String(repeating: "\u{2588}", count: full)
        var cells = full
        let partial = eighths % 8
        if partial > 0 && cells < width {
            let blocks = ["", "\u{258F}", "\u{258E}", "\u{258D}", "\u{258C}", "\u{258B}", "\u{258A}", "\u{2589}"]
            s += blocks[partial]
            cells += 1
        }
        let upperCells = min(width, Int((upper / scale * Double(width)).rounded()))
        if upperCells > cells { s += String(repeating: "\u{2591}", count: upperCells - cells) }
        return s
    }

    static func rateText(_ c: OutcomeCounts) -> String {
        guard let rate = c.overturnRate, let ci = c.interval95 else { return "-" }
        return "\(percent(rate)), 95% CI \(percent(ci.low))\u{2013}\(percent(ci.high))"
    }

    /// "12.3%" (one decimal, rounded half up).
    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// 14958 -> "14,958".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n.magnitude).utf8)
        var out: [UInt8] = n < 0 ? [45] : []
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(44) }
            out.append(d)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Display width: one cell per Unicode scalar that is not a UTF-8 continuation byte.
    static func width(_ s: String) -> Int { s.utf8.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }

    static func pad(_ s: String, _ n: Int) -> String {
        let w = width(s)
        return w >= n ? s : s + String(repeating: " ", count: n - w)
    }

    static func left(_ s: String, _ n: Int) -> String {
        let w = width(s)
        return w >= n ? " " + s : String(repeating: " ", count: n - w) + s
    }

    static func truncated(_ s: String, _ n: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.unicodeScalars.prefix(max(0, n - 1)) { scalars.append(scalar) }
        return String(scalars) + "\u{2026}"
    }
}
