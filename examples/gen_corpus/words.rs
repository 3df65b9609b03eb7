//! Vocabulary for the synthetic corpus: education words and phrases.

pub const NOUNS: &[&str] = &[
    "literacy", "numeracy", "reading comprehension", "early literacy", "phonics instruction",
    "formative assessment", "summative assessment", "classroom assessment", "curriculum reform",
    "curriculum design", "lesson planning", "teacher training", "professional development",
    "mentoring", "instructional coaching", "school leadership", "instructional leadership",
    "parental involvement", "parent engagement", "community participation", "school attendance",
    "learner wellbeing", "school safety", "inclusive education", "special needs support",
    "differentiated instruction", "learner achievement", "student performance",
    "examination results", "school readiness", "early childhood care", "play-based learning",
    "project-based learning", "remote learning", "blended learning", "distance education",
    "online learning", "digital literacy", "ICT integration", "device access",
    "internet connectivity", "educational radio", "teacher workload", "teacher retention",
    "teacher recruitment", "school funding", "education financing", "budget planning",
    "school feeding", "school governance", "accountability", "data use", "monitoring",
    "programme evaluation", "quality assurance", "accreditation", "qualifications frameworks",
    "technical training", "vocational education", "apprenticeship", "workforce readiness",
    "employability", "entrepreneurship education", "career guidance", "school counselling",
    "behaviour management", "classroom management", "mathematics teaching", "science teaching",
    "language policy", "mother tongue instruction", "bilingual education", "gender equity",
    "dropout prevention", "disaster preparedness", "climate education", "school resilience",
    "hurricane recovery", "learning recovery", "remedial tuition", "homework",
    "textbook provision", "reading materials", "library services", "school improvement planning",
    "peer observation", "lesson study", "action research", "policy dialogue",
    "stakeholder consultation", "knowledge sharing", "evidence", "data collection",
    "pilot testing", "sustainability", "equity", "access", "participation", "student retention",
    "teacher motivation", "supervision", "induction", "certification", "school inspection",
    "learning outcomes", "national testing", "continuous assessment", "school based assessment",
    "student voice", "citizenship education", "health education", "physical education",
    "creative arts", "home learning", "school transport", "early warning systems",
];

pub const ADJECTIVES: &[&str] = &[
    "effective", "practical", "sustained", "structured", "inclusive", "local", "national",
    "regional", "rural", "urban", "small", "early", "timely", "regular", "consistent",
    "low-cost", "flexible", "collaborative", "reflective", "evidence-based", "targeted",
    "systematic", "comprehensive", "innovative", "simple", "clear", "shared", "coordinated",
    "community-based", "school-based", "digital", "culturally relevant", "age-appropriate",
    "affordable", "reliable", "transparent", "participatory", "long-term", "focused", "strong",
    "limited", "growing", "persistent", "significant", "modest", "promising", "careful",
    "improved", "additional", "ongoing", "formal", "informal", "intensive", "well planned",
];

pub const VERBS: &[&str] = &[
    "improve", "support", "strengthen", "assess", "monitor", "expand", "develop", "design",
    "introduce", "adapt", "review", "promote", "encourage", "build", "plan", "share", "document",
    "evaluate", "measure", "prioritise", "coordinate", "finance", "pilot", "sustain", "track",
    "reduce", "increase", "address", "integrate", "align", "revise", "mentor", "guide", "engage",
    "involve", "motivate", "prepare", "organise", "deliver", "manage", "enable", "explore",
    "discuss", "compare", "identify", "recognise", "reward", "publish", "rethink", "protect",
];

pub const GROUPS: &[&str] = &[
    "teachers", "principals", "parents", "caregivers", "learners", "students", "school leaders",
    "education officers", "curriculum officers", "ministry officials", "teacher educators",
    "researchers", "facilitators", "members", "district supervisors", "guidance counsellors",
    "librarians", "community leaders", "employers", "policymakers", "trainee teachers",
    "early childhood practitioners", "youth workers", "school boards", "union representatives",
    "development partners", "heads of department", "subject coordinators", "literacy coaches",
];

