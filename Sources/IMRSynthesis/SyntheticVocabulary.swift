// SyntheticVocabulary: the word stock of synthetic letters, modelled on the published letters described in
// DOMAIN.md — treatments by kind and body part, drugs with strengths and quantities, guideline citations
// with the pages and sections letters cite, diagnoses, reviewer specialties and states, and the sentence
// forms of case summaries and rationales. Lists are ordered roughly by frequency (Zipf draws favour the
// front).

enum SyntheticVocabulary {
    static let bodyParts = [
        "lumbar spine", "cervical spine", "right shoulder", "left knee", "right knee", "left shoulder",
        "low back",
        "bilateral lower extremities", "right wrist", "left wrist", "thoracic spine", "right hand",
        "left hip",
        "bilateral upper extremities", "right elbow", "left ankle", "right foot", "neck", "right hip",
        "left elbow",
        "left hand", "right ankle", "left foot", "bilateral knees", "sacroiliac joint", "coccyx",
        "right forearm",
        "left forearm", "jaw", "abdomen",
    ]

    /// Drug name, strengths, usual quantities, guideline key.
    static let drugs: [(String, [String], [Int], String)] = [
        ("Norco", ["10/325mg", "5/325mg", "7.5/325mg"], [60, 90, 120, 30], "opioids"),
        ("Tramadol", ["50mg", "150mg ER", "100mg ER"], [60, 90, 30], "opioids"),
        ("Gabapentin", ["300mg", "600mg", "800mg", "100mg"], [90, 60, 120], "antiepilepsy"),
        ("Cyclobenzaprine", ["7.5mg", "10mg", "5mg"], [60, 90, 30], "musclerelaxants"),
        ("Omeprazole", ["20mg", "40mg"], [30, 60, 90], "ppi"),
        ("Lidoderm", ["5% patch"], [30, 60, 90], "lidoderm"),
        ("Naproxen", ["550mg", "500mg", "375mg"], [60, 90, 30], "nsaids"),
        ("Hydrocodone", ["10/325mg", "5/325mg"], [60, 120, 90], "opioids"),
        ("Oxycodone", ["10mg", "15mg", "30mg", "5mg"], [60, 90, 120], "opioids"),
        ("Pantoprazole", ["20mg", "40mg"], [30, 60], "ppi"),
        ("Zolpidem", ["10mg", "5mg", "12.5mg ER"], [30, 15], "insomnia"),
        ("Flexeril", ["10mg", "7.5mg"], [60, 30], "musclerelaxants"),
        ("Percocet", ["10/325mg", "5/325mg"], [60, 90, 120], "opioids"),
        ("Meloxicam", ["15mg", "7.5mg"], [30, 60], "nsaids"),
        ("Ibuprofen", ["800mg", "600mg"], [90, 60], "nsaids"),
        ("Celebrex", ["200mg", "100mg"], [30, 60], "nsaids"),
        ("Pregabalin", ["75mg", "150mg", "50mg"], [60, 90], "antiepilepsy"),
        ("Baclofen", ["10mg", "20mg"], [60, 90], "musclerelaxants"),
        ("Soma", ["350mg", "250mg"], [60, 90, 30], "musclerelaxants"),
        ("OxyContin", ["20mg", "40mg", "10mg"], [60, 90], "opioids"),
        ("Ambien", ["10mg", "5mg"], [30], "insomnia"),
        ("Lidocaine", ["5% patch", "4% cream"], [30, 60], "lidoderm"),
        ("Flurbiprofen 20% cream", ["180gm", "120gm"], [1, 2], "topical"),
        (
            "Topical compounded cream (Flurbiprofen/Cyclobenzaprine/Lidocaine)", ["240gm", "180gm"], [1],
            "topical"
        ),
        ("Duloxetine", ["60mg", "30mg"], [30, 60], "antidepressants"),
        ("Trazodone", ["50mg", "100mg"], [30, 60], "antidepressants"),
        ("Tizanidine", ["4mg", "2mg"], [60, 90], "musclerelaxants"),
        ("Diclofenac", ["75mg", "100mg ER", "1% gel"], [60, 30], "nsaids"),
        ("Butrans", ["10mcg/hr patch", "5mcg/hr patch"], [4, 8], "opioids"),
        ("Fenoprofen", ["400mg"], [60, 90], "nsaids"),
        ("Methadone", ["10mg", "5mg"], [60, 90], "opioids"),
        ("Nucynta", ["50mg", "100mg ER"], [60, 90], "opioids"),
        ("Terocin patch", ["1 box"], [1, 2], "topical"),
        ("Ketoprofen 20% cream", ["120gm"], [1], "topical"),
        ("Orphenadrine", ["100mg ER"], [60, 90], "musclerelaxants"),
        ("Docusate", ["100mg"], [60], "opioids"),
        ("Ondansetron", ["8mg", "4mg"], [10, 20], "antiemetics"),
        ("Topiramate", ["50mg", "25mg"], [60], "antiepilepsy"),
        ("Amitriptyline", ["25mg", "10mg"], [30], "antidepressants"),
        ("Alprazolam", ["0.5mg", "1mg"], [30, 60], "benzodiazepines"),
    ]

