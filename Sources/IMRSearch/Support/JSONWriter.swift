// JSONWriter: appends JSON text to a byte buffer. Used for `parse`, `--json` results and summaries.
// Writes compact JSON with stable key order (the caller's order); strings are escaped per RFC 8259.

public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init() { bytes.reserveCapacity(4096) }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = [false]
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(44) }
        needsComma[needsComma.count - 1] = true
    }

    /// Appends a value that is already JSON text (one object or array), as the next value.
    public mutating func rawValue(_ json: [UInt8]) {
        separator()
        bytes.append(contentsOf: json)
    }

    public mutating func beginObject() {
        separator()
        bytes.append(123)
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(125)
    }

    public mutating func beginArray() {
        separator()
        bytes.append(91)
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(93)
    }

    /// Writes `"key":`; the next value call writes the value without a comma.
    public mutating func key(_ name: String) {
        separator()
        JSONWriter.appendQuoted(name, to: &bytes)
        bytes.append(58)
        needsComma[needsComma.count - 1] = false
    }

    public mutating func value(_ text: String) {
        separator()
        JSONWriter.appendQuoted(text, to: &bytes)
    }

    public mutating func value(_ text: String?) {
        if let text { value(text) } else { null() }
    }

    public mutating func value(_ number: Int) {
        separator()
        bytes.append(contentsOf: String(number).utf8)
    }

    public mutating func value(_ number: Int?) {
        if let number { value(number) } else { null() }
    }

    /// A finite double with up to `digits` decimals (non-finite numbers become null).
    public mutating func value(_ number: Double, digits: Int = 4) {
        guard number.isFinite else { return null() }
        separator()
        JSONWriter.appendDecimal(number, digits: digits, to: &bytes)
    }

    public mutating func value(_ flag: Bool) {
        separator()
        bytes.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: [110, 117, 108, 108])
    }

    public mutating func value(_ strings: [String]) {
        beginArray()
        for s in strings { value(s) }
        endArray()
    }

    /// Convenience: `"key": value`.
    public mutating func field(_ name: String, _ text: String?) {
        key(name)
        value(text)
    }
    public mutating func field(_ name: String, _ number: Int?) {
        key(name)
        value(number)
    }
    public mutating func field(_ name: String, _ strings: [String]) {
        key(name)
        value(strings)
    }
    public mutating func field(_ name: String, _ flag: Bool) {
        key(name)
        value(flag)
    }
    public mutating func field(_ name: String, _ number: Double, digits: Int = 4) {
        key(name)
        value(number, digits: digits)
    }

    /// Appends a fixed-point rendering of `number` (no exponent), trailing zeros trimmed.
    public static func appendDecimal(_ number: Double, digits: Int, to bytes: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        var scaled = (abs(number) * scale).rounded()
        if scaled > 9.0e15 { scaled = 9.0e15 }
        let whole = Int64(scaled)
        if number < 0 && whole != 0 { bytes.append(45) }
        let divisor = Int64(scale)
        bytes.append(contentsOf: String(whole / divisor).utf8)
        var fraction = whole % divisor
        if fraction == 0 || digits == 0 { return }
        var fractionDigits = [UInt8](repeating: 48, count: digits)
        var i = digits - 1
        while i >= 0 {
            fractionDigits[i] = UInt8(48 + fraction % 10)
            fraction /= 10
            i -= 1
        }
        while let last = fractionDigits.last, last == 48 { fractionDigits.removeLast() }
        bytes.append(46)
        bytes.append(contentsOf: fractionDigits)
    }

    /// Appends `text` as a quoted JSON string.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(34)
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case 34:
                    bytes.append(92)
                    bytes.append(34)
                case 92:
                    bytes.append(92)
                    bytes.append(92)
                case 10:
                    bytes.append(92)
                    bytes.append(110)
                case 13:
                    bytes.append(92)
                    bytes.append(114)
                case 9:
                    bytes.append(92)
                    bytes.append(116)
                case 0..<32:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(34)
    }
}
