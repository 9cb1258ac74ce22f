"""Our own building blocks for the illustrative demo menu (the real menu's entries are not
public): topics per area, title patterns per format, audiences, organisers, eligibility.

The demo combines these deterministically (seeded generators) into about 1,400 activities a
year, the size quoted publicly from 2014 onward (domain.md §3.2 [S7] [S8] [S89]).
"""

from __future__ import annotations

#: Topics per area code (see choices.Area); a title is a format pattern around a topic.
TOPICS: dict[str, tuple[str, ...]] = {
    "CMPSO": (
        "crisis response planning",
        "peace-support operations staff work",
        "civil-military cooperation in the field",
        "protection of civilians",
        "operational planning for multinational headquarters",
        "lessons learned from crisis operations",
    ),
    "REG": (
        "security in the South Caucasus",
        "security in Central Asia",
        "Black Sea security",
        "Mediterranean security",
        "Gulf security cooperation",
        "regional confidence-building",
    ),
    "ACWMD": (
        "WMD non-proliferation",
        "small arms and light weapons control",
        "arms control verification",
        "chemical, biological, radiological and nuclear defence",
        "export controls",
        "stockpile management of ammunition",
    ),
    "CT": (
        "countering terrorist financing",
        "protection of critical infrastructure against terrorism",
        "counter-improvised explosive devices",
        "countering violent extremism",
        "harbour protection",
        "information sharing against terrorism",
    ),
    "BORDER": (
        "border management",
        "maritime border surveillance",
        "green-border patrolling",
        "document security at border crossings",
        "cooperation between border agencies",
        "risk analysis for border guards",
    ),
    "DPLAN": (
        "defence planning",
        "defence budgeting",
        "defence policy and strategy",
        "capability development",
        "programme-based budgeting",
        "strategic defence reviews",
    ),
    "CEP": (
        "civil emergency planning",
        "disaster response coordination",
        "consequence management",
        "host nation support in emergencies",
        "protection of the population",
        "flood and earthquake response",
    ),
    "ARM": (
        "armaments cooperation",
        "defence procurement",
        "life-cycle management of equipment",
        "standardisation",
        "codification of materiel",
        "quality assurance in defence acquisition",
    ),
    "NUC": (
        "nuclear safety",
        "radiological emergency preparedness",
        "security of radioactive sources",
        "nuclear incident response",
        "radiation monitoring",
        "safe transport of radioactive material",
    ),
    "ATM": (
        "civil-military air traffic management",
        "airspace management",
        "air situation data exchange",
        "flexible use of airspace",
        "air traffic control interoperability",
        "renegade aircraft procedures",
    ),
    "SCI": (
        "security-related science",
        "environmental security research",
        "energy security research",
        "advanced research workshops",
        "science for defence against terrorism",
        "information technology research networks",
    ),
    "DREF": (
        "defence reform",
        "democratic control of armed forces",
        "building integrity in defence",
        "human resources management in defence",
        "transparency of defence institutions",
        "gender perspectives in defence",
    ),
    "DDR": (
        "demobilisation",
        "reintegration of former military personnel",
        "retraining of released officers",
        "base conversion",
        "resettlement programmes",
        "veterans' affairs",
    ),
    "CYBER": (
        "cyber defence",
        "incident handling for computer emergency teams",
        "protection of communication and information systems",
        "cyber defence policy",
        "secure network management",
        "cyber exercises planning",
    ),
    "EDU": (
        "defence education",
        "curriculum development for military academies",
        "faculty development",
        "staff officer education",
        "distance learning",
        "NATO standards for military training",
    ),
    "LOG": (
        "logistics",
        "multinational logistics",
        "movement and transportation",
        "medical support",
        "fuel and energy logistics",
        "logistic planning for deployed forces",
    ),
    "DISARM": (
        "disarmament",
        "demining and explosive ordnance disposal",
        "destruction of surplus munitions",
        "mine action",
        "landmine victim assistance",
        "clearance of unexploded ordnance",
    ),
    "LANG": (
        "English language",
        "French language",
        "military terminology",
        "language testing to NATO standards",
        "language teacher development",
        "language for peace-support operations",
    ),
    "MILGEO": (
        "military geography",
        "geospatial information",
        "mapping and charting standards",
        "hydrography",
        "geospatial support to operations",
        "geographic information systems",
    ),
}

