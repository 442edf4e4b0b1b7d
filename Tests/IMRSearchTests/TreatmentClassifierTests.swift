// The treatment classifier and its rule file (Classification/taxonomy.txt): the embedded file is well
// formed, every item of the seed letters and 60 hand-labelled real treatments get the expected category,
// subcategory, drug and regions, brand names map to generics, partial authorisations yield their decided
// portion, and the bundled real letters leave under 3% of their items unclassified.
import Testing

@testable import IMRSearch

@Suite struct TreatmentClassifierTests {
    /// (treatment, category, subcategory, drug, regions); "" = nil.
    typealias Label = (String, String, String, String, [String])

    static func check(_ labels: [Label], sourceLocation: SourceLocation = #_sourceLocation) {
        for (text, category, subcategory, drug, regions) in labels {
            let c = TreatmentClassifier.classify(text)
            let got = [c.category ?? "", c.subcategory ?? "", c.drug ?? ""]
            #expect(got == [category, subcategory, drug], "\(text)", sourceLocation: sourceLocation)
            #expect(c.regions == regions, "\(text)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - The rule file

    @Test func embeddedRuleFileIsWellFormed() {
        let rules = TaxonomyRules.shared
        #expect(rules.problems.map(\.description) == [])
        #expect(rules.rules.count > 100)
        #expect(rules.phrases.count > 600)
        for rule in rules.rules {
            let entry = TreatmentClassifier.taxonomy.first { $0.category == rule.category }
            #expect(entry != nil, "line \(rule.line): \(rule.category)")
            if let entry {
                if let sub = rule.subcategory {
                    #expect(entry.subcategories.contains(sub), "line \(rule.line): \(sub)")
                } else {
                    #expect(entry.subcategories.isEmpty, "line \(rule.line): \(rule.category) needs a subcategory")
                }
            }
            if rule.generic != nil { #expect(rule.category == "Pharmaceuticals", "line \(rule.line)") }
        }
        #expect(rules.regionNames == TreatmentClassifier.regionNames)
    }

    @Test func badRuleFilesAreReportedLineByLine() {
        let text = """
            # a comment
            stray phrase
            [Rehabilitation / Massage]
            rubbing
            [Rehabilitation]
            [Rehabilitation / PT/OT]
            physical therapy, , acupunct**, pt
            pt
            drug Norco: norco
            [Pharmaceuticals / Opioids]
            drug hydrocodone/acetaminophen: norco
            drug tramadol: ultram
              , , synapryn
            [Surgery/Spine]
            [Nonsense / Things]
            [regions]
            knee: knee
            elbow
            kneecap: patella
            """
        let rules = TaxonomyRules(text: text)
        let lines = rules.problems.map(\.line)
        #expect(lines.contains(2))  // outside a section
        #expect(lines.contains(3))  // unknown subcategory
        #expect(lines.contains(5))  // a category that needs a subcategory
        #expect(rules.problems.filter { $0.line == 7 }.count == 2)  // empty phrase, "*" twice
        #expect(lines.contains(8))  // duplicate phrase
        #expect(lines.contains(9))  // drug outside Pharmaceuticals
        #expect(lines.contains(12))  // continuation line with an empty phrase
        #expect(lines.contains(14))  // "/" without spaces
        #expect(lines.contains(15))  // unknown category
        #expect(lines.contains(18))  // region line without ':'
        #expect(lines.contains(19))  // unknown region
        #expect(lines.contains(0))  // regions missing
        // What is well formed still works.
        var probe = "NORCO"
        #expect(probe.withUTF8 { rules.wholeDrugName($0)?.generic } == "hydrocodone/acetaminophen")
        probe = "Synapryn 10mg"
        let m = probe.withUTF8 { rules.match($0) }
        #expect(m.bestRule != .max)
        #expect(rules.rules[Int(m.bestRule)].generic == "tramadol")
        #expect(TaxonomyRules(text: "[Home Health]\nhome health*\n").problems.map(\.line) == [0])
    }

    // MARK: - Seed letters: every item

    @Test func everySeedItemIsClassified() throws {
        let expected: [String: [Label]] = [
            "000_19f997a29c059765.txt": [
                ("Back classes x 3 months", "Programs", "", "", ["lumbar spine"]),
                ("6 additional acupuncture sessions", "Rehabilitation", "Acupuncture", "", []),
            ],
            "001_e066e2eff228d9d9.txt": [
                ("Acupuncture 2xwk x 4 wks lumbar spine", "Rehabilitation", "Acupuncture", "", ["lumbar spine"]),
                ("Physical therapy 2x wk x 4 wks lumbar spine", "Rehabilitation", "PT/OT", "", ["lumbar spine"]),
            ],
            "002_e0959afc0ddf1e05.txt": [
                (
                    "Acupuncture sessions 1x6 for cervical and thoracic", "Rehabilitation", "Acupuncture", "",
                    ["cervical spine", "thoracic spine"]
                ),
                (
                    "Chiropractic sessions 1x6 for cervical and thoracic", "Rehabilitation", "Chiropractic", "",
                    ["cervical spine", "thoracic spine"]
                ),
            ],
            "003_fba3894c148913cd.txt": [
                (
                    "6 sessions of Acupuncture to evaluation and treat low back pain", "Rehabilitation",
                    "Acupuncture", "", ["lumbar spine"]
                ),
                ("Cyclobenzaprine 10mg #30", "Pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", []),
            ],
            "004_2921f774792fb9c3.txt": [
                ("CHIROPRACTIC X 8", "Rehabilitation", "Chiropractic", "", []),
                ("PHYSICAL THERAPY X8", "Rehabilitation", "PT/OT", "", []),
                ("MASSAGE X 2", "Rehabilitation", "Other Therapies", "", []),
            ],
        ]
        for (file, labels) in expected {
            let record = LetterParser.parse(
                bytes: try FileIO.readAll(TestSupport.corpus + "/seeds/" + file), file: file)
            #expect(record.items.map(\.treatment) == labels.map(\.0), "\(file)")
            for (item, label) in zip(record.items, labels) {
                let c = item.treatmentClass
                #expect(item.decidedPortion == nil)
                #expect(
                    [c.category ?? "", c.subcategory ?? "", c.drug ?? ""] == [label.1, label.2, label.3],
                    "\(file): \(item.treatment)")
                #expect(c.regions == label.4, "\(file): \(item.treatment)")
            }
        }
        #expect(expected.values.map(\.count).reduce(0, +) == 11)
    }

    // MARK: - Real treatments, labelled by hand (corpus/expected/gold-real.jsonl and the brief)

    @Test func namedExamplesOfTheBrief() {
        Self.check([
            (
                "Compound cream: Flurbiprofen 20%, Baclofen 5%", "Pharmaceuticals", "Topical Compounds",
                "flurbiprofen/baclofen", []
            ),
            ("Functional restoration program x 10 days", "Programs", "", "", []),
            ("Home health aide 4 hours a day", "Home Health", "", "", []),
            ("Right L4-5 transforaminal ESI", "Injection", "Injection", "", ["lumbar spine"]),
            ("Urine drug screen", "Diagnostic Testing", "Lab & Pathology", "", []),
            ("TENS unit purchase", "DMEPOS", "Electrical Stimulation", "", []),
            ("Psychotherapy x 6 sessions", "Psych Services", "Therapies", "", []),
            ("Norco 10/325 #60", "Pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", []),
            ("Flexeril 10mg #30", "Pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", []),
            ("Lidoderm patch 5% #30", "Pharmaceuticals", "Topical Analgesics", "lidocaine", []),
            ("Percocet 10/325mg #90", "Pharmaceuticals", "Opioids", "oxycodone/acetaminophen", []),
            ("Post-op physical therapy 12-18 sessions", "Rehabilitation", "PT/OT", "", []),
            (
                "Spine surgery evaluation/consult", "Evaluation & Management", "Medical Specialties", "", []
            ),
            ("Associated surgical service: EMS/TENS unit", "DMEPOS", "Electrical Stimulation", "", []),
            ("Associated surgical service: Labs - CBC", "Diagnostic Testing", "Lab & Pathology", "", []),
        ])
    }

    @Test func realTreatmentsLabelledByHand() {
        Self.check([
            ("MRI of the right shoulder without contrast", "Diagnostic Testing", "Imaging/Radiology", "", ["shoulder"]),
            (
                "MRI of neck and right hand without contrast", "Diagnostic Testing", "Imaging/Radiology", "",
                ["cervical spine", "wrist/hand"]
            ),
            (
                "Acupuncture 3 times a week for 2 weeks, neck, right hand and head", "Rehabilitation",
                "Acupuncture", "", ["cervical spine", "wrist/hand", "head"]
            ),
            ("Physical exam 2 times 8", "Evaluation & Management", "Medical Specialties", "", []),
            ("Spinal manipulation 1 times 8", "Rehabilitation", "Chiropractic", "", []),
            ("Electrical stimulation 1 times 8", "DMEPOS", "Electrical Stimulation", "", []),
            ("Ultrasound 1 times 8", "Rehabilitation", "Other Therapies", "", []),
            ("Norflex 100mg #60", "Pharmaceuticals", "Muscle Relaxant", "orphenadrine", []),
            ("X-ray of the pelvis", "Diagnostic Testing", "Imaging/Radiology", "", ["pelvis"]),
            ("Norco 10/325mg #35", "Pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", []),
            (
                "Four sessions of infrared therapy two times a week times 2 weeks", "Rehabilitation",
                "Other Therapies", "", []
            ),
            ("CT scan of the thoracic spine", "Diagnostic Testing", "Imaging/Radiology", "", ["thoracic spine"]),
            (
                "TOC to ortho spine surgeon eval and treatment", "Evaluation & Management", "Medical Specialties",
                "", []
            ),
            (
                "Three sessions of physical therapy of the right knee", "Rehabilitation", "PT/OT", "", ["knee"]
            ),
            (
                "Left shoulder arthroscopy with Bankart repair, possible biceps tenodesis", "Surgery", "Arthroscopic",
                "", ["shoulder"]
            ),
            ("Associated surgical service: Cold therapy for one week", "DMEPOS", "DME", "", []),
            ("Post-op Zofran", "Pharmaceuticals", "Anti-emetics", "ondansetron", []),
            (
                "Spine surgery evaluation for the lumbar", "Evaluation & Management", "Medical Specialties", "",
                ["lumbar spine"]
            ),
            ("Lidocaine 5% patch #1", "Pharmaceuticals", "Topical Analgesics", "lidocaine", []),
            ("Lumbar support", "DMEPOS", "Prosthetics/Orthotics", "", ["lumbar spine"]),
            ("Wrist braces #2", "DMEPOS", "Prosthetics/Orthotics", "", ["wrist/hand"]),
            (
                "Pantoprazole 40mg, one by mouth, twice a day #60 with one refill", "Pharmaceuticals",
                "Proton Pump Inhibitors", "pantoprazole", []
            ),
            ("purchase of a bath/shower chair", "DMEPOS", "DME", "", []),
            ("purchase of a bedside 3 in 1 commode", "DMEPOS", "DME", "", []),
            (
                "EMG/NCV of the bilateral lower extremities", "Diagnostic Testing", "EMG/NCV/NCS", "",
                ["lower extremity"]
            ),
            (
                "Chiropractic treatment for cervical and lumbar spine, left wrist/hand, 3 times a week for 4 weeks",
                "Rehabilitation", "Chiropractic", "", ["cervical spine", "lumbar spine", "wrist/hand"]
            ),
            ("1 platelet rich plasma injection to left foot", "Injection", "Injection", "", ["ankle/foot"]),
            ("1 knee scooter", "DMEPOS", "DME", "", ["knee"]),
            (
                "Right L4 transforaminal epidural steroid injection under fluoroscopic guidance", "Injection",
                "Injection", "", ["lumbar spine"]
            ),
            ("Functional capacity evaluation", "Diagnostic Testing", "Other", "", []),
            ("Diclofenac sodium 3% 300mg/g #1", "Pharmaceuticals", "Topical Analgesics", "diclofenac", []),
            ("Large gloves", "DMEPOS", "Supplies", "", []),
            (
                "PT/OT 18 sessions left hand, right lower leg", "Rehabilitation", "PT/OT", "",
                ["wrist/hand", "lower extremity"]
            ),
            (
                "One container of Flurbiprofen 10%, Cyclobenzaprine 3%, Gabapentin 6%, Lidocaine 5%/Dextromethorphan",
                "Pharmaceuticals", "Topical Compounds",
                "flurbiprofen/cyclobenzaprine/gabapentin/lidocaine/dextromethorphan", []
            ),
            (
                "one month supply of Trezix capsule 30.5/30/16mg", "Pharmaceuticals", "Opioids",
                "acetaminophen/caffeine/dihydrocodeine", []
            ),
            (
                "Twelve elect acupuncture visits (15 mins), 2 times weekly for 6 weeks", "Rehabilitation",
                "Acupuncture", "", []
            ),
            (
                "Twelve acupuncture visits with Capsaicin patch, 2 times weekly for 6 weeks", "Rehabilitation",
                "Acupuncture", "", []
            ),
            ("Extracorporeal shockwave therapy (ESWT)", "Rehabilitation", "Other Therapies", "", []),
            ("Trigger points impedance imaging (TPII)", "Diagnostic Testing", "Other", "", []),
            (
                "Localized intense neurostimulation therapy [following TPII]", "DMEPOS", "Electrical Stimulation", "",
                []
            ),
            ("Open MRI of the lumbosacral spine", "Diagnostic Testing", "Imaging/Radiology", "", ["lumbar spine"]),
            ("Sit-stand workstation", "DMEPOS", "DME", "", []),
            (
                "Retrospective Famotidine 20mg #60, per 12/07/2016 order", "Pharmaceuticals", "H2 Blockers",
                "famotidine", []
            ),
            (
                "Retrospective Lidopro 4%-27.5%-0.0325% 121gm #1, per 12/07/2016 order", "Pharmaceuticals",
                "Topical Compounds", "lidocaine/capsaicin/menthol/methyl salicylate", []
            ),
            (
                "Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee (DOS 12/29/16)",
                "DMEPOS", "Electrical Stimulation", "", ["lumbar spine", "hip", "lower extremity", "knee"]
            ),
            ("Retrospective E-stim (DOS 12/29/16)", "DMEPOS", "Electrical Stimulation", "", []),
            (
                "Physical therapy three times a week for two weeks for the cervical, thoracic, and lumbar",
                "Rehabilitation", "PT/OT", "", ["cervical spine", "thoracic spine", "lumbar spine"]
            ),
            ("Celecoxib 200mg #90", "Pharmaceuticals", "NSAID", "celecoxib", []),
            ("Fanatrex 25mg/ml oral suspension 420ml", "Pharmaceuticals", "Anti-epilepsy drugs", "gabapentin", []),
            ("Dicopanol 5mg/ml oral suspension, 150ml", "Pharmaceuticals", "Sedative-hypnotics", "diphenhydramine", []),
            ("Deprizine 15mg/ml oral suspension, 250ml", "Pharmaceuticals", "H2 Blockers", "ranitidine", []),
            ("Tabradol 1mg/ml oral suspension, 250ml", "Pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", []),
            (
                "Operative arthroscopy, superior labral anterior posterior repair, right shoulder", "Surgery",
                "Arthroscopic", "", ["shoulder"]
            ),
            ("Associated surgical service: Vascutherm unit, 14 days rental", "DMEPOS", "DME", "", []),
            ("Associated surgical service: Hip pad", "DMEPOS", "Supplies", "", ["hip"]),
            (
                "Associated surgical service: Medical clearance", "Evaluation & Management", "Medical Specialties", "",
                []
            ),
            ("Associated surgical service: EKG", "Diagnostic Testing", "Other", "", []),
            ("Associated surgical service: Chest x-ray", "Diagnostic Testing", "Imaging/Radiology", "", ["chest"]),
            ("Associated surgical service: Labs - PT/PTT", "Diagnostic Testing", "Lab & Pathology", "", []),
            ("Associated surgical service: UA", "Diagnostic Testing", "Lab & Pathology", "", []),
            ("Assistant surgeon", "Surgery", "Adjunct", "", []),
            (
                "Physical therapy 2 times a week for 6 weeks bilateral shoulder, elbow and wrist", "Rehabilitation",
                "PT/OT", "", ["shoulder", "elbow", "wrist/hand"]
            ),
            (
                "Chiro with modalities 2 times a week for 6 weeks for neck, back", "Rehabilitation", "Chiropractic",
                "", ["cervical spine", "lumbar spine"]
            ),
            ("Pre-op Clearance", "Evaluation & Management", "Medical Specialties", "", []),
            ("Motrin 600mg #40", "Pharmaceuticals", "NSAID", "ibuprofen", []),
            (
                "Six physical therapy sessions two times a week for three weeks for the neck, left trapezius and low back",
                "Rehabilitation", "PT/OT", "", ["cervical spine", "lumbar spine"]
            ),
            ("Partial Hospitalization day treatment", "Programs", "", "", []),
        ])
    }

    @Test func regionsAreNormalisedInOrderWithoutRepeats() {
        let cases: [(String, [String])] = [
            ("Right knee arthroscopy", ["knee"]),
            ("MRI bilateral shoulders", ["shoulder"]),
            ("Lumbar ESI at L4-5 and L5-S1", ["lumbar spine"]),
            ("ESI C5-6", ["cervical spine"]),
            ("Low back brace", ["lumbar spine"]),
            (
                "Physical therapy for the neck, low back, left knee and right knee",
                ["cervical spine", "lumbar spine", "knee"]
            ),
            ("X-ray of the upper back and the lower back", ["thoracic spine", "lumbar spine"]),
            ("Carpal tunnel release, right", ["wrist/hand"]),
            ("Plantar fasciitis night splint, left ankle", ["ankle/foot"]),
            ("Norco 10/325", []),
        ]
        for (text, regions) in cases {
            let c = TreatmentClassifier.classify(text)
            #expect(c.regions == regions, "\(text)")
            #expect(c.region == regions.first, "\(text)")
        }
        #expect(TreatmentClassifier.classify("").category == nil)
        #expect(TreatmentClassifier.classify("Something entirely unknown").category == nil)
    }

    // MARK: - Drug names

    @Test func brandNamesOfDomainSection4MapToGenerics() {
        let pairs: [(String, String)] = [
            ("Norco", "hydrocodone/acetaminophen"), ("Vicodin", "hydrocodone/acetaminophen"),
            ("Percocet", "oxycodone/acetaminophen"), ("OxyContin", "oxycodone"), ("Ultram", "tramadol"),
            ("Ultracet", "tramadol/acetaminophen"), ("Nucynta", "tapentadol"), ("Duragesic", "fentanyl"),
            ("Butrans", "buprenorphine"), ("Suboxone", "buprenorphine/naloxone"), ("Tylenol", "acetaminophen"),
            ("APAP", "acetaminophen"), ("Fioricet", "butalbital/acetaminophen/caffeine"),
            ("Flexeril", "cyclobenzaprine"), ("Fexmid", "cyclobenzaprine"), ("Amrix", "cyclobenzaprine"),
            ("Soma", "carisoprodol"), ("Zanaflex", "tizanidine"), ("Skelaxin", "metaxalone"),
            ("Robaxin", "methocarbamol"), ("Norflex", "orphenadrine"), ("Valium", "diazepam"),
            ("Xanax", "alprazolam"), ("Klonopin", "clonazepam"), ("Neurontin", "gabapentin"),
            ("Gralise", "gabapentin"), ("Lyrica", "pregabalin"), ("Topamax", "topiramate"),
            ("Cymbalta", "duloxetine"), ("Elavil", "amitriptyline"), ("Desyrel", "trazodone"),
            ("Ambien", "zolpidem"), ("Prilosec", "omeprazole"), ("Protonix", "pantoprazole"),
            ("Zantac", "ranitidine"), ("Pepcid", "famotidine"), ("Celebrex", "celecoxib"), ("Mobic", "meloxicam"),
            ("Naprosyn", "naproxen"), ("Anaprox", "naproxen"), ("Anaprox DS", "naproxen"),
            ("naproxen sodium", "naproxen"), ("Motrin", "ibuprofen"), ("Voltaren", "diclofenac"),
            ("Voltaren XR", "diclofenac"), ("Flector", "diclofenac"), ("Pennsaid", "diclofenac"),
            ("Lodine", "etodolac"), ("Relafen", "nabumetone"), ("Toradol", "ketorolac"),
            ("Lidoderm", "lidocaine"), ("Terocin", "lidocaine/menthol/capsaicin/methyl salicylate"),
            ("Ketophene", "ketoprofen"), ("Zofran", "ondansetron"), ("Colace", "docusate"),
            ("Medrol", "methylprednisolone"), ("Synvisc", "hyaluronic acid"), ("Euflexxa", "hyaluronic acid"),
            ("Supartz", "hyaluronic acid"), ("Tabradol", "cyclobenzaprine"), ("Deprizine", "ranitidine"),
            ("Dicopanol", "diphenhydramine"), ("Fanatrex", "gabapentin"), ("Synapryn", "tramadol"),
        ]
        for (brand, generic) in pairs {
            #expect(TreatmentClassifier.genericName(for: brand) == generic, "\(brand)")
        }
    }

    @Test func genericNameIsCaseInsensitiveForBrandsAndGenerics() {
        for name in [
            "Norco", "norco", "NORCO", "nOrCo", "hydrocodone/acetaminophen", "Hydrocodone/APAP",
            "HYDROCODONE-ACETAMINOPHEN",
        ] {
            #expect(TreatmentClassifier.genericName(for: name) == "hydrocodone/acetaminophen", "\(name)")
        }
        for name in ["flexeril", "FLEXERIL", "Cyclobenzaprine", "cyclobenzaprine", "CYCLOBENZAPRINE"] {
            #expect(TreatmentClassifier.genericName(for: name) == "cyclobenzaprine", "\(name)")
        }
        #expect(TreatmentClassifier.genericName(for: "Lidoderm") == "lidocaine")
        #expect(TreatmentClassifier.genericName(for: "lidocaine") == "lidocaine")
        #expect(TreatmentClassifier.genericName(for: "Norco 10/325") == nil)  // a whole name, not a mention
        #expect(TreatmentClassifier.genericName(for: "acupuncture") == nil)
        #expect(TreatmentClassifier.genericName(for: "opioids") == nil)  // a class phrase, not a drug
        #expect(TreatmentClassifier.genericName(for: "") == nil)
        #expect(TreatmentClassifier.drugClass(for: "norco") == "Opioids")
        #expect(TreatmentClassifier.drugClass(for: "Synvisc") == "Viscosupplementation")
    }

    @Test func combinationsAndCompounds() {
        Self.check([
            ("Hydrocodone/APAP 10/325mg #60", "Pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", []),
            ("Norco (hydrocodone/acetaminophen) 10/325", "Pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", []),
            ("Tramadol ER 150mg #30", "Pharmaceuticals", "Opioids", "tramadol", []),
            ("Ketoprofen 20% cream 120gm", "Pharmaceuticals", "Topical Compounds", "ketoprofen", []),
            ("Flurbiprofen 20% cream 180gm", "Pharmaceuticals", "Topical Analgesics", "flurbiprofen", []),
            ("Naproxen sodium 550mg #60", "Pharmaceuticals", "NSAID", "naproxen", []),
            (
                "Topical compounded cream (Flurbiprofen/Cyclobenzaprine/Lidocaine) 240gm", "Pharmaceuticals",
                "Topical Compounds", "flurbiprofen/cyclobenzaprine/lidocaine", []
            ),
            ("Synvisc injection right knee", "Pharmaceuticals", "Viscosupplementation", "hyaluronic acid", ["knee"]),
            ("Sentra PM #60", "Pharmaceuticals", "Medical Food", "", []),
        ])
    }

    // MARK: - Partial authorisation: the decided portion

    @Test func decidedPortionInBothWordings() {
        let cases: [(String, String?)] = [
            (
                "Norco 10/325mg #60 was the original request. Norco 10/325mg #25 was authorized by the Claims Administrator. The remaining IMR eligible portion of the original request, Norco 10/325mg #35 is",
                "Norco 10/325mg #35"
            ),
            (
                "Purchase of a bath/shower chair was the original request. The Claims Administrator authorized a bath/shower chair for 1 month, leaving the original request IMR eligible. The original request, purchase of a bath/shower chair is",
                "purchase of a bath/shower chair"
            ),
            (
                "NORCO 10/325MG #60 WAS THE ORIGINAL REQUEST. A PARTIAL QUANTITY OF NORCO 10/325MG #60 WAS AUTHORIZED BY THE CLAIMS ADMINISTRATOR. THE REMAINING IMR ELIGIBLE PORTION OF THE ORIGINAL REQUEST, NORCO 10/325MG #60 IS",
                "NORCO 10/325MG #60"
            ),
            ("MRI of the right shoulder without contrast", nil),
            ("Physical therapy was the original request.", nil),
            ("Review of the original request", nil),
        ]
        for (header, portion) in cases {
            #expect(DisputedItem.decidedPortion(ofHeader: header) == portion, "\(header)")
        }
    }

    @Test func parserSetsTheDecidedPortionAndClassifiesIt() throws {
        let file = TestSupport.corpus + "/real/CM16-0234202.txt"
        let record = LetterParser.parse(bytes: try FileIO.readAll(file), file: file)
        let partial = record.items.filter { $0.decidedPortion != nil }
        #expect(!partial.isEmpty)
        for item in partial {
            #expect(item.treatment.contains("original request"))
            #expect(item.decidedTreatment == item.decidedPortion)
            #expect(item.treatmentClass == TreatmentClassifier.classify(item.decidedPortion!))
        }
        // Over the bundled real letters: every "original request" header has a decided portion, no other does.
        var headers = 0
        for record in TestSupport.corpusRecords {
            for item in record.items {
                let partialHeader = item.treatment.contains("original request")
                #expect((item.decidedPortion != nil) == partialHeader, "\(item.treatment)")
                if partialHeader { headers += 1 }
                if let p = item.decidedPortion {
                    #expect(!p.hasSuffix(" is") && !p.isEmpty && item.treatment.hasSuffix(p + " is"), "\(p)")
                }
            }
        }
        #expect(headers == 16)  // as in corpus/expected/gold-real.jsonl
    }

    @Test func parseOutputCarriesTheNewKeysAfterRationale() throws {
        let order = [
            "\"rationale\":", "\"decided_portion\":", "\"category\":", "\"subcategory\":", "\"drug\":",
            "\"region\":", "\"regions\":", "}",
        ]
        var all = ""
        for record in TestSupport.corpusRecords {
            var w = JSONWriter()
            record.writeJSON(into: &w)
            let json = w.string
            all += json
            // Each item object ends with the new keys, in this order, right after "rationale".
            var from = json.startIndex
            for _ in record.items {
                for key in order {
                    let hit = json[from...].firstRange(of: key)
                    #expect(hit != nil, "\(record.file): \(key)")
                    if let hit { from = hit.upperBound }
                }
            }
        }
        #expect(all.contains("\"decided_portion\":null,\"category\":\"Diagnostic Testing\""))
        #expect(all.contains("\"decided_portion\":\"Norco 10/325mg #35\",\"category\":\"Pharmaceuticals\""))
        #expect(all.contains("\"subcategory\":\"Opioids\",\"drug\":\"hydrocodone/acetaminophen\",\"region\":null"))
        #expect(all.contains("\"region\":\"cervical spine\",\"regions\":[\"cervical spine\",\"wrist/hand\"]"))
    }

    // MARK: - Coverage

    @Test func realLettersLeaveUnderThreePercentUnclassified() {
        var items = 0
        var unclassified: [String] = []
        for record in TestSupport.corpusRecords where record.file.contains("/real/") {
            for item in record.items {
                items += 1
                if item.treatmentClass.category == nil { unclassified.append(item.decidedTreatment) }
            }
        }
        #expect(items == 158)
        #expect(Double(unclassified.count) < 0.03 * Double(items), "\(unclassified)")
    }
}
