// IndexFormat: the constants of the on-disk index format (version 7) — magic, section ids, field tags,
// block sizes, BM25 parameters and field weights. docs/FORMAT.md describes the layout byte by byte;
// this file and that document change together.

public enum IndexFormat {
    /// "IMRSIDX1" read as a little-endian UInt64.
    public static let magic: UInt64 = 0x3158_4449_5352_4D49
    public static let version: UInt32 = 7
    /// The previous version, which `IndexReader(path:acceptingPreviousVersion:)` still opens so that a
    /// rebuild carries its letters' `added` days: its layout is this one without the word triples (field 16).
    public static let previousVersion: UInt32 = 6

    /// Whether a word triple posted on `docFreq` of the file's `items` keeps its postings: one standing in
    /// more than a quarter of the items keeps only its count, since a phrase never takes it as a filter (a
    /// triple filters only when it holds at most a quarter of the phrase's candidates).
    public static func keepsTriplePostings(docFreq: Int, items: Int) -> Bool { docFreq * 4 <= items }
    public static let headerSize = 64
    public static let sectionEntrySize = 32
    /// Documents per bit-packed postings block.
    public static let blockSize = 128
    /// Letters per build batch: the unit of parallel parsing and inversion, and of stored-text blocks.
    /// Fixed, so that the index bytes never depend on the number of threads.
    public static let defaultBatchLetters = 2048
    /// Target raw size of one compressed stored-text block.
    public static let storeBlockBytes = 60 * 1024
    /// Highest number of pages one cited range ("63-66") expands to in the `page` keyword field.
    public static let maxPageRange = 400

    // BM25 (Robertson/Sparck Jones idf as in Lucene and tantivy).
    public static let k1 = 1.2
    public static let b = 0.75
}

/// A section's id in the section table.
public enum SectionID: UInt32, CaseIterable, Sendable {
    case meta = 1
    case postings = 2
    case positions = 3
    case norms = 4
    case itemColumns = 5
    case letterColumns = 6
    case letterNames = 7
    case storeBlocks = 8
    case storeIndex = 9
    case storeData = 10
    case dictionaryTerms = 11
    case dictionaryBlockIndex = 12
    case dictionaryTermInfos = 13
    case dictionaryFields = 14
    case itemClasses = 15
    case storeDictionary = 16

    public var name: String {
        switch self {
        case .meta: return "meta"
        case .postings: return "postings"
        case .positions: return "positions"
        case .norms: return "norms"
        case .itemColumns: return "item columns"
        case .letterColumns: return "letter columns"
        case .letterNames: return "letter names"
        case .storeBlocks: return "store blocks"
        case .storeIndex: return "store index"
        case .storeData: return "store data"
        case .dictionaryTerms: return "dictionary terms"
        case .dictionaryBlockIndex: return "dictionary block index"
        case .dictionaryTermInfos: return "dictionary term infos"
        case .dictionaryFields: return "dictionary fields"
        case .itemClasses: return "item classes"
        case .storeDictionary: return "store dictionary"
        }
    }
}

/// The indexed fields. The tag is the first byte of every term in the build's term table and selects the
/// field's slice of the term dictionary.
public enum IndexField: UInt8, CaseIterable, Sendable {
    /// The item's text: treatment, rationale and guideline, as one postings list per term with one term
    /// frequency per sub-field (see `TextSubfield`) and positions per sub-field.
    case itemText = 0
    /// The letter's clinical case summary: postings over letter ids, one frequency, positions.
    case summary = 1
    case decision = 2
    case source = 3
    case page = 4
    case section = 5
    case specialty = 6
    case state = 7
    case sex = 8
    case priority = 9
    case caseNumber = 10
    case file = 11
    /// The treatment's DWC category, and "category subcategory" (`TreatmentClassifier`).
    case category = 12
    /// The generic drug name, and each of its components.
    case drug = 13
    /// Every body region the request names.
    case region = 14
    /// Pairs of common words side by side in one column of the item text ("the request", `CommonWords`):
    /// postings over items with a frequency per column of `itemText`, no positions.
    case itemPairs = 15
    /// Triples of common words side by side in one column of the item text ("request is not"): postings
    /// over items, documents only (a filter of a phrase's candidates).
    case itemTriples = 16

    /// Number of term-frequency columns in this field's postings (0: a keyword field, no positions).
    public var frequencyColumns: Int {
        switch self {
        case .itemText, .itemPairs: return 3
        case .summary: return 1
        default: return 0
        }
    }

    /// True when the postings carry positions (the text fields; not the word pairs).
    public var hasPositions: Bool { self == .itemText || self == .summary }

    /// True when postings are over letter ids rather than item ids.
    public var isLetterLevel: Bool { self == .summary }

    /// Size of one TermInfo record of this field.
    public var termInfoSize: Int { frequencyColumns > 0 ? 40 : 16 }

    /// The keyword field named in a query, if any.
    public var queryName: String {
        switch self {
        case .itemText: return "text"
        case .summary: return "summary"
        case .decision: return "decision"
        case .source: return "source"
        case .page: return "page"
        case .section: return "section"
        case .specialty: return "specialty"
        case .state: return "state"
        case .sex: return "sex"
        case .priority: return "priority"
        case .caseNumber: return "case"
        case .file: return "file"
        case .category: return "category"
        case .drug: return "drug"
        case .region: return "region"
        case .itemPairs: return "pairs"
        case .itemTriples: return "triples"
        }
    }
}

/// The three sub-fields of `IndexField.itemText`, in their column order, with their BM25 weights.
public enum TextSubfield: Int, CaseIterable, Sendable {
    case treatment = 0
    case rationale = 1
    case guideline = 2

    /// Field weight in the summed BM25 score: a hit in the treatment (the item header) outranks a passing
    /// mention in a long rationale; guideline lines are mostly boilerplate citations.
    public var weight: Double {
        switch self {
        case .treatment: return 3.0
        case .rationale: return 1.0
        case .guideline: return 0.5
        }
    }
}

/// Weight of the summary field when a query names it (`summary:`).
public let summaryFieldWeight = 1.0
