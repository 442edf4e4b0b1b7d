// QuerySyntaxError: a query the parser cannot read, with the byte offset of the problem, rendered as the
// query with a caret under that place and a hint.

public struct QuerySyntaxError: Error, CustomStringConvertible, Equatable {
    public let query: String
    /// Byte offset of the problem in `query`.
    public let offset: Int
    public let message: String
    public let hint: String?

    public init(query: String, offset: Int, message: String, hint: String? = nil) {
        self.query = query
        self.offset = offset
        self.message = QuerySyntaxError.printable(message)
        self.hint = hint
    }

    public var description: String { message }

    /// `text` with each control character (a line break, a tab, C1 controls) as one space: a message
    /// quoting the query, and the query above the caret, stay on one line, and the caret keeps its column.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars { scalars.append(isControl(s) ? " " : s) }
        return String(scalars)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// "imrsearch: query error: message\n  query\n     ^\nhint".
    public func rendered() -> String {
        let prefix = Array(query.utf8).prefix(max(0, min(offset, query.utf8.count)))
        let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        var out =
            "imrsearch: query error: \(message)\n  \(QuerySyntaxError.printable(query))\n  \(String(repeating: " ", count: column))^"
        if let hint { out += "\n\(hint)" }
        return out
    }
}
