// fuzz-letter-parser: the libFuzzer entry point for LetterParser. Each input is the bytes of a letter
// file; the parser must return (never trap) and its record must hold the normalised text and
// whitespace-collapsed fields; a second parse must give the same record.
import FuzzDriver
import IMRSearch

func fuzzLetter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: size > 0 ? data : nil, count: size))
    let record = LetterParser.parse(bytes: bytes, file: "fuzz.txt")
    func collapsed(_ s: String) -> Bool {
        let u = Array(s.utf8)
        if u.first == 32 || u.last == 32 { return false }
        for k in u.indices where u[k] < 32 || (u[k] == 32 && k > 0 && u[k - 1] == 32) { return false }
        return true
    }
    precondition(!record.text.utf8.contains(0) && !record.text.utf8.contains(13), "NUL or CR in the text")
    precondition(collapsed(record.summary), "summary not collapsed")
    for item in record.items {
        for field in [item.treatment, item.rationale, item.claimsAdministratorGuideline, item.reviewerGuideline] {
            precondition(collapsed(field), "item field not collapsed: \(field.prefix(80))")
        }
    }
    var first = JSONWriter()
    record.writeJSON(into: &first)
    let again = LetterParser.parse(bytes: Array(record.text.utf8), file: "fuzz.txt")
    if !record.text.isEmpty {
        var second = JSONWriter()
        again.writeJSON(into: &second)
        precondition(first.bytes == second.bytes, "parsing the normalised text gives another record")
    }
    return 0
}

runLibFuzzer { data, size in fuzzLetter(data, size) }