#: Title patterns per format ({topic} is filled in).
PATTERNS: dict[str, str] = {
    "COURSE": "Course on {topic}",
    "SEMINAR": "Seminar on {topic}",
    "WORKSHOP": "Workshop on {topic}",
    "EXERCISE": "Exercise: {topic}",
    "CONFERENCE": "Conference on {topic}",
    "TRAINING": "Training in {topic}",
    "OTHER": "Expert visit on {topic}",
}

#: Qualifiers appended to titles (the first is none).
QUALIFIERS: tuple[str, ...] = (
    "",
    " (basic)",
    " (advanced)",
    " for senior officials",
    " for non-commissioned officers",
    " — train the trainers",
    " for staff officers",
    " for civilian officials",
)

#: Durations in days per format: (shortest, longest).
DURATIONS: dict[str, tuple[int, int]] = {
    "COURSE": (5, 15),
    "SEMINAR": (2, 4),
    "WORKSHOP": (2, 4),
    "EXERCISE": (5, 12),
    "CONFERENCE": (1, 3),
    "TRAINING": (3, 10),
    "OTHER": (1, 3),
}

#: Organisers: NATO bodies of the reference data, then a few Allies and partners.
NATO_ORGANISERS: tuple[str, ...] = (
    "NATO-IS",
    "NSO",
    "SHAPE",
    "EADRCC",
    "JFC-NAPLES",
    "JFC-BRUNSSUM",
    "LANDCOM",
    "AIRCOM",
    "NSPA",
    "MC",
)
NATION_ORGANISERS: tuple[str, ...] = (
    "USA",
    "DEU",
    "TUR",
    "GBR",
    "ITA",
    "POL",
    "ROU",
    "CHE",
    "AUT",
    "SWE",
    "FIN",
    "GEO",
)
#: The organiser most areas lean towards (others are drawn from the lists above).
AREA_ORGANISER: dict[str, str] = {
    "CEP": "EADRCC",
    "EDU": "NSO",
    "LANG": "NSO",
    "ARM": "NSPA",
    "LOG": "NSPA",
    "CMPSO": "SHAPE",
    "ATM": "AIRCOM",
    "DPLAN": "NATO-IS",
    "DREF": "NATO-IS",
    "SCI": "NATO-IS",
}

LANGUAGES: tuple[str, ...] = ("English",) * 8 + ("English, French", "English, Russian")

#: Restricted eligibility: frameworks (most activities are open to every partner).
FRAMEWORK_SETS: tuple[tuple[str, ...], ...] = (
    ("EAPC_PFP",),
    ("MD", "ICI"),
    ("EAPC_PFP", "GLOBAL"),
    ("MD",),
)
#: Restricted eligibility: listed nations (regional activities).
NATION_SETS: tuple[tuple[str, ...], ...] = (
    ("ARM", "AZE", "GEO"),
    ("KAZ", "KGZ", "TJK", "TKM", "UZB"),
    ("MDA", "UKR"),
    ("BIH", "MNE", "SRB"),
)

#: Audiences named in descriptions.
AUDIENCES: tuple[str, ...] = (
    "officers and civilian officials of partner nations",
    "staff of ministries of defence and foreign affairs",
    "instructors of partner training institutions",
    "national points of contact",
)

ILLUSTRATIVE_NOTE = (
    "Illustrative: generated for the partnerdesk demo from our own title parts. The real "
    "menu's entries and codes are not public; only its size (about 1,400 activities a year "
    "from 2014 onward, domain.md §3.2 [S7] [S8] [S89]) and its areas of cooperation are."
)
