// QueryArguments: a command's query as search and stats read it: parsed (a syntax error printed with its
// caret), then expanded with the domain synonyms unless --exact (notes on stderr, and the expansion with
// --explain).

enum QueryArguments {
    /// The query to run, or nil once the reason it cannot run is printed (exit status 2).
    static func parse(_ text: String, exact: Bool, explain: Bool) -> QueryNode? {
        var query: QueryNode
        do {
            query = try QueryParser.parse(text)
        } catch let error as QuerySyntaxError {
            StandardStreams.error(error.rendered() + "\n")
            return nil
        } catch {
            StandardStreams.error("imrsearch: \(error)\n")
            return nil
        }
        if !exact {
            let expansion = SynonymExpander.expand(query)
            query = expansion.query
            for note in expansion.notes { StandardStreams.error("imrsearch: note: \(note)\n") }
            if explain, let line = expansion.explainLine { StandardStreams.error("imrsearch: \(line)\n") }
        }
        return query
    }
}
