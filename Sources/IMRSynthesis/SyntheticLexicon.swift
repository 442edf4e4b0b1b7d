// SyntheticLexicon: the open-ended word stock of the case summaries and rationales. Real letters have a long
// tail (anatomy, findings, diagnoses, procedures, devices, occupations, drugs with strengths, spinal levels,
// codes, dates, measurements, misspellings, names), so the pools here are large, hand-written and sampled
// Zipf-like, and several are composed (a strength, a level, a code, a measurement, a made-up proper name)
// so that the vocabulary keeps growing with the corpus as real text does. Pools are written as one string
// each (split once, on "|"), most frequent first.

enum SyntheticLexicon {
    static func pool(_ text: String) -> [String] {
        String(text.map { $0 == "\n" ? " " : $0 }).split(separator: "|").map { String($0.trimmingSpaces) }.filter {
            !$0.isEmpty
        }
    }

    /// Muscles, bones, joints, nerves and regions ("the %A").
    static let anatomy = pool(
        """
        lumbar paraspinal muscles|cervical paraspinal muscles|trapezius|lumbosacral junction|sacroiliac joints|
        right shoulder|left shoulder|bilateral wrists|right knee|left knee|medial joint line|lateral joint line|
        upper trapezius|rhomboids|levator scapulae|supraspinatus|infraspinatus|subscapularis|teres minor|deltoid|
        biceps tendon|triceps|lateral epicondyle|medial epicondyle|olecranon|cubital tunnel|carpal tunnel|
        thenar eminence|hypothenar eminence|first dorsal compartment|anatomic snuffbox|radial styloid|
        ulnar styloid|triangular fibrocartilage complex|distal radioulnar joint|scaphoid|lunate|hamate|
        metacarpophalangeal joints|proximal interphalangeal joints|A1 pulley|volar wrist|dorsal wrist|
        greater trochanter|iliotibial band|piriformis|gluteus medius|gluteal region|buttocks|groin|
        hip flexors|hamstrings|quadriceps|patellar tendon|patellofemoral joint|pes anserine bursa|
        popliteal fossa|medial meniscus|lateral meniscus|anterior cruciate ligament|posterior cruciate ligament|
        medial collateral ligament|lateral collateral ligament|tibial plateau|fibular head|calf|shin|
        Achilles tendon|plantar fascia|heel|medial malleolus|lateral malleolus|anterior talofibular ligament|
        calcaneofibular ligament|sinus tarsi|midfoot|forefoot|metatarsal heads|great toe|peroneal tendons|
        posterior tibial tendon|tarsal tunnel|spinous processes|facet joints|intervertebral discs|
        neural foramina|spinal canal|thecal sac|nerve roots|conus medullaris|cauda equina|coccyx|sacrum|
        iliac crest|posterior superior iliac spine|thoracolumbar junction|cervicothoracic junction|
        occipital region|suboccipital muscles|sternocleidomastoid|scalenes|temporomandibular joint|
        acromioclavicular joint|glenohumeral joint|subacromial space|bicipital groove|labrum|rotator cuff|
        scapulothoracic articulation|clavicle|scapula|humerus|radial head|forearm flexors|forearm extensors|
        extensor carpi radialis brevis|flexor tendons|extensor tendons|ulnar nerve|median nerve|radial nerve|
        brachial plexus|sciatic notch|sciatic nerve|peroneal nerve|tibial nerve|sural nerve|femoral nerve|
        lateral femoral cutaneous nerve|greater occipital nerve|C5 dermatome|C6 dermatome|C7 dermatome|
        C8 dermatome|L4 dermatome|L5 dermatome|S1 dermatome|thoracic paraspinals|rib cage|costochondral junction|
        sternum|abdominal wall|umbilicus|inguinal region|pelvic floor|pubic symphysis|ischial tuberosity|
        quadratus lumborum|multifidus|erector spinae|latissimus dorsi|pectoralis minor|serratus anterior|
        teres major|brachioradialis|pronator teres|flexor carpi ulnaris|abductor pollicis longus|
        extensor pollicis brevis|trigger finger pulley|distal interphalangeal joints|tibialis anterior|
        extensor hallucis longus|gastrocnemius|soleus|vastus medialis|adductors|tensor fascia lata|
        trochanteric bursa|subacromial bursa|olecranon bursa|prepatellar bursa|retrocalcaneal bursa
        """)

    /// Examination findings ("revealed %F").
    static let findings = pool(
        """
        tenderness to palpation|muscle spasm|guarding|decreased range of motion|painful range of motion|
        positive straight leg raise|negative straight leg raise|diminished sensation|hypoesthesia|dysesthesia|
        allodynia|hyperalgesia|decreased grip strength|4/5 strength|4+/5 strength|5-/5 strength|3+/5 strength|
        absent Achilles reflex|diminished patellar reflex|symmetric reflexes|hyperreflexia|clonus|
        positive Hoffmann's sign|positive Spurling's test|positive Tinel's sign|positive Phalen's test|
        positive Finkelstein's test|positive Neer's test|positive Hawkins' test|positive Speed's test|
        positive Yergason's test|positive O'Brien's test|positive drop arm test|positive empty can test|
        positive McMurray's test|positive Apley's test|positive Lachman's test|positive anterior drawer|
        positive patellar grind|positive Kemp's test|positive FABER test|positive Patrick's test|
        positive Gaenslen's test|positive slump test|positive Lasegue's sign|positive Braggard's sign|
        positive Cozen's test|positive Mill's test|positive Froment's sign|positive Durkan's test|
        positive Thompson test|positive Homan's sign|antalgic gait|wide based gait|difficulty with heel walking|
        difficulty with toe walking|inability to squat|crepitus|joint effusion|soft tissue swelling|ecchymosis|
        erythema|warmth|atrophy of the thenar muscles|quadriceps atrophy|well healed surgical scars|
        healed arthroscopic portals|trigger points with a twitch response|taut bands|palpable nodules|
        restricted lumbar flexion|restricted cervical rotation|loss of lordosis|scoliosis|kyphosis|
        pelvic obliquity|leg length discrepancy|sacroiliac joint tenderness|facet loading pain|
        pain with extension and rotation|mechanical catching|locking|giving way|instability|laxity|
        decreased two point discrimination|cold intolerance|color changes|mottled skin|hair loss|nail changes|
        edema|pitting edema|brisk capillary refill|intact distal pulses|normal sensation|no focal deficits|
        flat affect|tearfulness|psychomotor retardation|anxious mood|pressured speech|poor concentration|
        blood pressure of 142/88|body mass index of 34|elevated blood pressure|an antalgic posture|
        pain behaviors|Waddell signs|non-physiologic findings|give way weakness|sensory loss in a glove
        distribution|decreased vibratory sense|impaired balance|positive Romberg|nystagmus|tremor
        """)

    /// Subjective complaints ("complained of %S").
    static let symptoms = pool(
        """
        low back pain|neck pain|radiating pain|numbness and tingling|burning pain|sharp pain|dull aching pain|
        stabbing pain|throbbing pain|shooting pain|electric shock sensations|paresthesias|weakness|stiffness|
        headaches|migraines|dizziness|vertigo|tinnitus|blurred vision|insomnia|difficulty sleeping|fatigue|
        anxiety|depression|irritability|nightmares|flashbacks|panic attacks|crying spells|poor appetite|
        weight gain|weight loss|nausea|constipation|heartburn|acid reflux|abdominal pain|diarrhea|dry mouth|
        sexual dysfunction|urinary frequency|bowel incontinence|muscle cramps|night pain|morning stiffness|
        swelling|popping|clicking|grinding|locking|buckling|instability|dropping objects|poor grip|
        difficulty gripping|difficulty lifting|difficulty reaching overhead|difficulty walking|
        difficulty climbing stairs|difficulty sitting for prolonged periods|difficulty standing|
        difficulty driving|difficulty with self care|difficulty dressing|difficulty concentrating|
        memory problems|forgetfulness|hypersensitivity to touch|cold sensitivity|sweating|restlessness|
        spasms|twitching|jaw pain|teeth grinding|chest pain|shortness of breath|palpitations|sedation|
        drowsiness|itching|rash|bruising|sciatica|groin pain|heel pain|foot pain|hand pain|wrist pain|
        elbow pain|shoulder pain|knee pain|hip pain|ankle pain|tailbone pain|mid back pain|upper back pain
        """)