pub const ROLES: &[&str] = &[
    "principal", "teacher", "parent", "facilitator", "education officer", "researcher", "member",
    "district supervisor", "curriculum officer", "literacy coach", "teacher educator",
];

pub const PLACES: &[&str] = &[
    "rural schools", "small island states", "the Caribbean", "the Eastern Caribbean",
    "coastal communities", "urban primary schools", "secondary schools", "remote districts",
    "the region", "the Commonwealth", "Jamaica", "Trinidad and Tobago", "Barbados", "Guyana",
    "Belize", "Saint Lucia", "Grenada", "Dominica", "the Bahamas", "Antigua and Barbuda",
    "Saint Vincent", "Montserrat", "Ghana", "Kenya", "Malawi", "Fiji", "Samoa", "Sri Lanka",
    "multigrade schools", "inner-city schools",
];

pub const CONNECTORS: &[&str] = &[
    "However", "In addition", "As a result", "In practice", "For example", "At the same time",
    "In many cases", "Over time", "In contrast", "Overall", "Similarly", "Importantly",
    "In the first year", "During the pilot", "Since the pandemic", "In most schools",
];

pub const TIME_UNITS: &[&str] = &["weeks", "months", "terms", "school years"];

pub const HEADINGS: &[&str] = &[
    "Background", "Context", "Key findings", "Challenges", "Lessons learned", "Next steps",
    "Recommendations", "Summary", "Further reading", "Acknowledgements", "Methodology",
    "Costs and resources", "Results", "Impact on learners", "Role of parents",
    "Working with the ministry", "What members said", "Open questions", "Implementation",
    "Evidence of impact", "How to adapt this approach", "Policy implications", "Timeline",
    "Partners", "Scaling up", "Monitoring and evaluation", "What worked", "What did not work",
    "Training and support", "The role of school leaders", "Materials used", "Who took part",
];

pub const FIRST_NAMES: &[&str] = &[
    "Marcia", "Andre", "Keisha", "Devon", "Shanice", "Marlon", "Natalie", "Kareem", "Simone",
    "Ravi", "Anjali", "Tricia", "Omar", "Camille", "Jermaine", "Latoya", "Winston", "Beverley",
    "Claudette", "Desmond", "Ayesha", "Kwame", "Amara", "Priya", "Sean", "Nadia", "Carlos",
    "Maria", "Jean", "Lucia", "Fatima", "Tendai", "Grace", "Peter", "Aisha", "Rohan", "Yvonne",
    "Errol", "Sharon", "Michael",
];

pub const SURNAMES: &[&str] = &[
    "Campbell", "Brown", "Williams", "Thompson", "Clarke", "Grant", "Henry", "Baptiste", "Joseph",
    "Charles", "Persaud", "Ramdial", "Singh", "Mohammed", "Alleyne", "Greaves", "Forde", "Best",
    "King", "Richards", "Walcott", "Lewis", "Edwards", "Francis", "Pierre", "Mensah", "Okafor",
    "Banda", "Naidoo", "Fernando", "Tuilagi", "Chen", "Gordon", "Morrison", "Hinds", "Bailey",
    "Reid", "Stewart", "Mitchell", "Bennett",
];

pub const ORGANISATIONS: &[&str] = &[
    "University of the West Indies", "Caribbean Examinations Council",
    "Joint Board of Teacher Education", "National Council on Education", "Mico University College",
    "Commonwealth of Learning", "OECS Education Development Management Unit",
    "Caribbean Development Bank", "UNICEF Eastern Caribbean", "UNESCO Caribbean Office",
    "Shortwood Teachers' College", "Erdiston Teachers' Training College", "University of Guyana",
    "University of Belize", "Sir Arthur Lewis Community College", "National Training Agency",
    "Jamaica Teaching Council", "Ministry of Education", "Caribbean Child Support Initiative",
];

pub const TOWNS: &[&str] = &[
    "Santa Cruz", "Mandeville", "Linstead", "Chaguanas", "Arima", "Speightstown", "Linden",
    "Orange Walk", "Soufriere", "Gouyave", "Portsmouth", "Old Harbour", "May Pen", "Point Fortin",
    "Bridgetown", "Castries", "Roseau", "Kingstown", "Basseterre", "Morant Bay",
];

