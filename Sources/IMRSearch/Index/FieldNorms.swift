// FieldNorms: the 1-byte quantised field length stored per item per text field (and per letter for the
// summary). Codes 0...40 are exact lengths; above that each code is about 4.8% longer than the one before,
// so the top code covers lengths beyond any letter. BM25 then needs only a 256-entry table per term.

public enum FieldNorms {
    /// `lengths[code]` is the smallest field length that encodes to `code`.
    public static let lengths: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0...40 { table[i] = UInt32(i) }
        for i in 41..<256 {
            let previous = table[i - 1]
            table[i] = previous + max(1, previous / 21)
        }
        return table
    }()

    /// The code of a field of `length` tokens: the largest code whose length is <= `length`.
    /// - Complexity: O(log 256).
    @inlinable
    public static func code(forLength length: Int) -> UInt8 {
        if length <= 40 { return UInt8(max(length, 0)) }
        let table = lengths
        var low = 40
        var high = 255
        let target = UInt32(clamping: length)
        while low < high {
            let mid = (low + high + 1) / 2
            if table[mid] <= target { low = mid } else { high = mid - 1 }
        }
        return UInt8(low)
    }

    /// The length a code stands for.
    @inlinable
    public static func length(ofCode code: UInt8) -> UInt32 { lengths[Int(code)] }
}