    /// Procedure names that take a body part; guideline key.
    static let procedures: [(String, String)] = [
        ("Physical therapy", "physicalmedicine"), ("Acupuncture", "acupuncture"), ("MRI of the", "mri"),
        ("Chiropractic manipulation", "chiropractic"), ("Lumbar epidural steroid injection", "esi"),
        ("Urine drug screen", "uds"), ("EMG/NCV of the", "emg"),
        ("Home exercise program with equipment for the", "exercise"),
        ("TENS unit for the", "tens"), ("Massage therapy", "massage"),
        ("Cervical epidural steroid injection", "esi"),
        ("X-ray of the", "xray"), ("Occupational therapy", "physicalmedicine"),
        ("Functional restoration program", "frp"),
        ("Radiofrequency ablation of the", "rfa"), ("Medial branch block of the", "mbb"),
        ("Trigger point injection to the", "tpi"),
        ("Arthroscopy of the", "surgery"), ("Knee arthroscopy with partial meniscectomy", "knee"),
        ("Carpal tunnel release", "carpal"), ("Spinal cord stimulator trial", "scs"),
        ("Aquatic therapy", "aquatic"),
        ("Cognitive behavioral therapy", "psych"), ("Psychological evaluation", "psych"),
        ("Biofeedback", "psych"),
        ("Orthopedic consultation", "consult"), ("Pain management consultation", "consult"),
        ("Follow up visit", "consult"),
        ("Lumbar fusion at L4-5", "fusion"), ("Cervical fusion at C5-6", "fusion"),
        ("CT scan of the", "ct"),
        ("Durable medical equipment: hot/cold unit for the", "dme"),
        ("Polysomnography sleep study", "sleep"),
        ("Home health care", "homehealth"), ("Work hardening program", "frp"),
        ("Facet injection of the", "facet"),
        ("Botox injection to the", "botox"), ("Kyphoplasty", "kyphoplasty"),
        ("Vertebroplasty", "kyphoplasty"),
        ("Shoulder arthroplasty", "surgery"), ("Knee brace for the", "dme"),
        ("Orthotics for the", "dme"),
        ("Electrical muscle stimulation unit", "tens"),
        ("Platelet rich plasma injection to the", "prp"),
        ("Interferential unit for the", "tens"), ("Gym membership", "exercise"),
        ("Weight loss program", "frp"),
        ("Transportation to medical appointments", "homehealth"), ("Shockwave therapy for the", "eswt"),
    ]

    static let frequencies = [
        "2 times a week for 4 weeks", "3 times a week for 4 weeks", "x 6 sessions", "2x4",
        "x 8 sessions",
        "12 sessions", "1 time a week for 6 weeks", "3x6", "x 12", "6 sessions",
        "2 times a week for 6 weeks",
        "x 10 visits", "for 3 months", "one month rental", "purchase", "x 1",
    ]

