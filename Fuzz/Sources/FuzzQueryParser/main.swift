// fuzz-query-parser: the libFuzzer entry point for QueryParser. Each input is a query (bytes decoded as
// UTF-8, invalid sequences replaced); it must parse or throw a QuerySyntaxError with its offset on a
// character of the query and a one-line message; a query that parses is expanded with the synonyms,
// planned and run on a small index of generated letters built at start-up.
import Foundation
import FuzzDriver
import IMRSearch

let searcher: Searcher = {
    let dir = NSTemporaryDirectory() + "/imrsearch-fuzz-\(getpid())"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let letter = """
        HOW THE IMR FINAL DETERMINATION WAS MADE
        The Expert Reviewer is Board Certified in Internal Medicine and is licensed to practice in California.
        CLINICAL CASE SUMMARY
        The patient is a 41-year-old male who sustained an industrial injury on 3/28/11.
        IMR ISSUES, DECISIONS AND RATIONALES
        Acupuncture 6 sessions for the lumbar spine: Overturned
        Claims Administrator guideline: Decision based on MTUS Acupuncture Medical Treatment Guidelines.
        MAXIMUS guideline: Decision based on MTUS Chronic Pain, Page(s): 8-9, Section(s): Functional improvement
        Decision rationale: Functional improvement after physical therapy; norco and hydrocodone were reduced.
        Norco 10/325mg #90: Upheld
        Claims Administrator guideline: ODG Pain, Opioids.
        MAXIMUS guideline: Decision based on MTUS Chronic Pain, Page(s): 78-80
        Decision rationale: No red flags; the MRI of the knee showed no functional improvement.

        """
    for (k, name) in ["a.txt", "b.txt"].enumerated() {
        try! (letter + String(repeating: "Tramadol ESI PT lumbar mri x ray.\n", count: k)).write(
            toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    let path = dir + "/fuzz.idx"
    _ = try! IndexBuilder.build(IndexBuildOptions(paths: [dir], indexPath: path, jobs: 1))
    let reader = try! IndexReader(path: path)
    try? FileManager.default.removeItem(atPath: dir)  // the reader keeps its mapping
    return Searcher(reader: reader)
}()

func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let query = String(decoding: UnsafeBufferPointer(start: size > 0 ? data : nil, count: size), as: UTF8.self)
    let utf8 = Array(query.utf8)
    do {
        let node = try QueryParser.parse(query)
        for q in [node, SynonymExpander.expand(node).query] {
            do {
                let hits = try searcher.search(q, limit: 5)
                let count = try searcher.count(q)
                precondition(hits.count <= min(5, count), "\(hits.count) hits of \(count)")
            } catch is QueryPlanError {}
        }
    } catch let error as QuerySyntaxError {
        precondition(error.offset >= 0 && error.offset <= utf8.count, "offset outside the query")
        precondition(error.offset == utf8.count || utf8[error.offset] & 0xC0 != 0x80, "offset inside a character")
        precondition(!error.message.isEmpty && !error.message.contains("\n"), "empty or multi-line message")
        let lines = error.rendered().split(separator: "\n", omittingEmptySubsequences: false)
        precondition(lines.count == (error.hint == nil ? 3 : 4) && lines[2].hasSuffix("^"), "no caret line")
    } catch {
        preconditionFailure("not a QuerySyntaxError: \(error)")
    }
    return 0
}

runLibFuzzer { data, size in fuzzQuery(data, size) }