    /// Diagnoses ("diagnosed with %X").
    static let diagnoses = pool(
        """
        lumbar radiculopathy|cervical radiculopathy|lumbar disc protrusion|cervical disc herniation|
        lumbar spinal stenosis|cervical spondylosis|lumbar spondylosis|thoracic spondylosis|
        degenerative disc disease|facet arthropathy|spondylolisthesis|spondylolysis|failed back surgery syndrome|
        post laminectomy syndrome|lumbosacral sprain|cervical strain|thoracic strain|myofascial pain syndrome|
        fibromyalgia|chronic pain syndrome|complex regional pain syndrome|reflex sympathetic dystrophy|
        carpal tunnel syndrome|cubital tunnel syndrome|ulnar neuropathy|radial tunnel syndrome|
        de Quervain's tenosynovitis|trigger finger|ganglion cyst|wrist sprain|TFCC tear|scapholunate ligament tear|
        lateral epicondylitis|medial epicondylitis|olecranon bursitis|rotator cuff tear|rotator cuff tendinosis|
        subacromial impingement|adhesive capsulitis|SLAP lesion|labral tear|acromioclavicular arthrosis|
        biceps tendinitis|shoulder dislocation|medial meniscus tear|lateral meniscus tear|chondromalacia patella|
        patellofemoral syndrome|knee osteoarthritis|ACL tear|knee sprain|Baker's cyst|pes anserine bursitis|
        hip osteoarthritis|trochanteric bursitis|hip labral tear|piriformis syndrome|sacroiliac joint dysfunction|
        sacroiliitis|coccydynia|ankle sprain|plantar fasciitis|Achilles tendinitis|tarsal tunnel syndrome|
        Morton's neuroma|metatarsalgia|ankle fracture|calcaneus fracture|distal radius fracture|
        compression fracture|rib fracture|clavicle fracture|tibial plateau fracture|crush injury|
        traumatic brain injury|post concussion syndrome|post traumatic headaches|cervicogenic headaches|
        occipital neuralgia|temporomandibular joint disorder|bruxism|tinnitus|vertigo|
        major depressive disorder|adjustment disorder with mixed anxiety and depressed mood|
        generalized anxiety disorder|post traumatic stress disorder|somatic symptom disorder|
        psychological factors affecting medical condition|insomnia disorder|obstructive sleep apnea|
        opioid dependence|opioid use disorder|opioid induced constipation|gastroesophageal reflux disease|
        gastritis|irritable bowel syndrome|hypertension|diabetes mellitus|hyperlipidemia|obesity|
        hypothyroidism|erectile dysfunction|asthma|chronic obstructive pulmonary disease|peripheral neuropathy|
        diabetic neuropathy|lumbar myelopathy|cervical myelopathy|thoracic outlet syndrome|brachial plexopathy|
        meralgia paresthetica|sciatica|foraminal stenosis|annular tear|disc desiccation|Modic changes|
        pseudarthrosis|adjacent segment disease|hardware failure|arachnoiditis|epidural fibrosis|
        thoracic radiculitis|intercostal neuralgia|costochondritis|inguinal hernia|umbilical hernia|
        contusion|laceration|abrasion|puncture wound|burn injury|chemical exposure|hearing loss|
        dermatitis|contact dermatitis|cellulitis|osteomyelitis|avascular necrosis|osteoporosis|
        gout|rheumatoid arthritis|psoriatic arthritis|lupus|Dupuytren's contracture|mallet finger|
        boutonniere deformity|hallux valgus|hammer toe|shin splints|stress fracture|compartment syndrome|
        deep vein thrombosis|lymphedema|headache disorder|memory impairment|cognitive disorder
        """)

    /// Past and planned procedures ("status post %P").
    static let procedures = pool(
        """
        L4-5 microdiscectomy|L5-S1 laminectomy|lumbar decompression|posterior lumbar interbody fusion|
        anterior lumbar interbody fusion|transforaminal lumbar interbody fusion|anterior cervical discectomy
        and fusion|cervical disc arthroplasty|posterior cervical fusion|hardware removal|revision fusion|
        foraminotomy|laminotomy|hemilaminectomy|kyphoplasty|vertebroplasty|spinal cord stimulator implantation|
        intrathecal pump implantation|right shoulder arthroscopy|left shoulder arthroscopy|subacromial decompression|
        distal clavicle excision|rotator cuff repair|SLAP repair|biceps tenodesis|capsular release|
        manipulation under anesthesia|total shoulder arthroplasty|reverse shoulder arthroplasty|
        right knee arthroscopy|left knee arthroscopy|partial medial meniscectomy|partial lateral meniscectomy|
        chondroplasty|ACL reconstruction|lateral release|tibial tubercle osteotomy|total knee arthroplasty|
        unicompartmental knee arthroplasty|total hip arthroplasty|hip arthroscopy|carpal tunnel release|
        endoscopic carpal tunnel release|cubital tunnel release|ulnar nerve transposition|trigger finger release|
        de Quervain's release|ganglion cyst excision|wrist arthroscopy|TFCC debridement|open reduction and
        internal fixation|closed reduction|lateral epicondyle release|tennis elbow debridement|
        plantar fascia release|Achilles tendon repair|ankle arthroscopy|ankle fusion|bunionectomy|
        hernia repair|cholecystectomy|appendectomy|hysterectomy|cesarean section|gastric bypass|
        sleeve gastrectomy|coronary stent placement|cardiac catheterization|colonoscopy|upper endoscopy|
        tonsillectomy|septoplasty|cataract surgery|dental extractions|root canal|dental implants|
        lumbar epidural steroid injections|cervical epidural steroid injections|transforaminal epidural injections|
        caudal epidural injection|lumbar medial branch blocks|cervical medial branch blocks|
        radiofrequency rhizotomy|sacroiliac joint injection|trigger point injections|cortisone injections|
        subacromial injection|intra-articular knee injection|Synvisc injections|platelet rich plasma injections|
        stellate ganglion blocks|lumbar sympathetic blocks|occipital nerve blocks|Botox injections|
        prolotherapy|discography|myelography|nerve conduction studies|functional capacity evaluation
        """)

    /// Devices, equipment and supplies ("a %U").
    static let devices = pool(
        """
        TENS unit|home H-wave device|interferential unit|lumbar support brace|LSO brace|cervical collar|
        soft collar|wrist splint|night splint|thumb spica splint|cock-up splint|knee brace|hinged knee brace|
        patellar stabilizing brace|ankle brace|walking boot|CAM boot|custom orthotics|shoe inserts|heel cups|
        cane|single point cane|front wheeled walker|rolling walker with seat|wheelchair|power scooter|
        shower chair|raised toilet seat|grab bars|reacher|hospital bed|adjustable bed|orthopedic mattress|
        cervical pillow|lumbar roll|ergonomic chair|sit stand desk|headset|ergonomic keyboard|vertical mouse|
        cold therapy unit|hot and cold wrap|heating pad|paraffin bath|continuous passive motion machine|
        sequential compression device|pneumatic compression pump|compression stockings|home traction unit|
        inversion table|exercise ball|resistance bands|therapy putty|stationary bicycle|treadmill|
        CPAP machine|bone growth stimulator|spinal cord stimulator|intrathecal pump|TENS electrodes|
        conductive garment|replacement batteries|lead wires|hot packs|ice packs|kinesio tape|
        elastic bandage|arm sling|shoulder immobilizer|abduction pillow|pelvic binder|abdominal binder|
        rigid cervical orthosis|TLSO brace|Philadelphia collar|knee sleeve|elbow strap|counterforce brace|
        compression gloves|orthopedic shoes|rocker bottom shoes|night splints|toe spacers
        """)

    /// Occupations ("a %O").
    static let occupations = pool(
        """
        warehouse worker|truck driver|delivery driver|forklift operator|custodian|janitor|housekeeper|
        home health aide|certified nursing assistant|registered nurse|licensed vocational nurse|
        medical assistant|caregiver|teacher|teacher's aide|school bus driver|bus driver|correctional officer|
        police officer|deputy sheriff|firefighter|paramedic|security guard|construction worker|carpenter|
        electrician|plumber|laborer|roofer|drywall installer|painter|welder|machinist|mechanic|
        auto mechanic|heavy equipment operator|farm worker|fruit picker|packer|assembler|
        production worker|line cook|cook|dishwasher|waitress|server|bartender|cashier|grocery clerk|
        stocker|retail sales associate|store manager|office assistant|receptionist|administrative assistant|
        data entry clerk|customer service representative|call center agent|accountant|bookkeeper|
        social worker|eligibility worker|probation officer|bank teller|loan officer|property manager|
        maintenance worker|groundskeeper|landscaper|tree trimmer|gardener|sanitation worker|
        recycling sorter|meat cutter|butcher|baker|food server|hotel maid|laundry worker|seamstress|
        sewing machine operator|hairstylist|manicurist|massage therapist|dental assistant|phlebotomist|
        pharmacy technician|radiology technician|respiratory therapist|physical therapy aide|
        psychiatric technician|flight attendant|airline mechanic|baggage handler|ramp agent|
        longshoreman|crane operator|dock worker|courier|mail carrier|postal clerk|sales representative|
        insurance adjuster|claims examiner|software engineer|engineer|architect|professor|
        librarian|parking enforcement officer|traffic officer|transit operator|train conductor|
        school custodian|cafeteria worker|child care provider|preschool teacher|athletic coach|
        professional athlete|stagehand|musician|cameraman|film crew member|casino dealer|
        lifeguard|park ranger|animal control officer|veterinary technician|kennel attendant
        """)

