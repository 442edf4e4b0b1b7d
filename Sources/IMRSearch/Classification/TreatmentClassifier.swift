// TreatmentClassifier: maps an item's treatment text (the decided portion of its header) to the DWC
// treatment taxonomy (category / subcategory or drug class), the generic drug name and the body regions.
// The rules are data (see the taxonomy file beside this one), compiled into the binary.
// The matching is in TaxonomyRules.swift.

/// What the classifier found in one treatment text. Every part is nil or empty when unknown.
public struct TreatmentClass: Sendable, Equatable {
    /// DWC category, e.g. "Pharmaceuticals", "Rehabilitation", "Home Health".
    public var category: String?
    /// Subcategory or drug class, e.g. "Opioids", "Acupuncture"; nil for categories without one.
    public var subcategory: String?
    /// Generic drug name, components joined by "/", e.g. "hydrocodone/acetaminophen".
    public var drug: String?
    /// Body regions named by the request, normalised to the fixed list, first named first.
    public var regions: [String]

    public init(
        category: String? = nil, subcategory: String? = nil, drug: String? = nil, regions: [String] = []
    ) {
        self.category = category
        self.subcategory = subcategory
        self.drug = drug
        self.regions = regions
    }

    /// The first region named, the one statistics count an item under.
    public var region: String? { regions.first }

    /// The generic components of `drug` ("hydrocodone/acetaminophen" -> ["hydrocodone", "acetaminophen"]).
    public var drugComponents: [String] {
        guard let drug else { return [] }
        return drug.split(separator: "/").map(String.init)
    }
}

public enum TreatmentClassifier {
    /// The DWC treatment taxonomy (DOMAIN.md §1.3): each category with its subcategories (drug classes for
    /// Pharmaceuticals); an empty list for the categories without subcategories. The rule file may only name
    /// these. The Pharmaceuticals classes after "Cannabinoids" are ours (DOMAIN.md names a dozen of DWC's ~45).
    public static let taxonomy: [(category: String, subcategories: [String])] = [
        ("Diagnostic Testing", ["Imaging/Radiology", "EMG/NCV/NCS", "Lab & Pathology", "Other"]),
        ("DMEPOS", ["DME", "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies"]),
        ("Evaluation & Management", ["Dental", "Medical Specialties"]),
        ("Injection", ["Facet", "Injection"]),
        ("Psych Services", ["E&M", "Therapies"]),
        (
            "Pharmaceuticals",
            [
                "Opioids", "Muscle Relaxant", "NSAID", "Topical Analgesics", "Topical Compounds",
                "Proton Pump Inhibitors", "Anti-epilepsy drugs", "Antidepressant", "Benzodiazepine",
                "Sedative-hypnotics", "Viscosupplementation", "Cannabinoids",
                // ours:
                "H2 Blockers", "Anti-emetics", "Laxatives", "Corticosteroids", "Migraine Agents", "Analgesics",
                "Antipsychotics", "Anxiolytics", "Opioid Antagonists", "Stimulants", "Hormones",
                "Erectile Dysfunction Agents", "Antihypertensives", "Antidiabetics", "Medical Food",
                "Vitamins & Supplements",
            ]
        ),
        ("Rehabilitation", ["Acupuncture", "Chiropractic", "PT/OT", "Other Therapies"]),
        ("Surgery", ["Adjunct", "Arthroscopic", "Non-arthroscopic", "Spine", "Surgical Consult"]),
        ("Home Health", []),
        ("Programs", []),
        ("Therapies", []),
        ("Transportation", []),
    ]

    /// The body regions the classifier names, head to foot.
    public static let regionNames = [
        "head", "cervical spine", "thoracic spine", "lumbar spine", "pelvis", "shoulder", "elbow", "wrist/hand",
        "upper extremity", "hip", "knee", "lower extremity", "ankle/foot", "chest", "abdomen",
    ]

    /// Classifies one treatment text: the rules of taxonomy.txt (README "Treatment categories, drugs and body
    /// regions"). Work is linear in the text; nothing is allocated but the result.
    public static func classify(_ treatment: String) -> TreatmentClass {
        var text = treatment
        return text.withUTF8 { classify(utf8: $0) }
    }

    /// `classify(_:)` over UTF-8 bytes.
    public static func classify(utf8 text: UnsafeBufferPointer<UInt8>) -> TreatmentClass {
        guard !text.isEmpty else { return TreatmentClass() }
        let rules = TaxonomyRules.shared
        let m = rules.match(text)
        var result = TreatmentClass()
        if m.regionCount > 0 {
            result.regions.reserveCapacity(m.regionCount)
            for i in 0..<m.regionCount {
                result.regions.append(rules.regionNames[Int((m.regionOrder >> (4 * UInt64(i))) & 15)])
            }
        }
        guard m.bestRule != .max else { return result }
        let winner = Int(m.bestRule)
        result.category = rules.rules[winner].category
        result.subcategory = rules.rules[winner].subcategory
        guard rules.rules[winner].category == "Pharmaceuticals", let first = m.drugRules.first else {
            return result
        }
        var generics: [String] = []
        if m.drugRules.count == 1 {
            result.drug = rules.rules[Int(first)].generic
        } else {
            for r in m.drugRules {
                let g = rules.rules[Int(r)].generic!
                if !generics.contains(g) { generics.append(g) }
            }
            if generics.count == 1 {
                result.drug = generics[0]
            } else {
                var components: [Substring] = []
                for g in generics {
                    for c in g.split(separator: "/") where !components.contains(c) { components.append(c) }
                }
                result.drug = components.joined(separator: "/")
            }
        }
        let distinct = max(generics.count, 1)
        let firstDrug = rules.rules[Int(first)]
        guard rules.rules[winner].generic != nil else { return result }  // a drug-class phrase decided
        let topical = m.topical || text.contains(37)  // "%"
        if distinct > 1 && topical {
            result.subcategory = "Topical Compounds"
        } else {
            result.subcategory = firstDrug.subcategory
            if distinct == 1 && topical && firstDrug.subcategory == "NSAID" {
                result.subcategory = "Topical Analgesics"
            }
        }
        return result
    }

    /// The generic name for a drug name as a user may type it (brand or generic, any case):
    /// "Norco" -> "hydrocodone/acetaminophen", "flexeril" -> "cyclobenzaprine"; nil when unknown.
    public static func genericName(for drugName: String) -> String? {
        var text = drugName
        return text.withUTF8 { TaxonomyRules.shared.wholeDrugName($0)?.generic }
    }

    /// The pharmaceutical class (subcategory) of a drug name, brand or generic: "Norco" -> "Opioids".
    public static func drugClass(for drugName: String) -> String? {
        var text = drugName
        return text.withUTF8 { TaxonomyRules.shared.wholeDrugName($0)?.subcategory }
    }
}
