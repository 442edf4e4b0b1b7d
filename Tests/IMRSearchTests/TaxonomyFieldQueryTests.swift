// The taxonomy keyword fields as a user queries them: category (a category, a category/subcategory path,
// a subcategory alone, an unambiguous prefix), drug (generic, brand mapped to generic, a component of a
// combination) and region; counts against a brute force over the parsed letters.
import Testing

@testable import IMRSearch

@Suite struct TaxonomyFieldQueryTests {
    let reader = try! IndexReader(path: TestSupport.corpusIndex)
    let items = TestSupport.corpusRecords.flatMap(\.items)

    func count(_ query: String) throws -> Int {
        try Searcher(reader: reader).count(QueryParser.parse(query))
    }

    func expected(_ predicate: (TreatmentClass) -> Bool) -> Int {
        items.filter { predicate($0.treatmentClass) }.count
    }

    @Test func categoryMatchesACategoryAPathASubcategoryOrAPrefix() throws {
        let pharmaceuticals = expected { $0.category == "Pharmaceuticals" }
        #expect(pharmaceuticals > 0)
        #expect(try count("category:pharmaceuticals") == pharmaceuticals)
        #expect(try count("category:pharm") == pharmaceuticals, "the category, not one of its paths")
        let opioids = expected { $0.category == "Pharmaceuticals" && $0.subcategory == "Opioids" }
        #expect(opioids > 0)
        #expect(try count("category:\"pharmaceuticals/opioids\"") == opioids)
        #expect(try count("category:opioids") == opioids, "a subcategory alone")
        let acupuncture = expected { $0.subcategory == "Acupuncture" }
        #expect(acupuncture > 0)
        #expect(try count("category:acupuncture") == acupuncture)
        #expect(throws: QueryPlanError.self) { try count("category:d") }  // diagnostic testing or dmepos
    }

    @Test func drugTakesGenericsBrandsAndComponents() throws {
        let norco = expected { $0.drug == "hydrocodone/acetaminophen" }
        #expect(norco > 0)
        #expect(try count("drug:norco") == norco)
        #expect(try count("drug:Vicodin") == norco)
        #expect(try count("drug:\"hydrocodone/acetaminophen\"") == norco)
        let hydrocodone = expected { $0.drugComponents.contains("hydrocodone") }
        #expect(try count("drug:hydrocodone") == hydrocodone)
        let cyclobenzaprine = expected { $0.drugComponents.contains("cyclobenzaprine") }
        #expect(cyclobenzaprine > 0)
        #expect(try count("drug:flexeril") == cyclobenzaprine)
    }

    @Test func regionMatchesEveryRegionNamed() throws {
        for region in ["knee", "lumbar spine", "wrist/hand", "shoulder"] {
            let n = expected { $0.regions.contains(region) }
            #expect(n > 0, "\(region)")
            #expect(try count("region:\"\(region)\"") == n, "\(region)")
        }
        #expect(try count("region:wrist") == expected { $0.regions.contains("wrist/hand") })
    }

    @Test func commonAliasesOfFieldsAreNamedInTheError() {
        do {
            _ = try QueryParser.parse("body_part:knee")
            Issue.record("body_part is not a field")
        } catch let error as QuerySyntaxError {
            #expect(error.message.contains("did you mean region:"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