    /// How the injury happened ("when he/she %H").
    static let mechanisms = pool(
        """
        lifted a heavy box|slipped on a wet floor|tripped over a pallet|fell from a ladder|fell down stairs|
        was rear-ended in a motor vehicle accident|was struck by a falling object|was assaulted by an inmate|
        was assaulted by a patient|twisted the knee while stepping off a truck|caught the hand in a machine|
        pulled a pallet jack|pushed a heavy cart|transferred a patient|restrained a combative patient|
        stepped into a pothole|fell from a roof|fell off a loading dock|was bitten by a dog|
        repetitively lifted boxes|performed repetitive keyboarding|used vibrating tools|
        repetitively reached overhead|carried heavy trays|lifted a child|pulled hoses|stocked shelves|
        unloaded a trailer|was pinned between a forklift and a wall|slipped on ice|fell on outstretched hands|
        hit the head on a cabinet|was struck by a vehicle|jumped from a truck bed|twisted the ankle on uneven
        ground|cut the finger on a knife|spilled hot oil|inhaled fumes|tripped over a hose|
        bent down to pick up a tool|lifted a heavy bag of concrete|moved furniture|was kicked by a horse|
        fell from a chair|missed a step|was hit by a door|fell while running after a suspect
        """)

    /// Activities that hurt ("%C").
    static let activities = pool(
        """
        prolonged sitting|prolonged standing|prolonged walking|bending|stooping|twisting|kneeling|squatting|
        crawling|climbing stairs|climbing ladders|lifting|carrying|pushing|pulling|reaching overhead|
        repetitive gripping|grasping|fine manipulation|typing|writing|driving|looking down|turning the head|
        sleeping on the affected side|getting out of bed|getting in and out of a car|putting on shoes|
        household chores|vacuuming|cooking|doing laundry|grocery shopping|yard work|caring for children|
        exercising|jogging|playing with grandchildren|lifting a gallon of milk|opening jars|
        combing hair|bathing|showering|dressing|sexual activity|coughing|sneezing|cold weather
        """)

    /// Imaging and electrodiagnostic findings ("revealed %I").
    static let imagingFindings = pool(
        """
        a broad based disc protrusion|a central disc protrusion|a left paracentral disc extrusion|
        a right foraminal disc protrusion|a 3 mm disc bulge|a 4 mm disc bulge|a 5 mm disc herniation|
        moderate foraminal narrowing|severe foraminal narrowing|mild central canal stenosis|
        moderate central canal stenosis|facet hypertrophy|ligamentum flavum thickening|disc desiccation|
        loss of disc height|an annular fissure|endplate changes|Modic type 1 changes|a grade 1 anterolisthesis|
        a grade 1 retrolisthesis|straightening of the cervical lordosis|multilevel spondylosis|osteophytes|
        uncovertebral joint hypertrophy|a Schmorl's node|a perineural cyst|a hemangioma|a compression deformity|
        postoperative changes|intact hardware|solid fusion|no evidence of nonunion|a full thickness
        supraspinatus tear|a partial thickness rotator cuff tear|supraspinatus tendinosis|
        acromioclavicular joint arthrosis|a type 2 acromion|a labral tear|a degenerative labrum|
        a joint effusion|subchondral edema|a complex tear of the posterior horn of the medial meniscus|
        a horizontal tear of the lateral meniscus|a bone contusion|a Baker's cyst|tricompartmental
        osteoarthritis|chondromalacia|joint space narrowing|an old healed fracture|a nondisplaced fracture|
        a ganglion cyst|tenosynovitis|a TFCC tear|plantar fascia thickening|an os trigonum|
        acute L5 radiculopathy|chronic C6 radiculopathy|mild bilateral carpal tunnel syndrome|
        moderate right carpal tunnel syndrome|ulnar neuropathy at the elbow|a peripheral polyneuropathy|
        no electrodiagnostic evidence of radiculopathy|normal nerve conduction studies|
        prolonged distal motor latencies|reduced sensory amplitudes|denervation potentials|
        fibrillation potentials in the L5 myotome|positive sharp waves
        """)

    /// Psychological and social facts ("%R").
    static let psych = pool(
        """
        a Beck Depression Inventory score of 28|a Beck Anxiety Inventory score of 21|a PHQ-9 score of 17|
        a GAD-7 score of 14|an Insomnia Severity Index of 19|a pain catastrophizing scale score of 38|
        a global assessment of functioning of 55|passive suicidal ideation without intent or plan|
        no suicidal or homicidal ideation|social withdrawal|marital stress|financial stress|
        loss of income|fear of reinjury|kinesiophobia|poor coping skills|anhedonia|hopelessness|
        feelings of worthlessness|excessive worry|hypervigilance|avoidance|startle response|
        intrusive memories|poor sleep hygiene|daytime somnolence|reduced libido|guilt|anger|frustration|
        tearfulness during the interview|a history of alcohol use|a history of methamphetamine use|
        daily marijuana use|a history of tobacco use|smoking one pack per day|a family history of depression|
        a history of childhood trauma|a prior psychiatric hospitalization|a supportive spouse|
        three children at home|limited English proficiency|a Spanish speaking interpreter|
        an eighth grade education|a high school diploma|some college education|a bachelor's degree
        """)

    /// Other medicines named in medication lists, not disputed (generic and brand names).
    static let otherMedicines = pool(
        """
        lisinopril|metformin|atorvastatin|simvastatin|levothyroxine|amlodipine|losartan|metoprolol|
        hydrochlorothiazide|insulin glargine|glipizide|aspirin|clopidogrel|warfarin|apixaban|
        albuterol inhaler|fluticasone|montelukast|cetirizine|loratadine|tamsulosin|finasteride|
        sertraline|fluoxetine|citalopram|escitalopram|bupropion|venlafaxine|mirtazapine|
        quetiapine|aripiprazole|buspirone|hydroxyzine|lorazepam|clonazepam|diazepam|temazepam|
        eszopiclone|melatonin|ramelteon|suvorexant|ondansetron|promethazine|metoclopramide|
        docusate sodium|senna|polyethylene glycol|lactulose|famotidine|ranitidine|sucralfate|
        esomeprazole|lansoprazole|methylprednisolone|prednisone|colchicine|allopurinol|
        sumatriptan|rizatriptan|Fioricet|butalbital|acetaminophen|Tylenol|Advil|Aleve|
        Motrin|Mobic|Relafen|Lodine|Voltaren gel|Pennsaid|Flector patches|Zanaflex|Skelaxin|Robaxin|
        Norflex|Lioresal|Neurontin|Lyrica|Topamax|Cymbalta|Elavil|Pamelor|Desyrel|Effexor|Wellbutrin|
        Zoloft|Prozac|Lexapro|Celexa|Remeron|Seroquel|Abilify|Xanax|Klonopin|Ativan|Valium|Restoril|
        Lunesta|Belsomra|Sonata|Prilosec|Protonix|Nexium|Pepcid|Zantac|Zofran|Phenergan|Colace|
        Senokot|Miralax|Amitiza|Movantik|Relistor|Medrol Dosepak|Imitrex|Maxalt|Ultracet|Ultram|
        Nucynta|Percocet|Vicodin|Lortab|Dilaudid|Opana|MS Contin|Kadian|Duragesic|Butrans|Belbuca|
        Suboxone|Subutex|Zubsolv|Narcan|Savella|Horizant|Gralise|Lidoderm|Terocin|LidoPro|
        Menthoderm|Biofreeze|Ketophene|Theramine|Sentradine|Gabadone|Trepadone|Percura|Apptrim|
        glucosamine|chondroitin|vitamin D|fish oil|multivitamin|magnesium|turmeric|CBD oil
        """)

    /// Prescription signatures ("%Q" adds one after a strength).
    static let sigs = pool(
        """
        one tablet by mouth twice a day|1 tab PO BID|1 tab PO TID|1 PO q6h prn pain|1 PO q4-6h prn|
        one at bedtime|1 PO QHS|1 PO daily|twice daily as needed|three times daily|every 8 hours as needed|
        apply to affected area TID|apply BID|one patch 12 hours on and 12 hours off|change every 72 hours|
        one weekly|1-2 tabs q8h prn|as directed|with food|on an empty stomach|prn spasm|prn sleep|qd
        """)

