// ShowCommand: `imrsearch show CASE_OR_FILE[#ITEM]` — prints a letter's normalised text, or one decision
// of it (treatment, decision, both guideline lines and the whole rationale).

public enum ShowCommand {
    static let help = """
        usage: imrsearch show CASE_OR_FILE[#ITEM] [--index FILE]

        Prints the stored text of a letter, named by case number (CM16-0213037) or file name, or only
        its ITEM-th decision (numbered from 1, as in search results).

        exit status: 0 shown, 1 no such letter or item, 2 usage error, 3 index missing or corrupt

        """

    public static func run(_ arguments: [String]) -> Int32 {
        let args: ArgumentScanner
        switch ArgumentScanner.command(
            arguments, name: "imrsearch show", flags: [], options: ["--index"], help: help)
        {
        case .run(let scanned): args = scanned
        case .exit(let status): return status
        }
        guard args.positionals.count == 1 else {
            StandardStreams.error("imrsearch show: name one letter, e.g. imrsearch show CM16-0213037#1\n")
            return ExitCode.usage
        }
        var name = args.positionals[0]
        var itemNumber: Int?
        if let hash = name.lastIndex(of: "#") {
            guard let n = Int(name[name.index(after: hash)...]), n >= 1 else {
                StandardStreams.error("imrsearch show: the item after '#' is a number from 1\n")
                return ExitCode.usage
            }
            itemNumber = n
            name = String(name[..<hash])
        }
        let (path, isDefault) = args.indexPath()
        guard let index = SearchCommand.openIndex(path: path, buildIfMissing: isDefault) else {
            return ExitCode.badIndex
        }
        let letters = index.letters(named: name)
        guard let (segment, letter) = letters.first else {
            StandardStreams.error("imrsearch show: no letter with case number or file name '\(name)'\n")
            return ExitCode.noHits
        }
        if letters.count > 1 {
            StandardStreams.error(
                "imrsearch show: \(letters.count) letters are named '\(name)'; showing the first\n")
        }
        guard let record = index.segments[segment].reader.record(ofLetter: letter, classify: true) else {
            StandardStreams.error(
                "imrsearch: \(IndexError.corrupt(path: path, detail: "stored text of letter \(letter) is damaged"))\n"
            )
            return ExitCode.badIndex
        }
        guard let n = itemNumber else {
            StandardStreams.output(record.text.hasSuffix("\n") ? record.text : record.text + "\n")
            return ExitCode.ok
        }
        guard n <= record.items.count else {
            StandardStreams.error(
                "imrsearch show: \(name) has \(counted(record.items.count, "decision")), not \(n)\n")
            return ExitCode.noHits
        }
        let item = record.items[n - 1]
        var out = "\(record.caseNumber ?? record.file)#\(n)\n"
        out += "Treatment: \(item.decidedTreatment)\n"
        if item.decidedPortion != nil { out += "Original request: \(item.treatment)\n" }
        let c = item.treatmentClass
        if let category = c.category {
            out += "Category: \(category)\(c.subcategory.map { " / " + $0 } ?? "")\n"
        }
        if let drug = c.drug { out += "Drug: \(drug)\n" }
        if !c.regions.isEmpty { out += "Region: \(c.regions.joined(separator: ", "))\n" }
        out += "Decision: \(item.decision.name)\n"
        out += "Claims Administrator guideline: \(item.claimsAdministratorGuideline)\n"
        out += "MAXIMUS guideline: \(item.reviewerGuideline)\n"
        out += "Decision rationale: \(item.rationale)\n"
        StandardStreams.output(out)
        return ExitCode.ok
    }
}