pub const SCHOOL_KINDS: &[&str] = &[
    "Primary School", "High School", "Infant School", "Secondary School", "Community College",
    "Early Childhood Centre", "Technical Institute",
];

pub const JOB_TITLES: &[&str] = &[
    "Lecturer in Education", "Senior Education Officer", "Principal", "Literacy Coordinator",
    "Curriculum Specialist", "Assessment Specialist", "Research Fellow", "ICT Coordinator",
    "Teacher Educator", "Director of Planning", "Guidance Counsellor", "Programme Manager",
];

/// (city, venue, ISO country code, IANA time zone, UTC offset); the code is
/// used only if the taxonomy has it.
pub const CITIES: &[(&str, &str, &str, &str, &str)] = &[
    ("Kingston", "UWI Mona Campus", "JM", "America/Jamaica", "-05:00"),
    ("Port of Spain", "Hyatt Regency Conference Centre", "TT", "America/Port_of_Spain", "-04:00"),
    ("Bridgetown", "Lloyd Erskine Sandiford Centre", "BB", "America/Barbados", "-04:00"),
    ("Georgetown", "Arthur Chung Convention Centre", "GY", "America/Guyana", "-04:00"),
    ("Castries", "Sir Arthur Lewis Community College", "LC", "America/St_Lucia", "-04:00"),
    ("Belmopan", "George Price Centre", "BZ", "America/Belize", "-06:00"),
    ("Nairobi", "Kenyatta International Convention Centre", "KE", "Africa/Nairobi", "+03:00"),
    ("Accra", "University of Ghana", "GH", "Africa/Accra", "+00:00"),
    ("Colombo", "Bandaranaike Memorial Conference Hall", "LK", "Asia/Colombo", "+05:30"),
    ("Suva", "University of the South Pacific", "FJ", "Pacific/Fiji", "+12:00"),
];

/// (IANA time zone, UTC offset); zones without daylight saving time.
pub const ZONES: &[(&str, &str)] = &[
    ("America/Jamaica", "-05:00"),
    ("America/Port_of_Spain", "-04:00"),
    ("America/Barbados", "-04:00"),
    ("America/Guyana", "-04:00"),
    ("America/Belize", "-06:00"),
    ("Africa/Accra", "+00:00"),
    ("Africa/Nairobi", "+03:00"),
    ("Asia/Kolkata", "+05:30"),
    ("Pacific/Fiji", "+12:00"),
];

pub const LICENSES: &[&str] = &[
    "CC BY 4.0", "CC BY-SA 4.0", "CC BY-NC 4.0", "CC BY-NC-SA 4.0", "All rights reserved",
];

pub const RESOURCE_WORDS: &[&str] = &[
    "a practical guide", "a toolkit", "a regional review", "a policy brief", "lessons from practice",
    "a handbook", "a framework", "a short course", "a study", "findings from a survey",
];

// Enum values of site.toml, repeated to weight the common ones.
pub const ACCESS: &[&str] = &["open", "open", "open", "registration", "paid"];
pub const CASE_STATUS: &[&str] = &["ongoing", "ongoing", "completed", "discontinued"];
pub const SCALES: &[&str] = &["classroom", "school", "district", "national", "regional"];
pub const EVIDENCE: &[&str] = &["anecdotal", "monitoring", "evaluation", "research"];
pub const DISCUSSION_KINDS: &[&str] = &["ediscussion", "ediscussion", "e-consultation"];
pub const DISCUSSION_STATUS: &[&str] = &["summarised", "summarised", "closed", "open"];
pub const CONTACT: &[&str] = &["via-facilitator", "via-facilitator", "via-facilitator", "email", "form"];
pub const QUERY_TYPES: &[&str] = &["experiences", "advice", "referrals", "comparative"];
pub const EVENT_TYPES: &[&str] = &["webinar", "webinar", "workshop", "conference", "meeting", "training"];
pub const ATTENDANCE: &[&str] = &["online", "online", "in-person", "mixed"];
pub const EVENT_STATUS: &[&str] = &["scheduled", "scheduled", "scheduled", "postponed", "cancelled", "moved-online"];