    /// Descriptive words of clinical prose, grouped loosely (adjectives, adverbs, nouns, verbs).
    static let adjectives = pool(
        """
        persistent|intermittent|constant|chronic|acute|subacute|severe|moderate|mild|minimal|marked|
        significant|substantial|modest|slight|diffuse|focal|localized|generalized|bilateral|unilateral|
        ipsilateral|contralateral|proximal|distal|medial|lateral|anterior|posterior|superior|inferior|
        superficial|deep|palpable|visible|objective|subjective|functional|measurable|clinically significant|
        sustained|temporary|transient|partial|complete|incomplete|gradual|progressive|worsening|improving|
        stable|unchanged|fluctuating|recurrent|refractory|debilitating|disabling|tolerable|intolerable|
        manageable|reasonable|appropriate|inappropriate|adequate|inadequate|sufficient|insufficient|
        consistent|inconsistent|conflicting|unclear|equivocal|nonspecific|atypical|typical|classic|
        conservative|aggressive|invasive|noninvasive|elective|urgent|emergent|routine|periodic|
        supervised|unsupervised|independent|self-directed|home-based|office-based|outpatient|inpatient|
        postoperative|preoperative|perioperative|postsurgical|nonoperative|operative|diagnostic|therapeutic|
        prophylactic|palliative|curative|multimodal|multidisciplinary|interdisciplinary|comprehensive|
        limited|extensive|prolonged|brief|short-term|long-term|ongoing|continued|additional|further|
        repeat|initial|prior|previous|recent|remote|current|concurrent|subsequent|pending|anticipated|
        requested|proposed|recommended|documented|undocumented|reported|alleged|verified|corroborated|
        industrial|nonindustrial|occupational|cumulative|specific|continuous|traumatic|atraumatic|
        degenerative|inflammatory|neuropathic|nociceptive|mechanical|radicular|nonradicular|axial|
        referred|dermatomal|nondermatomal|myofascial|somatic|visceral|psychogenic|centralized|
        widespread|regional|segmental|multilevel|single level|adjacent|concordant|discordant|
        reproducible|provocative|positive|negative|normal|abnormal|unremarkable|remarkable|notable|
        questionable|suspected|probable|possible|likely|unlikely|presumed|confirmed|established
        """)

    static let adverbs = pool(
        """
        reportedly|subsequently|previously|currently|consistently|intermittently|gradually|significantly|
        markedly|minimally|moderately|slightly|partially|completely|temporarily|primarily|predominantly|
        occasionally|frequently|rarely|constantly|typically|generally|specifically|clearly|objectively|
        subjectively|functionally|clinically|radiographically|electrodiagnostically|surgically|
        conservatively|appropriately|adequately|independently|reliably|reasonably|approximately|
        persistently|progressively|repeatedly|initially|ultimately|recently|additionally|furthermore|
        moreover|however|nonetheless|nevertheless|notably|importantly|unfortunately|apparently|
        essentially|largely|mostly|substantially|modestly|relatively|fairly|somewhat|considerably
        """)

    static let nouns = pool(
        """
        relief|benefit|improvement|response|tolerance|efficacy|adherence|compliance|dependence|tolerance|
        sedation|constipation|nausea|dizziness|side effects|adverse effects|aberrant behavior|misuse|diversion|
        escalation|tapering|weaning|titration|withdrawal|trial|course|regimen|protocol|modality|intervention|
        approach|option|alternative|adjunct|indication|contraindication|precaution|rationale|justification|
        necessity|appropriateness|duration|frequency|intensity|dosage|quantity|supply|refill|prescription|
        dispensing|utilization|authorization|certification|modification|denial|appeal|review|determination|
        documentation|records|progress notes|progress reports|PR-2 reports|narrative reports|consultation notes|
        operative reports|therapy notes|daily notes|discharge summary|QME report|AME report|deposition|
        supplemental report|permanent and stationary report|impairment rating|whole person impairment|
        apportionment|work restrictions|modified duty|temporary total disability|return to work|
        vocational rehabilitation|job retraining|activities of daily living|quality of life|sleep quality|
        mood|affect|cognition|function|functional capacity|functional goals|functional deficits|
        functional limitations|pain scores|visual analog scale|numeric rating scale|Oswestry Disability Index|
        neck disability index|DASH score|lower extremity functional scale|range of motion measurements|
        strength testing|endurance|flexibility|conditioning|deconditioning|body mechanics|posture|
        ergonomics|pacing|coping strategies|self-management|education|reassurance|psychoeducation|
        motivation|readiness|barriers|yellow flags|red flags|risk factors|comorbidities|contraindications|
        complications|infection|bleeding|nonunion|malunion|hardware irritation|scar tissue|adhesions|
        contracture|instability|recurrence|flare|exacerbation|remission|plateau|maximum medical improvement
        """)

    static let verbs = pool(
        """
        reported|noted|documented|indicated|described|denied|endorsed|complained of|presented with|
        demonstrated|exhibited|showed|revealed|confirmed|suggested|supported|corroborated|reflected|
        recommended|requested|prescribed|dispensed|refilled|discontinued|continued|increased|decreased|
        tapered|weaned|titrated|switched|resumed|initiated|completed|attended|participated in|failed|
        tolerated|declined|refused|deferred|underwent|received|benefited from|responded to|
        improved with|worsened with|aggravated|alleviated|relieved|reduced|eliminated|limited|restricted|
        prevented|precluded|allowed|enabled|facilitated|maintained|sustained|restored|returned to
        """)

    /// Syllables of made-up proper names (facilities, pharmacies, compounded products, eponyms).
    static let onsets = [
        "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p", "pr", "r", "s",
        "st", "t", "tr", "v", "w", "z", "",
    ]
    static let vowels = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ie"]
    static let middles = ["l", "r", "n", "m", "v", "d", "t", "s", "ll", "rr", "nd", "rt", "st", "lv", "rm", "nt"]
    static let codas = ["", "", "", "n", "l", "r", "s", "z", "th", "nd", "rt", "m", "k", "tt", "ll", "ck"]
    static let nameKinds = [
        "Medical Group", "Orthopedic Medical Group", "Pharmacy", "Compounding Pharmacy", "Pain Institute",
        "Spine Center", "Physical Therapy", "Chiropractic", "Imaging Center", "Medical Clinic",
        "Occupational Health", "Surgery Center", "Acupuncture", "Rehabilitation",
    ]
    static let topicalForms = ["cream", "gel", "lotion", "patch", "ointment", "spray"]
    static let doseUnits = ["mg", "mg", "mg", "mcg", "ml", "gm", "g"]
    static let measureUnits = ["mm", "cm", "kg", "lbs", "ml", "degrees", "mmHg", "%"]
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" { s = s.dropLast() }
        return s
    }
}

extension SyntheticLexicon {
    /// Everyday nouns of a worker's life and a claim file ("%w").
    static let everydayNouns = pool(
        """
        employer|supervisor|coworker|shift|overtime|schedule|paperwork|claim form|vehicle|ladder|pallet|forklift|
        warehouse|kitchen|classroom|hospital ward|loading dock|parking lot|stairwell|freezer|conveyor belt|
        production line|assembly line|cash register|computer workstation|keyboard|mouse|telephone|headset|
        uniform|boots|gloves|helmet|harness|toolbox|power tools|jackhammer|wheelbarrow|shovel|broom|mop|bucket|
        cart|dolly|hand truck|pallet jack|trailer|delivery van|patrol car|ambulance|fire engine|bus|train|
        family|spouse|children|grandchildren|parents|household|apartment|house|garden|pets|church|gym|
        hobbies|fishing|hiking|bowling|golf|soccer|basketball|dancing|gardening|walking program|swimming|
        appetite|diet|alcohol|caffeine|nicotine|sleep schedule|naps|television|reading|church activities|
        transportation|bus pass|interpreter|attorney|adjuster|nurse case manager|vocational counselor|
        employer's clinic|urgent care|emergency department|occupational clinic|primary care physician|
        pharmacy|pharmacist|insurance carrier|third party administrator|claims examiner|utilization review|
        medical provider network|panel qualified medical evaluator|agreed medical evaluator|
        workers' compensation judge|settlement|compromise and release|stipulated award|future medical care|
        deposition transcript|job description|essential functions|physical demands|light duty|sedentary work|
        heavy work|retirement|disability retirement|unemployment|state disability|social security|
        savings|bills|mortgage|rent|debt|stressors|conflict|harassment|discrimination|termination|layoff
        """)

