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
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// "query\n   ^\nmessage\nhint".
    public func rendered() -> String {
        let prefix = Array(query.utf8).prefix(max(0, min(offset, query.utf8.count)))
        let column = String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        var out =
            "imrsearch: query error: \(message)\n  \(query)\n  \(String(repeating: " ", count: column))^"
        if let hint { out += "\n\(hint)" }
        return out
    }
}
