// `imrsearch stats`: Wilson intervals against published values, totals equal to `--count`, every
// breakdown equal to a brute-force count over the parsed letters, and the command's formats and exit codes.
import Foundation
import Testing

@testable import IMRSearch

@Suite struct OutcomeStatisticsTests {
    /// Newcombe (1998), Table I, method 3 (Wilson score interval without continuity correction).
    @Test func wilsonIntervalsMatchPublishedValues() {
        let cases: [(Int, Int, Double, Double)] = [
            (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
        ]
        for (x, n, low, high) in cases {
            let ci = WilsonInterval.bounds(successes: x, trials: n, z: WilsonInterval.z95)
            #expect(abs((ci?.low ?? -1) - low) < 0.00005, "\(x)/\(n)")
            #expect(abs((ci?.high ?? -1) - high) < 0.00005, "\(x)/\(n)")
        }
        #expect(WilsonInterval.bounds(successes: 0, trials: 0, z: WilsonInterval.z95) == nil)
        #expect(WilsonInterval.bounds(successes: 7, trials: 7, z: WilsonInterval.z95)?.high == 1)
        let oneOfSeven = OutcomeCounts(upheld: 6, overturned: 1).interval95
        #expect(abs((oneOfSeven?.low ?? 0) - 0.0257) < 0.00005 && abs((oneOfSeven?.high ?? 0) - 0.5131) < 0.00005)
    }

    static let queries = [
        "*", "acupuncture", "mri", "decision:overturned", "\"functional improvement\"", "\"physical therapy\"",
        "mri OR acupuncture", "-mri", "source:odg", "year:2016..", "treatment:(chiropractic OR massage)",
    ]

    /// The items of the corpus index in id order, with their letters.
    static let items: [(LetterRecord, DisputedItem)] = TestSupport.corpusRecords.flatMap { letter in
        letter.items.map { (letter, $0) }
    }

    /// The values an item has in `field`, as the index stores them (brute force from the parsed records).
    static func values(_ field: StatsField, _ letter: LetterRecord, _ item: DisputedItem) -> Set<String> {
        let c = item.treatmentClass
        func keywords(_ raw: [String], _ f: IndexField) -> Set<String> {
            Set(raw.map { KeywordValues.normalize($0, for: f) }.filter { !$0.isEmpty })
        }
        switch field {
        case .category: return Set([c.category].compactMap { $0 })
        case .subcategory:
            return Set([c.category.map { x in c.subcategory.map { x + " / " + $0 } ?? x }].compactMap { $0 })
        case .drug: return Set([c.drug].compactMap { $0 })
        case .year:
            let y = NumericColumn.values(of: letter)[NumericColumn.year.rawValue]
            return y >= 1900 && y < 2200 ? [String(y)] : []
        case .priority:
            guard let p = letter.priority?.lowercased() else { return [] }
            return [p == "standard" || p == "expedited" ? p : "other"]
        case .region: return Set(c.regions)  // shown as the classifier names them
        case .specialty: return keywords(letter.specialties, .specialty)
        case .state: return keywords(letter.licensure, .state)
        case .source: return keywords(item.sources, .source)
        case .section: return keywords(item.sections, .section)
        case .page: return Set(item.pages.flatMap { KeywordValues.pages(in: $0) }.map(String.init))
        }
    }

    static func add(_ decision: Decision, to counts: inout OutcomeCounts) {
        counts.add(code: ColumnCodes.decision(decision))
    }

    @Test(arguments: StatsField.allCases)
    func everyBreakdownEqualsABruteForceCount(field: StatsField) throws {
        let reader = try IndexReader(path: TestSupport.corpusIndex)
        #expect(reader.itemCount == Self.items.count)
        let searcher = Searcher(reader: reader)
        for text in Self.queries {
            let query = try QueryParser.parse(text)
            var statistics = OutcomeStatistics(reader: reader)
            let result = try statistics.run(query, by: [field])
            #expect(result.totals.total == (try searcher.count(query)), "\(text)")
            let matched = try searcher.search(query, limit: reader.itemCount).map(\.item)
            var expected: [String?: OutcomeCounts] = [:]
            var totals = OutcomeCounts()
            for id in matched {
                let (letter, item) = Self.items[id]
                Self.add(item.decision, to: &totals)
                let values = Self.values(field, letter, item)
                if values.isEmpty { Self.add(item.decision, to: &expected[nil, default: OutcomeCounts()]) }
                for v in values { Self.add(item.decision, to: &expected[v, default: OutcomeCounts()]) }
            }
            #expect(result.totals == totals, "\(text)")
            var actual: [String?: OutcomeCounts] = [:]
            for row in result.rows { actual[row.value] = row.counts }
            #expect(actual == expected, "\(text) by \(field.rawValue)")
            if field.postingsField == nil {
                let sum = result.rows.reduce(OutcomeCounts()) { $0 + $1.counts }
                #expect(sum == result.totals, "single-valued \(field.rawValue) partitions \(text)")
            }
        }
    }

    @Test func aSecondFieldBreaksDownEachRowOfTheFirst() throws {
        let reader = try IndexReader(path: TestSupport.corpusIndex)
        var statistics = OutcomeStatistics(reader: reader)
        let nested = try statistics.run(.matchAll, by: [.source, .year])
        let years = try statistics.run(.matchAll, by: [.year])
        #expect(!nested.rows.isEmpty)
        for row in nested.rows {
            #expect(row.rows.reduce(OutcomeCounts()) { $0 + $1.counts } == row.counts)
            guard let source = row.value else { continue }
            let inner = try statistics.run(.keyword(field: .source, value: source), by: [.year])
            #expect(inner.rows.map(\.value) == row.rows.map(\.value))
            #expect(inner.rows.map(\.counts) == row.rows.map(\.counts))
        }
        #expect(years.rows.map(\.value) == years.rows.map(\.value).sorted { ($0 ?? "~") < ($1 ?? "~") })
    }

    @Test func csvQuotesValuesAndJSONNestsRows() throws {
        let row = StatsRow(
            value: "a \"b\", c", counts: OutcomeCounts(upheld: 6, overturned: 1),
            rows: [StatsRow(value: "2016", counts: OutcomeCounts(upheld: 6, overturned: 1), rows: [])])
        let result = StatsResult(
            totals: OutcomeCounts(upheld: 6, overturned: 1), fields: [.section, .year], rows: [row])
        let csv = String(decoding: StatsPrinter(format: .csv).render(result, query: "x"), as: UTF8.self)
        #expect(
            csv
                == "section,year,total,upheld,overturned,other,overturn_rate,ci95_low,ci95_high\r\n"
                + "\"a \"\"b\"\", c\",2016,7,6,1,0,0.1429,0.0257,0.5131\r\n")
        let json = StatsPrinter(format: .json).render(result, query: "x")
        let object = try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        let by = (object?["by"] as? [[String: Any]])?.first
        #expect(by?["field"] as? String == "section")
        let first = (by?["rows"] as? [[String: Any]])?.first
        #expect(first?["value"] as? String == "a \"b\", c")
        #expect((first?["ci95"] as? [Double]) == [0.0257, 0.5131])
        let inner = ((first?["by"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])?.first
        #expect(inner?["value"] as? String == "2016" && inner?["total"] as? Int == 7)
    }

    @Test func barsShowTheRateAndTheUpperBound() {
        #expect(StatsPrinter.bar(rate: 0.5, upper: 1, scale: 1, width: 10) == "█████░░░░░")
        #expect(StatsPrinter.bar(rate: 0.0625, upper: 0.2, scale: 1, width: 10) == "▋░")  // 5 of 80 eighths
        #expect(StatsPrinter.bar(rate: 0, upper: 0, scale: 1, width: 10) == "")
        #expect(StatsPrinter.grouped(14958) == "14,958" && StatsPrinter.grouped(7) == "7")
        #expect(StatsPrinter.percent(0.10535) == "10.5%" && StatsPrinter.percent(1) == "100.0%")
    }

    @Test func commandTotalsAgreeWithCountAndErrorsHaveTheirExitCodes() throws {
        let index = TestSupport.corpusIndex
        for (text, exact) in [
            ("acupuncture", false), ("decision:overturned mri", false), ("*", false), ("PT", false), ("PT", true),
            ("flexeril", false),
        ] {
            let flag = exact ? ["--exact"] : []
            let stats = try TestSupport.run(["stats", text, "--index", index, "--json", "--by", "year"] + flag)
            #expect(stats.status == 0, "\(stats.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
            let count = try TestSupport.run([text, "--index", index, "--count"] + flag)
            #expect(object?["total"] as? Int == Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            let upheld = try TestSupport.run([text, "decision:upheld", "--index", index, "--count"] + flag)
            #expect(object?["upheld"] as? Int == Int(upheld.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let pt = try TestSupport.run(["stats", "PT", "--index", index, "--json", "--by", "none"])
        let ptExact = try TestSupport.run(["stats", "PT", "--index", index, "--json", "--by", "none", "--exact"])
        #expect(pt.stdout != ptExact.stdout, "stats expands PT to physical therapy unless --exact")
        let unknown = try TestSupport.run(["stats", "mri", "--by", "colour", "--index", index])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown --by field 'colour'") && unknown.stderr.contains("specialty"))
        let none = try TestSupport.run(["stats", "zzzunmatchedword", "--index", index])
        #expect(none.status == 1)
        #expect(none.stdout.hasPrefix("zzzunmatchedword: 0 decisions"))
        let typo = try TestSupport.run(["stats", "acupunture", "--index", index])
        #expect(typo.status == 1 && typo.stderr.contains("did you mean \"acupuncture\""))
        let table = try TestSupport.run(["stats", "acupuncture", "--by", "year", "--index", index])
        #expect(table.status == 0)
        #expect(table.stdout.contains("year") && table.stdout.contains("95% CI"))
        #expect(!table.stdout.contains("█"), "no bars when stdout is not a terminal")
        let help = try TestSupport.run(["stats", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--by"))
    }
}