    /// Clinicians and services ("%k").
    static let clinicians = pool(
        """
        orthopedic surgeon|spine surgeon|neurosurgeon|hand surgeon|foot and ankle surgeon|podiatrist|
        physiatrist|pain management specialist|anesthesiologist|neurologist|rheumatologist|internist|
        family physician|primary treating physician|secondary treating physician|psychologist|psychiatrist|
        licensed clinical social worker|marriage and family therapist|chiropractor|acupuncturist|
        physical therapist|occupational therapist|certified hand therapist|athletic trainer|nurse practitioner|
        physician assistant|registered dietitian|sleep specialist|gastroenterologist|cardiologist|
        pulmonologist|urologist|dermatologist|ophthalmologist|optometrist|otolaryngologist|audiologist|
        dentist|oral surgeon|endocrinologist|nephrologist|infectious disease specialist|plastic surgeon|
        general surgeon|vascular surgeon|radiologist|neuropsychologist|biofeedback therapist|massage therapist
        """)

    /// Laboratory and bedside tests ("%l").
    static let labTests = pool(
        """
        complete blood count|comprehensive metabolic panel|basic metabolic panel|hepatic function panel|
        renal function panel|lipid panel|thyroid stimulating hormone|hemoglobin A1c|erythrocyte sedimentation
        rate|C-reactive protein|rheumatoid factor|antinuclear antibody|uric acid|vitamin D level|vitamin B12 level|
        testosterone level|serum creatinine|blood urea nitrogen|glomerular filtration rate|liver enzymes|
        urinalysis|urine culture|urine drug screen|serum drug levels|quantitative confirmation|
        electrocardiogram|chest x-ray|pulmonary function tests|echocardiogram|stress test|Holter monitor|
        polysomnogram|nerve fiber density testing|quantitative sensory testing|thermography|
        computerized range of motion testing|functional capacity evaluation|neuropsychological testing|
        MMPI-2|Epworth Sleepiness Scale|pain disability questionnaire|Oswestry questionnaire
        """)

    /// More of the descriptive words of clinical prose.
    static let moreAdjectives = pool(
        """
        tender|swollen|stiff|weak|numb|sore|painful|achy|tight|tense|guarded|hesitant|slow|cautious|
        cooperative|pleasant|alert|oriented|anxious|depressed|tearful|irritable|agitated|withdrawn|
        well-developed|well-nourished|obese|overweight|thin|frail|elderly|young|middle-aged|right-handed|
        left-handed|married|divorced|widowed|single|unemployed|retired|bilingual|
        excessive|unnecessary|redundant|duplicative|experimental|investigational|unproven|novel|
        evidence-based|guideline-concordant|nonsteroidal|steroidal|topical|oral|intravenous|intramuscular|
        transdermal|sublingual|extended-release|immediate-release|long-acting|short-acting|
        over-the-counter|generic|brand-name|compounded|custom|prefabricated|off-the-shelf|
        rental|purchased|motorized|manual|portable|wearable|rigid|semirigid|elastic|pneumatic|
        cervical|thoracic|lumbar|sacral|lumbosacral|cervicothoracic|thoracolumbar|paraspinal|
        paravertebral|interspinous|foraminal|central|paracentral|extraforaminal|intra-articular|
        periarticular|subchondral|subacromial|glenohumeral|patellofemoral|tibiofemoral|talocrural|
        carpometacarpal|metacarpophalangeal|interphalangeal|plantar|dorsal|volar|palmar|radial|ulnar|
        sensory|motor|autonomic|vascular|lymphatic|cutaneous|subcutaneous|muscular|ligamentous|osseous|
        articular|capsular|tendinous|neural|spinal|cranial|cerebral|cognitive|emotional|behavioral|
        psychological|psychiatric|social|vocational|financial|legal|medical|surgical|pharmacologic|
        nonpharmacologic|interventional|rehabilitative|restorative|maintenance|supportive|elective|
        reasonable|necessary|unnecessary|excessive|insufficient|premature|delayed|timely|untimely
        """)

    static let moreVerbs = pool(
        """
        walked|limped|stood|sat|bent|lifted|carried|pushed|pulled|reached|gripped|twisted|turned|kneeled|
        squatted|climbed|slipped|tripped|fell|landed|struck|caught|jammed|crushed|strained|sprained|
        wrenched|jerked|felt|noticed|developed|experienced|sustained|suffered|aggravated|reinjured|
        visited|consulted|treated|examined|evaluated|assessed|measured|palpated|observed|recorded|
        ordered|scheduled|rescheduled|cancelled|postponed|authorized|certified|modified|denied|appealed|
        submitted|faxed|mailed|signed|dated|reviewed|summarized|interpreted|dictated|transcribed|
        injected|aspirated|manipulated|mobilized|stretched|strengthened|braced|splinted|taped|iced|
        tapered off|ran out of|stopped taking|resumed taking|switched to|added|substituted|combined|
        monitored|screened|tested|counseled|educated|advised|instructed|encouraged|cautioned|warned|
        worsened|improved|plateaued|stabilized|fluctuated|resolved|persisted|recurred|progressed|regressed
        """)

    static let moreNouns = pool(
        """
        sleep|appetite|energy|concentration|memory|mood swings|libido|weight|strength|balance|coordination|
        gait|posture|stamina|grip|dexterity|sensation|reflexes|circulation|swelling|inflammation|
        degeneration|herniation|impingement|entrapment|compression|irritation|instability|laxity|stiffness|
        contracture|atrophy|hypertrophy|calcification|ossification|fibrosis|scarring|adhesion|effusion|
        hemarthrosis|synovitis|bursitis|tendinitis|tendinosis|tenosynovitis|neuritis|neuralgia|myalgia|
        arthralgia|radiculitis|myelopathy|neuropathy|plexopathy|dystrophy|allodynia|hyperpathia|
        medication|medications|tablets|capsules|patches|creams|injections|shots|pills|refills|samples|
        session|sessions|visit|visits|appointment|appointments|follow-up|reevaluation|reassessment|
        consultation|referral|second opinion|surgery|procedure|operation|intervention|hospitalization|
        admission|discharge|recovery|rehabilitation|convalescence|healing|union|fusion|graft|implant|
        hardware|screws|rods|plates|cage|anchors|sutures|incision|wound|drain|dressing|stitches|staples
        """)
}

extension SyntheticLexicon {
    /// Places of California ("in %c").
    static let places = pool(
        """
        Los Angeles|San Diego|San Jose|San Francisco|Fresno|Sacramento|Long Beach|Oakland|Bakersfield|Anaheim|
        Santa Ana|Riverside|Stockton|Irvine|Chula Vista|Fremont|San Bernardino|Modesto|Fontana|Oxnard|
        Moreno Valley|Huntington Beach|Glendale|Santa Clarita|Oceanside|Garden Grove|Rancho Cucamonga|Ontario|
        Corona|Lancaster|Elk Grove|Palmdale|Salinas|Pomona|Hayward|Escondido|Torrance|Sunnyvale|Orange|
        Fullerton|Pasadena|Thousand Oaks|Visalia|Simi Valley|Concord|Roseville|Vallejo|Victorville|
        El Monte|Berkeley|Downey|Costa Mesa|Inglewood|Ventura|West Covina|Norwalk|Carlsbad|Fairfield|
        Richmond|Murrieta|Antioch|Temecula|Daly City|Santa Maria|El Cajon|San Mateo|Rialto|Clovis|Compton|
        Jurupa Valley|Vista|South Gate|Mission Viejo|Vacaville|Carson|Hesperia|Redding|Santa Monica|Westminster|
        Chico|Merced|Whittier|Hawthorne|Citrus Heights|Tracy|Alhambra|Livermore|Buena Park|Lakewood|Indio|
        Hemet|Chino|Menifee|Napa|Redlands|Bellflower|Camarillo|Yuba City|Turlock|Madera|Porterville|Hanford|
        Delano|Tulare|Lodi|Petaluma|Eureka|Santa Rosa|Watsonville|Gilroy|El Centro|Barstow|Lompoc|Santa Cruz
        """)

    /// Review of systems, history and general medicine ("%s").
    static let systems = pool(
        """
        fever|chills|night sweats|malaise|unintentional weight loss|dysphagia|hoarseness|sore throat|
        nasal congestion|epistaxis|cough|wheezing|hemoptysis|orthopnea|claudication|syncope|presyncope|
        hematuria|dysuria|incontinence|nocturia|melena|hematochezia|jaundice|pruritus|hives|easy bruising|
        polyuria|polydipsia|heat intolerance|cold intolerance|hair thinning|photophobia|diplopia|
        ringing in the ears|ear fullness|dental pain|gum bleeding|mouth sores|loss of taste|loss of smell|
        seizures|tremors|gait instability|falls|near falls|word finding difficulty|confusion|disorientation|
        hallucinations|paranoia|mania|suicidal thoughts|homicidal thoughts|substance cravings|withdrawal symptoms|
        yawning|rhinorrhea|piloerection|diaphoresis|dilated pupils|restless legs|sleep apnea|snoring|
        daytime fatigue|nonrestorative sleep|early morning awakening|difficulty falling asleep|frequent awakenings
        """)