    /// Guideline key -> (reviewer citation, pages, sections, rationale topic words).
    static let citations: [String: [(String, String?, String?)]] = [
        "physicalmedicine": [
            ("MTUS Chronic Pain Treatment Guidelines Physical medicine", "98-99", nil),
            ("MTUS Chronic Pain Medical Treatment 2016", nil, "Physical medicine treatment"),
        ],
        "acupuncture": [
            (
                "MTUS Chronic Pain Treatment Guidelines 9792.24.1. Acupuncture Medical Treatment Guidelines",
                "8-9", nil
            ), ("MTUS Acupuncture Treatment 2007", nil, nil),
            ("MTUS Acupuncture Treatment Guidelines", "13", nil),
        ],
        "mri": [
            ("MTUS ACOEM Chapter 12 Low Back Complaints", "303-304", nil),
            ("MTUS Low Back Complaints 2004", nil, "Special Studies"),
            ("MTUS Shoulder Complaints 2004", nil, "Special Studies, Summary"),
            ("MTUS Knee Complaints 2004", "335-336", nil),
        ],
        "chiropractic": [
            ("MTUS Chronic Pain Treatment Guidelines Manual therapy & manipulation", "58-60", nil),
            ("MTUS Chronic Pain Medical Treatment 2016", nil, "Manual therapy & manipulation"),
        ],
        "esi": [
            ("MTUS Chronic Pain Treatment Guidelines Epidural steroid injections (ESIs)", "46", nil),
            ("MTUS Chronic Pain Medical Treatment 2016", nil, "Epidural steroid injections (ESIs)"),
        ],
        "uds": [
            ("MTUS Chronic Pain Treatment Guidelines Drug testing", "43", nil),
            (
                "MTUS Opioid Treatment 2016", nil,
                "3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Urine Drug Testing"
            ),
        ],
        "emg": [
            ("MTUS ACOEM Chapter 8 Neck and Upper Back Complaints", "178", nil),
            ("MTUS Low Back Complaints 2004", nil, "Special Studies, Diagnostic Criteria"),
        ],
        "exercise": [("MTUS Chronic Pain Treatment Guidelines Exercise", "46-47", nil)],
        "tens": [
            (
                "MTUS Chronic Pain Treatment Guidelines Transcutaneous electrical nerve stimulation (TENS)",
                "114-116", nil
            ),
            (
                "MTUS Chronic Pain Medical Treatment 2016", nil,
                "TENS, chronic pain (transcutaneous electrical nerve stimulation)"
            ),
        ],
        "massage": [("MTUS Chronic Pain Treatment Guidelines Massage therapy", "60", nil)],
        "xray": [("MTUS ACOEM Chapter 12 Low Back Complaints", "303", nil)],
        "frp": [
            (
                "MTUS Chronic Pain Treatment Guidelines Chronic pain programs (functional restoration programs)",
                "30-34", nil
            )
        ],
        "rfa": [("MTUS ACOEM Chapter 12 Low Back Complaints", "300-301", nil)],
        "mbb": [("MTUS ACOEM Chapter 12 Low Back Complaints", "300", nil)],
        "tpi": [("MTUS Chronic Pain Treatment Guidelines Trigger point injections", "122", nil)],
        "surgery": [
            ("MTUS Shoulder Complaints 2004", nil, "Surgical Considerations"),
            ("MTUS ACOEM Chapter 9 Shoulder Complaints", "209-210", nil),
        ],
        "knee": [
            ("MTUS Knee Complaints 2004", nil, "Surgical Considerations, Summary"),
            ("MTUS ACOEM Chapter 13 Knee Complaints", "344-345", nil),
        ],
        "carpal": [("MTUS Forearm, Wrist, and Hand Complaints 2004", nil, "Surgical Considerations")],
        "scs": [
            ("MTUS Chronic Pain Treatment Guidelines Spinal cord stimulators (SCS)", "105-107", nil)
        ],
        "aquatic": [("MTUS Chronic Pain Treatment Guidelines Aquatic therapy", "22", nil)],
        "psych": [
            ("MTUS Chronic Pain Treatment Guidelines Behavioral interventions", "23", nil),
            (
                "MTUS Chronic Pain Medical Treatment 2016", nil,
                "Psychological evaluations, Psychological treatment"
            ),
        ],
        "consult": [
            ("MTUS ACOEM Chapter 7 Independent Medical Examinations and Consultations", "127", nil)
        ],
        "fusion": [
            ("MTUS ACOEM Chapter 12 Low Back Complaints", "307", nil),
            ("MTUS Low Back Complaints 2004", nil, "Surgical Considerations"),
        ],
        "ct": [("MTUS ACOEM Chapter 8 Neck and Upper Back Complaints", "177-178", nil)],
        "dme": [("MTUS Knee Complaints 2004", nil, "Initial Care")],
        "sleep": [("MTUS Chronic Pain Treatment Guidelines Insomnia treatment", nil, nil)],
        "homehealth": [("MTUS Chronic Pain Treatment Guidelines Home health services", "51", nil)],
        "facet": [("MTUS ACOEM Chapter 12 Low Back Complaints", "300", nil)],
        "botox": [("MTUS Chronic Pain Treatment Guidelines Botulinum toxin (Botox)", "25-26", nil)],
        "kyphoplasty": [("MTUS Low Back Complaints 2004", nil, "Surgical Considerations")],
        "prp": [("MTUS Elbow Complaints 2007", nil, "Diagnostic Criteria")],
        "eswt": [("MTUS Elbow Complaints 2007", nil, "Physical Methods")],
        "opioids": [
            ("MTUS Chronic Pain Treatment Guidelines Opioids, criteria for use", "78-80", nil),
            (
                "MTUS Opioid Treatment 2016", nil,
                "3.3.9 Opioids for Chronic Pain and Chronic Opioid Treatment: Maintenance of Chronic Opioid Treatment"
            ), ("MTUS Chronic Pain Treatment Guidelines Opioids for chronic pain", "80-82", nil),
        ],
        "antiepilepsy": [
            ("MTUS Chronic Pain Treatment Guidelines Antiepilepsy drugs (AEDs)", "16-22", nil)
        ],
        "musclerelaxants": [
            ("MTUS Chronic Pain Treatment Guidelines Muscle relaxants (for pain)", "63-66", nil),
            (
                "MTUS Chronic Pain Medical Treatment 2016", nil,
                "Muscle relaxants (for pain), Cyclobenzaprine (Flexeril)"
            ),
        ],
        "ppi": [
            (
                "MTUS Chronic Pain Treatment Guidelines NSAIDs, GI symptoms & cardiovascular risk", "68-69",
                nil
            ),
            (
                "MTUS Chronic Pain Medical Treatment 2016", nil,
                "NSAIDs, GI symptoms & cardiovascular risk, Proton Pump Inhibitors (PPIs)"
            ),
        ],
        "lidoderm": [
            ("MTUS Chronic Pain Treatment Guidelines Lidoderm (lidocaine patch)", "56-57", nil)
        ],
        "nsaids": [
            (
                "MTUS Chronic Pain Treatment Guidelines NSAIDs (non-steroidal anti-inflammatory drugs)",
                "67-73", nil
            )
        ],
        "insomnia": [("MTUS Chronic Pain Treatment Guidelines Insomnia treatment", nil, nil)],
        "topical": [("MTUS Chronic Pain Treatment Guidelines Topical Analgesics", "111-113", nil)],
        "antidepressants": [
            ("MTUS Chronic Pain Treatment Guidelines Antidepressants for chronic pain", "13-16", nil)
        ],
        "benzodiazepines": [("MTUS Chronic Pain Treatment Guidelines Benzodiazepines", "24", nil)],
        "antiemetics": [
            ("MTUS Chronic Pain Treatment Guidelines Antiemetics (for opioid nausea)", nil, nil)
        ],
    ]

