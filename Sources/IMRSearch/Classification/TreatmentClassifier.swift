// TreatmentClassifier: maps an item's treatment text (the decided portion of its header) to the DWC
// treatment taxonomy (category / subcategory or drug class), the generic drug name and the body regions.
// The rules are data (see the taxonomy file beside this one), compiled into the binary.
// (Interface first; the rule engine follows.)

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
    /// Classifies one treatment text.
    public static func classify(_ treatment: String) -> TreatmentClass {
        TreatmentClass()
    }

    /// The generic name for a drug name as a user may type it (brand or generic, any case):
    /// "Norco" -> "hydrocodone/acetaminophen", "flexeril" -> "cyclobenzaprine"; nil when unknown.
    public static func genericName(for drugName: String) -> String? {
        nil
    }
}