    /// Rarer clinical and pharmacological terms ("%t").
    static let rareTerms = pool(
        """
        spondyloarthropathy|enthesopathy|tendinopathy|osteochondritis|osteonecrosis|chondrocalcinosis|
        synovial hypertrophy|heterotopic ossification|arthrofibrosis|neuroma|neurapraxia|axonotmesis|
        Wallerian degeneration|central sensitization|wind-up phenomenon|opioid induced hyperalgesia|
        hypogonadism|serotonin syndrome|QT prolongation|respiratory depression|hepatotoxicity|nephrotoxicity|
        gastrointestinal bleeding|peptic ulcer disease|cardiovascular events|drug interactions|polypharmacy|
        cytochrome P450|first pass metabolism|half-life|bioavailability|pharmacokinetics|pharmacodynamics|
        therapeutic window|morphine milligram equivalents|equianalgesic dosing|rescue medication|
        breakthrough pain|end-of-dose failure|pill counts|opioid contract|pain agreement|naloxone rescue kit|
        prescription drug monitoring program|addiction medicine|buprenorphine induction|detoxification|
        neuromodulation|neurostimulation|peripheral nerve stimulation|dorsal root ganglion stimulation|
        pulsed radiofrequency|cryoneurolysis|chemodenervation|sclerotherapy|viscosupplementation|
        regenerative medicine|bone marrow aspirate|amniotic membrane|stem cell therapy|ozone injection|
        low level laser therapy|extracorporeal shockwave therapy|iontophoresis|phonophoresis|diathermy|
        cervical traction|lumbar traction|spinal decompression therapy|McKenzie exercises|Williams flexion
        exercises|core stabilization|proprioceptive training|plyometrics|work simulation|graded exposure|
        graded activity|pacing strategies|mindfulness|relaxation training|guided imagery|hypnotherapy|
        eye movement desensitization and reprocessing|dialectical behavior therapy|acceptance and commitment
        therapy|motivational interviewing|psychopharmacology|psychometric testing|malingering|symptom
        magnification|secondary gain|catastrophizing|fear avoidance|learned helplessness|somatization|
        conversion disorder|factitious disorder|personality disorder|bipolar disorder|schizoaffective disorder
        """)

    /// Narrative words of the reviewer's reasoning ("%r").
    static let reasoning = pool(
        """
        consequently|accordingly|therefore|thus|hence|whereas|although|despite|notwithstanding|regardless|
        specifically|particularly|especially|namely|including|excluding|considering|regarding|concerning|
        pursuant|according|consistent|commensurate|contingent|dependent|predicated|conditional|
        probative|persuasive|compelling|convincing|credible|reliable|unreliable|speculative|anecdotal|
        substantiated|unsubstantiated|warranted|unwarranted|justified|unjustified|indicated|contraindicated|
        established|unestablished|demonstrated|undemonstrated|quantified|unquantified|specified|unspecified|
        delineated|articulated|outlined|enumerated|itemized|detailed|described|characterized|summarized
        """)

    /// Numbers and counts written out ("%o").
    static let numberWords = pool(
        """
        one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|sixty|
        first|second|third|fourth|fifth|sixth|several|numerous|multiple|few|many|dozens of|a series of|a pair of
        """)
}

extension SyntheticLexicon {
    /// Things at work ("%g").
    static let objects = pool(
        """
        box of frozen chicken|case of water bottles|bag of cement|sack of potatoes|crate of produce|steel beam|
        sheet of plywood|roll of carpet|bundle of shingles|drum of oil|keg|tire|car battery|engine block|
        transmission|filing cabinet|desk|bookshelf|vending machine|refrigerator|washing machine|mattress|
        hospital bed|gurney|wheelchair|patient lift|laundry cart|food tray|stock pot|deep fryer|grill|
        meat slicer|dough mixer|industrial oven|walk-in freezer|dumpster|trash can|recycling bin|
        garbage truck|street sweeper|lawn mower|leaf blower|chainsaw|hedge trimmer|pruning shears|
        irrigation pipe|fence post|concrete block|brick|rebar|scaffold|extension ladder|step stool|
        ramp|loading bay door|roll-up door|sliding door|swinging door|cabinet door|shelf|rack|bin|tote|
        pallet wrap|box cutter|staple gun|nail gun|drill|grinder|saw|hammer|wrench|crowbar|sledgehammer|
        paint bucket|spray gun|pressure washer|vacuum|floor buffer|mop bucket|cleaning cart|window|
        computer monitor|printer|copy machine|cash drawer|scanner|barcode gun|handheld device|radio|
        handcuffs|baton|duty belt|bulletproof vest|fire hose|breathing apparatus|stretcher|backboard|
        oxygen tank|medication cart|syringe|needle|scalpel|x-ray cassette|lead apron|microscope|
        classroom desk|chair|playground equipment|school bus step|bleachers|gym mat|weight rack|
        horse|cow|dog|cat|chicken coop|feed bag|hay bale|tractor|harvester|fruit bin|grape vine|
        orange tree|strawberry field|lettuce field|packing shed|cold storage|shipping container
        """)