    static let odgTopics = [
        "Pain (Chronic), Insomnia treatment", "Low Back, Back Schools; Education",
        "Pain (Chronic), Proton pump inhibitors (PPIs)",
        "Pain (Chronic), Urine drug testing (UDT)", "Pain (Chronic), Compound drugs",
        "Knee & Leg, Durable medical equipment (DME)",
        "Shoulder, Continuous-flow cryotherapy",
        "Neck and Upper Back, Magnetic resonance imaging (MRI)", "Low Back, Discectomy/laminectomy",
        "Pain (Chronic), Medical food", "Hip & Pelvis, X-Ray", "Low Back, Lumbar supports",
        "Pain (Chronic), Office visits",
        "Mental Illness & Stress, Cognitive therapy for depression",
        "Forearm, Wrist, and Hand, Splints",
    ]

    static let diagnoses = [
        "lumbar radiculopathy", "cervical radiculopathy", "lumbar disc displacement",
        "chronic pain syndrome",
        "right shoulder impingement syndrome", "carpal tunnel syndrome", "knee medial meniscus tear",
        "lumbar sprain/strain",
        "cervical sprain/strain", "myofascial pain", "lumbar facet arthropathy",
        "post laminectomy syndrome",
        "rotator cuff tendinitis", "left knee internal derangement", "degenerative disc disease",
        "depression",
        "anxiety", "sleep disturbance", "neuropathic pain", "complex regional pain syndrome",
        "lateral epicondylitis",
        "plantar fasciitis", "thoracic sprain", "sacroiliitis", "status post lumbar fusion",
        "gastritis",
        "hypertension", "trigger finger", "de Quervain's tenosynovitis", "spondylolisthesis",
    ]

