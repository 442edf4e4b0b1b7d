// LetterRecord+JSON: the stable JSON schema of `imrsearch parse` (documented in README "Parsing letters").
// Keys in a fixed order; dates ISO "YYYY-MM-DD" or null.

extension LetterRecord {
    public func writeJSON(into w: inout JSONWriter) {
        w.beginObject()
        w.field("file", file)
        w.field("layout", layout.rawValue)
        w.field("case_number", caseNumber)
        w.key("dates")
        w.beginObject()
        w.field("assigned", dates.assigned?.iso)
        w.field("injury", dates.injury?.iso)
        w.field("decision", dates.decision?.iso)
        w.field("ur_denial", dates.urDenial?.iso)
        w.field("received", dates.received?.iso)
        w.endObject()
        w.field("priority", priority)
        w.key("reviewer")
        w.beginObject()
        w.field("specialties", specialties)
        w.field("licensure", licensure)
        w.endObject()
        w.key("patient")
        w.beginObject()
        w.field("age", patientAge)
        w.field("sex", patientSex?.rawValue)
        w.endObject()
        w.key("items")
        w.beginArray()
        for item in items {
            w.beginObject()
            w.field("treatment", item.treatment)
            w.field("decision", item.decision.name)
            w.field("claims_administrator_guideline", item.claimsAdministratorGuideline)
            w.field("reviewer_guideline", item.reviewerGuideline)
            w.field("sources", item.sources)
            w.field("pages", item.pages)
            w.field("sections", item.sections)
            w.field("rationale", item.rationale)
            w.endObject()
        }
        w.endArray()
        w.field("summary", summary)
        w.field("warnings", warnings)
        w.endObject()
    }
}