    /// Guideline statements, written out ("%q").
    static let guidelineStatements = pool(
        """
        Opioids should be discontinued if there is no overall improvement in function, unless there are
        extenuating circumstances|Continuing opioids is appropriate if the patient has returned to work or has
        improved functioning and pain|Weaning should occur under direct ongoing medical supervision as a slow
        taper|The lowest possible dose should be prescribed to improve pain and function|Baseline pain and
        functional assessments should be made before starting therapy|Ongoing review should include the least
        reported pain over the period since the last assessment, average pain, intensity of pain after taking
        the opioid, how long it takes for pain relief and how long relief lasts|Satisfactory response is
        indicated by decreased pain, increased level of function, or improved quality of life|Routine use of
        opioids for the treatment of chronic nonmalignant pain is discouraged|Gabapentin is considered a
        first-line treatment for neuropathic pain|A good response to the use of antiepilepsy drugs is defined
        as a 50% reduction in pain, and a moderate response as a 30% reduction|Antidepressants are
        recommended as a first-line option for neuropathic pain and as a possibility for nonneuropathic
        pain|Tricyclics are generally considered a first-line agent unless they are ineffective, poorly
        tolerated or contraindicated|Benzodiazepines are not recommended for long-term use because long-term
        efficacy is unproven and there is a risk of dependence|Most guidelines limit use to 4 weeks|Chronic
        benzodiazepines are the treatment of choice in very few conditions|Tolerance to hypnotic effects
        develops rapidly|Cyclobenzaprine is not recommended to be used for longer than 2 to 3 weeks|
        Carisoprodol is not indicated for long-term use|Its primary active metabolite is meprobamate, a
        schedule IV controlled substance|Nonsteroidal anti-inflammatory drugs are recommended at the lowest
        dose for the shortest period in patients with moderate to severe pain|There is no evidence of
        long-term effectiveness for pain or function|Clinicians should weigh the indications for NSAIDs
        against both gastrointestinal and cardiovascular risk factors|Patients at high risk for
        gastrointestinal events with no cardiovascular disease may use a Cox-2 selective agent plus a
        proton pump inhibitor|Long-term proton pump inhibitor use has been shown to increase the risk of hip
        fracture|Topical lidocaine may be recommended for localized peripheral pain after there has been
        evidence of a trial of first-line therapy such as a tricyclic or serotonin norepinephrine reuptake
        inhibitor antidepressant or an antiepilepsy drug|Capsaicin is recommended only as an option in
        patients who have not responded or are intolerant to other treatments|There is little to no research
        to support the use of many of these agents|Medical foods are not recommended for chronic pain|A
        medical food is formulated to be consumed or administered enterally under the supervision of a
        physician|Physical medicine treatment should allow for fading of treatment frequency from up to 3
        visits per week to 1 or less, plus active self-directed home physical medicine|For myalgia and
        myositis, 9 to 10 visits over 8 weeks are recommended|For neuralgia, neuritis and radiculitis, 8 to
        10 visits over 4 weeks are recommended|Passive therapy can provide short-term relief during the
        early phases of pain treatment|Active therapy is based on the philosophy that therapeutic exercise
        and activity are beneficial for restoring flexibility, strength, endurance, function and range of
        motion|The frequency of acupuncture treatments is 1 to 3 times per week with an optimum duration of
        1 to 2 months|Acupuncture treatments may be extended if functional improvement is documented|
        Manual therapy is recommended for chronic pain if caused by musculoskeletal conditions|Elective or
        maintenance care is not medically necessary|For recurrences or flare-ups, the need to reevaluate
        treatment success is required, and if return to work is achieved, 1 to 2 visits every 4 to 6 months
        may be appropriate|Unequivocal objective findings that identify specific nerve compromise on the
        neurologic examination are sufficient evidence to warrant imaging in patients who do not respond to
        treatment|Relying solely on imaging studies to evaluate the source of low back and related symptoms
        carries a significant risk of diagnostic confusion|Repeat MRI is not routinely recommended and should
        be reserved for a significant change in symptoms or findings suggestive of significant pathology|
        Electromyography, including H-reflex tests, may be useful to identify subtle focal neurologic
        dysfunction|Nerve conduction studies are not recommended when a patient is presumed to have symptoms
        on the basis of radiculopathy|Radiculopathy must be documented by physical examination and
        corroborated by imaging studies and/or electrodiagnostic testing|Initially unresponsive to
        conservative treatment, including exercises, physical methods, NSAIDs and muscle relaxants|No more
        than two nerve root levels should be injected using transforaminal blocks|Repeat blocks should be
        based on continued objective documented pain and functional improvement, including at least 50% pain
        relief with associated reduction of medication use for six to eight weeks|Facet joint injections are
        limited to patients with low back pain that is nonradicular and at no more than two levels
        bilaterally|There should be documentation of failure of conservative treatment, including home
        exercise, physical therapy and NSAIDs, prior to the procedure for at least 4 to 6 weeks|A
        transcutaneous electrical nerve stimulation unit is recommended as a one-month home-based trial if
        used as an adjunct to a program of evidence-based functional restoration|Interferential current
        stimulation is not recommended as an isolated intervention|Durable medical equipment is defined as
        equipment that can withstand repeated use, is primarily and customarily used to serve a medical
        purpose, and generally is not useful to a person in the absence of illness or injury|Home health
        services are recommended only for otherwise recommended medical treatment for patients who are
        homebound, on a part-time or intermittent basis, generally up to no more than 35 hours per week|
        Medical treatment does not include homemaker services like shopping, cleaning and laundry, and
        personal care given by home health aides like bathing, dressing and using the bathroom|Functional
        restoration programs are recommended where there is access to programs with proven successful
        outcomes|Treatment is not suggested for longer than 2 weeks without evidence of demonstrated efficacy
        as documented by subjective and objective gains|Total treatment duration should generally not exceed
        20 full-day sessions|An adequate and thorough evaluation has been made, including baseline functional
        testing so follow-up with the same test can note functional improvement|Previous methods of treating
        chronic pain have been unsuccessful and there is an absence of other options likely to result in
        significant clinical improvement|The patient has a significant loss of ability to function
        independently resulting from the chronic pain|The patient is not a candidate where surgery or other
        treatments would clearly be warranted|The patient exhibits motivation to change and is willing to
        forgo secondary gains, including disability payments, to effect this change|Negative predictors of
        success have been addressed|Referral for surgical consultation is indicated for patients who have
        severe and disabling lower leg symptoms in a distribution consistent with abnormalities on imaging
        studies|Activity limitation due to radiating leg pain for more than one month or extreme progression
        of lower leg symptoms|Clear clinical, imaging and electrophysiologic evidence of a lesion that has
        been shown to benefit in both the short and long term from surgical repair|Failure of conservative
        treatment to resolve disabling radicular symptoms|Spinal fusion is not recommended in the absence of
        fracture, dislocation, complications of tumor or infection|Patients with increased spinal instability
        after surgical decompression at the level of degenerative spondylolisthesis may be candidates for
        fusion|A psychological screening is recommended before spinal cord stimulator or intrathecal drug
        delivery system implantation|Spinal cord stimulators are recommended only for selected patients in
        cases when less invasive procedures have failed or are contraindicated|Carpal tunnel syndrome must be
        proved by positive findings on clinical examination and the diagnosis should be supported by nerve
        conduction tests before surgery is undertaken|Surgical considerations depend on the confirmed
        diagnosis of the presenting shoulder complaint|Arthroscopic partial meniscectomy usually has a high
        success rate for cases in which there is clear evidence of a meniscus tear|Arthroscopy and
        meniscus surgery may not be equally beneficial for those patients who are exhibiting signs of
        degenerative changes|Cold therapy units are recommended as an option after surgery, but not for
        nonsurgical treatment|Postoperative use generally may be up to 7 days, including home use|
        Continuous passive motion devices are recommended for in-hospital use or for home use in patients at
        risk of a stiff knee|Vasopneumatic devices are recommended as an option to reduce edema after acute
        injury|Urine drug testing is recommended as an option to assess for the use or the presence of
        illegal drugs|Patients at low risk of addiction or aberrant behavior should be tested within six
        months of initiation of therapy and on a yearly basis thereafter|Patients at moderate risk for
        addiction or misuse are recommended for point-of-contact screening two to three times a year|
        Patients at high risk of adverse outcomes may require testing as often as once per month|
        Insomnia treatment should be based on the etiology|Pharmacological agents should only be used after
        careful evaluation of potential causes of sleep disturbance|Failure of sleep disturbance to resolve
        in a 7 to 10 day period may indicate a psychiatric or medical illness|Office visits are recommended
        as determined to be medically necessary|The need for a clinical office visit with a health care
        provider is individualized based upon a review of patient concerns, signs and symptoms, clinical
        stability, and reasonable physician judgment|The determination is also based on what medications the
        patient is taking, since some medicines such as opiates or certain antibiotics require close
        monitoring|Gym memberships are not recommended as a medical prescription unless a documented home
        exercise program with periodic assessment and revision has not been effective and there is a need
        for equipment|Treatment needs to be monitored and administered by medical professionals|Weight loss
        programs are not addressed by the guidelines for the treatment of chronic pain|Aquatic therapy is
        recommended as an optional form of exercise therapy, where available, as an alternative to
        land-based physical therapy, specifically where reduced weight bearing is desirable, for example
        extreme obesity|Massage therapy should be an adjunct to other recommended treatment and it should be
        limited to 4 to 6 visits in most cases|Biofeedback is not recommended as a stand-alone treatment but
        recommended as an option in a cognitive behavioral therapy program to facilitate exercise therapy and
        return to activity|Screen for patients with risk factors for delayed recovery, including fear
        avoidance beliefs|Initial therapy for these at-risk patients should be physical medicine for exercise
        instruction, using a cognitive motivational approach|Consider separate psychotherapy cognitive
        behavioral therapy referral after 4 weeks if lack of progress from physical medicine alone|
        Botulinum toxin is not generally recommended for chronic pain disorders, but recommended for cervical
        dystonia|Trigger point injections are not recommended for radicular pain|No repeat injections unless
        a greater than 50% pain relief is obtained for six weeks after an injection and there is documented
        evidence of functional improvement|Frequency should not be at an interval less than two months|
        Platelet-rich plasma injections are under study for the knee and are not recommended for the lumbar
        spine|Hyaluronic acid injections are recommended as a possible option for severe osteoarthritis for
        patients who have not responded adequately to recommended conservative treatments|Repeat series of
        injections may be reasonable if there was significant improvement in symptoms for 6 months or more|
        Extracorporeal shockwave therapy is recommended for calcifying tendinitis but not for other shoulder
        disorders|Lumbar supports have not been shown to have any lasting benefit beyond the acute phase of
        symptom relief|Knee braces may be appropriate in patients with patellar instability, anterior
        cruciate ligament tear or medial collateral ligament instability|Orthotic devices are recommended
        for plantar fasciitis and for foot pain in rheumatoid arthritis
        """)
}