    static let specialties = [
        "Preventive Medicine, Occupational Medicine", "Family Practice",
        "Physical Medicine & Rehabilitation",
        "Physical Medicine & Rehabilitation, Pain Management", "Internal Medicine",
        "Orthopedic Surgery",
        "Anesthesiology, Pain Management", "Emergency Medicine", "Chiropractor", "Neurology",
        "Psychiatry",
        "Psychologist", "Sports Medicine", "Acupuncturist", "Neurological Surgery", "Plastic Surgery",
        "Internal Medicine, Emergency Medicine", "Occupational Medicine", "Rheumatology", "Dentist",
    ]

    static let proseSpecialties = [
        "Internal Medicine and Emergency Medicine", "Occupational Medicine", "Family Practice",
        "Physical Medicine and Rehabilitation", "Orthopedic Surgery", "Anesthesiology", "Neurology",
    ]

    static let states = [
        "California", "Texas", "Florida", "New York", "North Carolina", "Georgia", "Ohio",
        "Pennsylvania", "Illinois",
        "Arizona", "Washington", "Maryland", "Michigan", "Colorado", "Oregon", "Nevada", "Virginia",
        "New Jersey",
    ]

    static let summarySentences = [
        "The injured worker was evaluated on %D for complaints of %B pain rated %N out of 10.",
        "Treatment to date has included physical therapy, chiropractic care, medications and home exercise program.",
        "Objective findings included tenderness to palpation of the %B with limited range of motion.",
        "The injured worker reported that the pain interferes with sleep and activities of daily living.",
        "Diagnoses included %X and %X.",
        "Current medications include %M and %M.",
        "Magnetic resonance imaging of the %B dated %D revealed mild degenerative changes.",
        "Electrodiagnostic studies dated %D showed evidence of %X.",
        "The injured worker remains on modified work status.",
        "There was decreased sensation in the %B dermatome and positive straight leg raise.",
        "The treating physician noted muscle spasm and guarding of the %B.",
        "Prior acupuncture sessions were reported to provide temporary relief.",
        "The injured worker has not returned to work since the date of injury.",
        "The request for authorization was received on %D.",
        "Urine drug screen dated %D was consistent with prescribed medications.",
        "The treating provider requested %T.",
        "The injured worker reported %N0% pain relief with the current medication regimen.",
        "Functional improvement was not clearly documented in the progress reports.",
        "Range of motion of the %B was decreased in flexion and extension.",
        "The injured worker reported gastrointestinal upset with NSAID use.",
        "Sleep disturbance and depression were noted secondary to chronic pain.",
        "A cognitive behavioral therapy evaluation was recommended by the primary treating physician.",
    ]

    static let rationaleSentences = [
        "The MTUS states that %K is recommended as an option when there is documented evidence of functional improvement.",
        "The guidelines recommend a time-limited treatment plan with clearly defined functional goals.",
        "Evidence of functional improvement is defined as a clinically significant improvement in activities of daily living or a reduction in work restrictions.",
        "In this case, the medical records do not document objective functional improvement from prior treatment.",
        "The number of sessions requested exceeds the guideline recommendations.",
        "There is no documentation of red flag conditions or progressive neurologic deficit.",
        "The time to produce functional improvement is 3 to 6 treatments according to the guidelines.",
        "Ongoing opioid therapy requires documentation of pain relief, functional status, appropriate medication use and side effects.",
        "There is no documentation of a urine drug screen or a signed opioid agreement to support continued use.",
        "Muscle relaxants are recommended with caution as a second-line option for short-term treatment of acute exacerbations of chronic low back pain.",
        "Proton pump inhibitors are recommended for patients at intermediate risk for gastrointestinal events with NSAID use.",
        "Topical analgesics are largely experimental and primarily recommended for neuropathic pain when trials of antidepressants and anticonvulsants have failed.",
        "Any compounded product that contains at least one drug that is not recommended is not recommended.",
        "Anti-epilepsy drugs are recommended for neuropathic pain due to nerve damage.",
        "Imaging studies should be reserved for cases in which surgery is considered or red-flag diagnoses are being evaluated.",
        "Epidural steroid injections are recommended as an option for the treatment of radicular pain when radiculopathy is corroborated by imaging studies and electrodiagnostic testing.",
        "A home exercise program is recommended and the injured worker should be able to continue independently.",
        "The Official Disability Guidelines recommend %K only after failure of conservative care.",
        "The injured worker has already completed prior sessions without documented benefit.",
        "Given the documented improvement in pain and function, continued treatment is supported.",
        "The treating physician documented a decrease in pain from %N/10 to %N/10 and improved activities of daily living.",
        "There is insufficient documentation of the duration and outcome of prior treatment.",
        "Sleep hygiene measures should be attempted prior to pharmacologic treatment of insomnia.",
        "Cognitive behavioral therapy is recommended for appropriately identified patients during treatment for chronic pain.",
        "Durable medical equipment is recommended if there is a medical need and the device can withstand repeated use.",
        "Transcutaneous electrical nerve stimulation is not recommended as a primary treatment modality, but a one-month home-based trial may be considered.",
        "Radiofrequency ablation is recommended only after a diagnostic medial branch block with a positive response.",
        "Surgical consultation is indicated for patients who have clear clinical and imaging evidence of a lesion shown to benefit from surgical repair.",
        "The request for %T is not supported by the submitted documentation.",
        "Physical medicine guidelines allow for fading of treatment frequency plus active self-directed home physical medicine.",
        "The MTUS guidelines state that chiropractic manipulation for low back pain is recommended as an option with a trial of 6 visits over 2 weeks.",
        "Acupuncture may be extended if functional improvement is documented as defined in section 9792.20(e).",
        "Carpal tunnel release is recommended when there is clear clinical and electrodiagnostic evidence of carpal tunnel syndrome.",
        "Knee arthroscopy with meniscectomy is recommended for symptomatic meniscus tears with mechanical symptoms.",
        "Electromyography may be useful to identify subtle focal neurologic dysfunction in patients with low back symptoms lasting more than three or four weeks.",
        "Shoulder impingement surgery is reserved for cases failing conservative care for three to six months.",
        "A functional restoration program is recommended for patients with chronic disabling pain who have lost the ability to function independently.",
        "Trigger point injections are recommended only for myofascial pain syndrome with documented circumscribed trigger points.",
        "Medial branch blocks are limited to patients with low-back pain that is non-radicular.",
        "Gabapentin has been shown to be effective for the treatment of diabetic painful neuropathy and postherpetic neuralgia.",
        "Lidoderm is recommended for localized peripheral pain after there has been evidence of a trial of first-line therapy.",
        "Tramadol is a centrally acting synthetic opioid analgesic that is not recommended as a first-line oral analgesic.",
        "Zolpidem is approved for the short-term treatment of insomnia, usually two to six weeks.",
        "This independent medical review finds the utilization review decision appropriate.",
        "The Chronic Pain Medical Treatment Guidelines recommend continued treatment only with documented benefit.",
        "A proton pump inhibitor is not indicated without documented gastrointestinal risk factors.",
        "There is no physiologic evidence of nerve dysfunction on examination.",
        "Prior physiotherapy did not produce lasting benefit according to the records.",
        "Orthopedic follow-up documented persistent impingement signs despite conservative care.",
        "A trial of an epidural steroid injection may be considered when radicular findings are present.",
    ]
}