extension SyntheticLexicon {
    /// More of the long tail: rarer medicines, conditions, anatomy, procedures and narrative words, merged into
    /// the pools above (at their rare end).
    static let rareMedicines = pool(
        """
        nabumetone|oxaprozin|diflunisal|salsalate|sulindac|piroxicam|ketoprofen|indomethacin|etodolac ER|
        tapentadol ER|oxymorphone|levorphanol|morphine sulfate ER|hydromorphone|methadone|buprenorphine patch|
        fentanyl patch|codeine|butorphanol|pentazocine|nalbuphine|naltrexone|naloxegol|methylnaltrexone|
        lubiprostone|linaclotide|bisacodyl|sennosides|psyllium|loperamide|dicyclomine|misoprostol|
        carbamazepine|oxcarbazepine|lamotrigine|levetiracetam|zonisamide|lacosamide|divalproex|clonidine|
        guanfacine|prazosin|propranolol|nadolol|verapamil|diltiazem|nifedipine|carvedilol|spironolactone|
        furosemide|triamterene|benazepril|enalapril|valsartan|olmesartan|irbesartan|rosuvastatin|
        pravastatin|ezetimibe|fenofibrate|gemfibrozil|sitagliptin|empagliflozin|liraglutide|semaglutide|
        pioglitazone|glyburide|insulin lispro|levocetirizine|fexofenadine|diphenhydramine|doxylamine|
        meclizine|scopolamine|dimenhydrinate|trimethobenzamide|prochlorperazine|haloperidol|olanzapine|
        risperidone|ziprasidone|lurasidone|lithium|lamotrigine|atomoxetine|modafinil|armodafinil|
        methylphenidate|amphetamine salts|nortriptyline|desipramine|imipramine|doxepin|protriptyline|
        vilazodone|vortioxetine|levomilnacipran|desvenlafaxine|milnacipran|paroxetine|fluvoxamine|
        trazodone ER|nefazodone|zaleplon|triazolam|flurazepam|chlordiazepoxide|oxazepam|clorazepate|
        phenobarbital|butalbital compound|ergotamine|topiramate ER|eletriptan|zolmitriptan|naratriptan|
        frovatriptan|almotriptan|erenumab|galcanezumab|onabotulinumtoxinA|tizanidine capsules|dantrolene|
        chlorzoxazone|methocarbamol|metaxalone|orphenadrine citrate|quinine|mexiletine|memantine|
        donepezil|amantadine|ropinirole|pramipexole|gabapentin enacarbil|pregabalin CR|duloxetine DR|
        capsaicin 0.075% cream|camphor|menthol|methyl salicylate|trolamine salicylate|diclofenac epolamine|
        lidocaine 4% patch|prilocaine|tetracaine|bupivacaine|ropivacaine|triamcinolone|betamethasone|
        dexamethasone|ketorolac injection|toradol injection|vitamin B12 injection|B complex|folic acid|
        calcium carbonate|omega-3|coenzyme Q10|SAMe|boswellia|arnica|kratom|cannabis tincture|dronabinol
        """)

    static let rareConditions = pool(
        """
        cervical dystonia|torticollis|whiplash associated disorder|atlantoaxial instability|Chiari malformation|
        syringomyelia|tethered cord|spina bifida occulta|transitional vertebra|sacralization of L5|
        lumbarization of S1|Scheuermann's disease|ankylosing spondylitis|diffuse idiopathic skeletal
        hyperostosis|Paget's disease|multiple myeloma|metastatic disease|spinal epidural abscess|discitis|
        vertebral osteomyelitis|cauda equina syndrome|conus medullaris syndrome|Brown-Sequard syndrome|
        central cord syndrome|anterior cord syndrome|Parsonage-Turner syndrome|long thoracic nerve palsy|
        suprascapular neuropathy|quadrilateral space syndrome|calcific tendinitis|os acromiale|
        Bankart lesion|Hill-Sachs lesion|glenoid labrum tear|pectoralis major rupture|distal biceps rupture|
        triceps rupture|ulnar collateral ligament tear|posterior interosseous nerve syndrome|
        anterior interosseous nerve syndrome|pronator syndrome|Guyon's canal syndrome|Kienbock's disease|
        scaphoid nonunion|SLAC wrist|SNAC wrist|carpal boss|intersection syndrome|extensor carpi ulnaris
        tendinitis|flexor carpi radialis tendinitis|gamekeeper's thumb|jersey finger|Raynaud's phenomenon|
        hand-arm vibration syndrome|femoroacetabular impingement|osteitis pubis|sports hernia|
        greater trochanteric pain syndrome|gluteal tendinopathy|hamstring strain|quadriceps contusion|
        myositis ossificans|patellar tendinopathy|Osgood-Schlatter disease|osteochondral defect|
        loose body|plica syndrome|fat pad impingement|iliotibial band syndrome|proximal tibiofibular joint
        instability|peroneal tendon subluxation|sinus tarsi syndrome|posterior tibial tendon dysfunction|
        tarsal coalition|Lisfranc injury|Jones fracture|turf toe|sesamoiditis|Haglund's deformity|
        Charcot arthropathy|post-herpetic neuralgia|trigeminal neuralgia|Bell's palsy|cluster headaches|
        medication overuse headache|cervical vertigo|benign paroxysmal positional vertigo|Meniere's disease|
        noise induced hearing loss|carbon monoxide exposure|heat exhaustion|frostbite|electrical injury|
        chemical burn|smoke inhalation|valley fever|coccidioidomycosis|tuberculosis exposure|hepatitis C|
        needlestick injury|MRSA infection|COVID-19|long COVID|pulmonary embolism|stroke|myocardial
        infarction|atrial fibrillation|congestive heart failure|chronic kidney disease|fatty liver disease|
        pancreatitis|diverticulitis|hemorrhoids|anal fissure|urinary retention|kidney stones|prostatitis
        """)

    static let narrativeWords = pool(
        """
        walking|sitting|standing|sleeping|driving|working|lifting|bending|reaching|kneeling|lying|resting|
        stretching|exercising|swimming|cycling|jogging|hiking|gardening|cleaning|cooking|shopping|typing|
        writing|reading|talking|eating|drinking|smoking|vaping|praying|meditating|volunteering|babysitting|
        morning|afternoon|evening|night|weekend|weekday|holiday|vacation|season|winter|summer|spring|autumn|
        yesterday|today|tomorrow|weekly|monthly|yearly|daily|nightly|hourly|biweekly|annually|quarterly|
        beginning|middle|end|onset|course|interval|period|episode|occasion|instance|event|incident|accident|
        collision|impact|blow|jolt|twist|fall|slip|trip|strain|sprain|tear|rupture|fracture|dislocation|
        subluxation|laceration|puncture|bite|sting|burn|scald|frostbite|exposure|inhalation|ingestion|
        although|because|since|unless|until|while|whereas|whether|though|whenever|wherever|otherwise|
        instead|meanwhile|afterward|beforehand|thereafter|therein|thereby|herein|hereafter|whereby|
        apparently|evidently|obviously|presumably|supposedly|allegedly|admittedly|undoubtedly|certainly|
        neither|either|both|each|every|another|other|such|same|different|similar|various|certain|
        bathroom|bedroom|living room|garage|yard|porch|driveway|sidewalk|street|highway|freeway|intersection|
        hallway|lobby|elevator|escalator|cafeteria|break room|locker room|office|cubicle|conference room|
        dock|yard|field|orchard|vineyard|barn|stable|ranch|farm|dairy|factory|plant|mill|mine|quarry|
        refinery|shipyard|airport|port|station|terminal|depot|garage|shop|store|market|restaurant|hotel|
        motel|casino|stadium|arena|theater|museum|library|school|college|university|prison|jail|courthouse
        """)
}

extension SyntheticLexicon {
    /// Adverbs derived from the adjectives whose endings take "-ly" regularly (clinical -> clinically).
    static let derivedAdverbs: [String] = {
        let rules: [(String, String)] = [
            ("ical", "ically"), ("ic", "ically"), ("al", "ally"), ("ous", "ously"), ("ive", "ively"),
            ("ent", "ently"), ("ant", "antly"), ("ful", "fully"), ("ate", "ately"), ("ble", "bly"),
        ]
        var seen = Set(adverbs)
        let odd: Set<String> = [
            "outpatient", "inpatient", "pursuant", "dermatomal", "nondermatomal", "nonindustrial", "rental",
            "concordant", "discordant", "nociceptive", "curative", "palliative", "restorative", "rehabilitative",
        ]
        var out: [String] = []
        for a in adjectives + moreAdjectives.prefix(while: { $0 != "cervical" }) + reasoning
        where !a.contains(" ") && !a.contains("-") && !odd.contains(a) {
            guard let (ending, replacement) = rules.first(where: { a.hasSuffix($0.0) }) else { continue }
            let adverb = String(a.dropLast(ending.count)) + replacement
            if seen.insert(adverb).inserted { out.append(adverb) }
        }
        return out
    }()

    /// Plurals of the one-word nouns (regular forms only).
    static let derivedPlurals: [String] = {
        let uncountable = Set(
            """
            children grandchildren mouse bookshelf shelf hardware paperwork golf soccer basketball nausea sleep caffeine
            nicotine alcohol overtime stamina cognition education endurance flexibility sedation constipation misuse
            adherence compliance dependence efficacy documentation psychoeducation reassurance apportionment libido
            unemployment harassment discrimination rebar energy dexterity circulation convalescence rehabilitation
            transportation television hyperpathia allodynia laxity dosage weight tolerance
            """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        var out: [String] = []
        for n in nouns + moreNouns + everydayNouns + objects
        where !n.contains(" ") && !n.contains("-") && !uncountable.contains(n) {
            if n.hasSuffix("s") || n.hasSuffix("x") || n.hasSuffix("ing") || n.hasSuffix("sis") { continue }
            if n.hasSuffix("y"), let before = n.dropLast().last, !"aeiou".contains(before) {
                out.append(n.dropLast() + "ies")
            } else if n.hasSuffix("ch") || n.hasSuffix("sh") {
                out.append(n + "es")
            } else {
                out.append(n + "s")
            }
        }
        return out
    }()
}