extension SyntheticVocabulary {
    // Sentence forms with many open slots (see SyntheticLetters.fill for the codes): the words of real case
    // summaries and rationales come from the facts of each case, not from a fixed set of sentences.
    static let summaryDetails = [
        "The injured worker is employed as a %O and reported that the injury occurred when he/she %H.",
        "According to the records, the injured worker %H on %D and felt immediate pain in the %A.",
        "The mechanism of injury was described as cumulative trauma from %C and %C while working as a %O.",
        "On %D, the injured worker complained of %J %S in the %A with %S, aggravated by %C and %C.",
        "The pain was rated %N/10 with medications and %N/10 without medications.",
        "Physical examination of the %A revealed %F, %F and %F.",
        "Examination of the %A demonstrated %F with %F.",
        "There was %F over the %A and %F over the %A.",
        "Neurological examination revealed %F in the %A and %F.",
        "The injured worker ambulated with %F and used a %U.",
        "MRI of the %B dated %D revealed %I at %L and %I at %L.",
        "A %L %I was noted on the MRI dated %D.",
        "Electrodiagnostic studies performed on %D revealed %I.",
        "X-rays of the %B dated %D showed %I.",
        "The injured worker is status post %P on %D and %P in %Y.",
        "Surgical history is significant for %P and %P.",
        "Past medical history includes %X and %X.",
        "Diagnoses included %X (%Z), %X (%Z) and %X (%Z).",
        "The diagnoses were listed as %X, %L; %X; and %X.",
        "Medications included %Q, %Q and %Q.",
        "Current medications were listed as %Q, %M and %Q.",
        "The injured worker was also using %b %u and %b %u, dispensed by %a.",
        "Treatment to date has included %P, %W, %U, acupuncture, chiropractic care and medications.",
        "Prior treatment included %N sessions of physical therapy, %N sessions of acupuncture and %P.",
        "The injured worker reported %p relief lasting %N weeks after the %P.",
        "Psychological evaluation on %D documented %R, %R and %R.",
        "The injured worker reported %R and %R since the injury.",
        "The injured worker was seen at %a on %D by a %O.",
        "A Qualified Medical Evaluation dated %D by Dr. %n found %J %W.",
        "Per the Agreed Medical Evaluation of %D, the injured worker reached %W with %N%% whole person impairment.",
        "The work status was %J duty with no lifting over %N0 pounds and no %C.",
        "The injured worker was on temporary total disability and had not worked since %D.",
        "Range of motion of the %A was measured at %m of flexion and %m of extension.",
        "Grip strength by Jamar dynamometer was %N0/%N2/%N4 kg on the right and %N1/%N3/%N5 kg on the left.",
        "Vital signs showed a blood pressure of 1%N%N/%N%N, a pulse of %N%N and a body mass index of %N%N.%N.",
        "The injured worker's height was 5 feet %N inches and weight was 1%N%N pounds.",
        "Urine drug testing on %D was positive for %M and negative for %M.",
        "A CURES report dated %D was %J.",
        "The treating physician %E %J %W and %E %J %W.",
        "The injured worker %V %E %J %S with %C.",
        "The provider documented %J %W and %J %W at the visit of %D.",
        "A request for authorization dated %D was submitted for %T (CPT %G).",
        "The billing codes listed were %G, %G and %G.",
        "Laboratory results dated %D showed a hemoglobin A1c of %N.%N%% and normal liver function.",
        "The injured worker was referred to %a for %P.",
        "The treatment plan included %P, a %U and %Q.",
        "The injured worker has a history of %X and %X unrelated to the industrial injury.",
        "The injured worker denied %S, %S and %S.",
        "The injured worker described the pain as %J and %J, radiating to the %A.",
        "Sensation was decreased in the %A and %A, and reflexes were %m at the knees.",
        "The injured worker was noted to be %J and %J during the examination.",
        "There were %J findings of %X at the %L level.",
        "A CT scan of the %B dated %D showed %I and %I.",
        "A bone scan on %D was %J.",
        "The injured worker has been treated by Dr. %n since %Y.",
        "Records from %a dated %D through %D were reviewed.",
        "The injured worker lives in %c with a %w and reported difficulty with %w and %C.",
        "The injured worker was seen by a %k on %D, who recommended %P and %l.",
        "A %k evaluated the injured worker in %c on %D and %E %J %W.",
        "Review of systems was positive for %s, %s and %s, and negative for %s.",
        "The injured worker denied %s or %s but endorsed %s.",
        "A %l dated %D was %J, and a %l was %J.",
        "The records noted %t and %t.",
        "The %k discussed %t and recommended %t.",
        "The injured worker had %o prior %P and %o courses of %W.",
        "The injured worker stopped working after a dispute with a %w and reported stress related to %w and %w.",
        "The injured worker has not returned to the %w since %D and spends the day with %w and %w.",
        "The injured worker previously enjoyed %w and %w but now avoids %C.",
        "The injured worker takes the %w to appointments in %c.",
        "Per the %k, the injured worker %E %J %W after %P.",
        "The claims file included a %w, a %w and correspondence from the %w.",
        "Dr. %n, a %k, noted %F and %F on %D.",
        "A follow-up with the %k in %c on %D documented %J %S.",
        "The injured worker %E the %U %V and %E %Q.",
        "The injured worker's goals were to return to %w and resume %w.",
        "Comorbid conditions included %X, %t and %X.",
        "The injured worker was lifting a %g when he/she felt a pop in the %A.",
        "The injured worker reported that a %g fell onto the %A while working near a %g.",
        "The injury occurred while the injured worker was moving a %g and a %g in %c.",
        "The injured worker's job required handling a %g, a %g and a %g for up to %N hours a day.",
    ]

    static let rationaleDetails = [
        "In this case, the injured worker has %X with %F documented on %D.",
        "The medical records document %J %S in the %A, but there is no documentation of %F.",
        "The injured worker is status post %P, and the records indicate %J %W.",
        "The records indicate %N prior sessions with %J %W.",
        "The treating provider did not document %J %W or %J %W.",
        "There was no documentation of %W, %W or %W to support the request.",
        "The guidelines require documentation of %J %W and %J %W before %K is continued.",
        "The MRI findings of %I at %L do not correlate with the %J %S described.",
        "The electrodiagnostic studies showed %I, which does not support %K at this time.",
        "The injured worker has been on %Q since %D without %J %W.",
        "The records indicate the medication was %V effective, with pain reduced from %N/10 to %N/10.",
        "There was %V %J improvement in %C and %C after the prior treatment.",
        "The submitted progress reports from %D and %D are %V %J.",
        "The injured worker %V %E %J %W, which %V %E the request.",
        "The injured worker continues to report %S and %S despite %P.",
        "Given the %J %W and the %J %W, the request is %V supported.",
        "The %a report of %D did not include %J %W.",
        "Although the injured worker has %X, the records do not document %F or %F.",
        "The injured worker's %R and %R were %V documented.",
        "The request is for a %U for the %A, but the guidelines do not support it for %X.",
        "The %J %W with %Q has not been documented.",
        "There is no indication that the injured worker has %X or %X.",
        "The records do not indicate that %P was %V effective.",
        "The clinical findings of %F and %F are consistent with %X.",
        "A %L %P is not indicated in the absence of %I.",
        "The ODG recommend %K as an option for %X after %N weeks of %J care.",
        "The injured worker has completed %N sessions of %K since %D with %p improvement.",
        "The MTUS notes %J %W with %K and requires %J %W.",
        "There is no evidence of %J %W of %S or %S.",
        "Per the records, the injured worker %V %E a %U and %Q.",
        "The %k %r recommended %K, but the records are %r as to %J %W.",
        "The records are %r regarding %t, and the request is %r.",
        "%r, the request is not %r by the documentation of %J %W.",
        "The guidelines discuss %t and state that %K is %r only with %J %W.",
        "The records from %a do not address %s or %s.",
        "The %l results are not included in the records provided for review.",
        "The injured worker had %o sessions of %K, and the %k documented %J %W.",
        "There is no mention of %t or %t in the submitted records.",
        "The request is %r given the injured worker's %X and %t.",
        "No %l was performed prior to the request.",
        "The MTUS states that %q.",
        "According to the guidelines, %q.",
        "The Official Disability Guidelines note that %q.",
        "%q, and %q.",
        "The guidelines further state that %q.",
    ]
}
