"""Every word list the generator consults, defined once.

The rules read words, not only parse labels: which pronouns a card cannot
explain, which nouns point back at a person, which verbs report speech.
Lists that look alike but answer different questions are kept apart and say
why; the pronoun sets are built from a few small ones so their overlap shows.
"""

from __future__ import annotations

ARTICLES = frozenset({"a", "an", "the"})
"""Determiners dropped when comparing or re-phrasing a noun phrase ("the US" ~ "US")."""

# Pronouns.  Third-person ones can be resolved to an earlier mention; first- and second-person ones and
# demonstratives cannot, so a card that keeps one is dropped.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
"""Pronouns that stand for a person: resolved to the latest person mentioned."""
THING_PRONOUNS = frozenset({"it", "its"})
"""Pronouns that stand for a thing, place or organisation."""
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
"""Pronouns that stand for a group."""
POSSESSIVE_PRONOUNS = frozenset({"his", "its", "their", "her"})
"""Pronouns whose resolution takes a possessive ending ("its" → "Taiwan's")."""
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
"""Third-person subject pronouns: a subject that says nothing on its own."""
PERSONAL_SUBJECT_PRONOUNS = SUBJECT_PRONOUNS & PERSON_PRONOUNS
""""he"/"she" as the next sentence's subject tells that a name belongs to a person."""
THING_OBJECT_PRONOUNS = frozenset({"it", "them"})
"""Object pronouns a cloze may resolve to an earlier thing ("a piece of it" → "a piece of the virus")."""
THIRD_PERSON_PRONOUNS = (PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS) - {"hers"}
"""Pronouns a cloze's context must resolve before the card can stand alone ("hers" is never a subject)."""
UNRESOLVABLE_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "this", "that", "these", "those"})
"""First/second person and demonstratives: no earlier mention can stand in for them on a card."""
DANGLING_PRONOUNS = THIRD_PERSON_PRONOUNS | {"this", "these", "we", "i", "you", "our"}
"""Pronouns that make a finished card's text unexplained ("that" is left out: it is mostly a conjunction)."""
VAGUE_SUBJECTS = SUBJECT_PRONOUNS | {"this"}
"""Openers that make a described thing too vague to ask about ("it is called X")."""

WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})
"""Question words: a second one inside a question means a relative clause was mangled."""
YES_NO_OPENERS = (
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "has",
    "have",
    "had",
    "will",
    "would",
    "should",
    "shall",
    "may",
    "might",
    "must",
)
"""Auxiliaries that open a yes/no question, which makes a poor card."""

FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "its",
        "it",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "how",
        "many",
        "much",
        "s",
        "'s",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
    ]
)
"""Words that carry no meaning of their own when comparing a question with its answer or two cards."""
NAME_STOP_WORDS = ARTICLES | {"of", "'s"}
"""Words of a name that say nothing about which name it is ("the Bank of England" → bank, england)."""
HEDGES = frozenset({"about", "around", "almost", "nearly", "roughly"})
"""Approximations that do not make a different answer ("about 40,000" is "40,000")."""
APPROXIMATORS = HEDGES | frozenset(
    {"some", "only", "approximately", "just", "more", "less", "fewer", "than", "over", "under", "up", "to", "at"}
    | {"least", "most", "well", "barely", "exactly", "precisely", "almost"}
)
"""Words in front of a number that qualify it ("only about 40%", "more than 9,000"): the sentence keeps them,
a blank hides the number."""
FIRM_SUFFIXES = frozenset({"Sons", "Son", "Co", "Co.", "Company", "Brothers", "Partners", "Associates", "Daughters"})
"""The word after "and"/"&" that ends a firm's name ("Harland and Sons"): the name is one answer."""
ANSWER_NOISE = ARTICLES | HEDGES
"""Words ignored when telling whether two cards have the same answer ("the US" / "US")."""

CONNECTIVES = frozenset({"but", "and", "so", "yet", "however", "meanwhile", "also", "still", "or"})
"""Sentence-opening connectives a cloze drops: they point at a sentence the card does not show."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mx"})
"""Courtesy titles stripped from a name ("Mr Lee" → "Lee")."""
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""A date naming a month is worth learning even without a year."""

# Verbs.
REPORTING_VERBS = frozenset(
    {
        "say",
        "add",
        "tell",
        "state",
        "note",
        "explain",
        "claim",
        "argue",
        "report",
        "announce",
        "write",
        "insist",
        "warn",
        "suggest",
        "believe",
        "think",
        "ask",
    }
)
"""Verbs that frame reported content ("X said that ..."): questions skip the frame and keep the content."""
SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "note", "explain", "claim", "argue", "announce", "warn"})
"""The reporting verbs of speaking out loud: a person named only as their subject is just quoted, not the
story.  Narrower than ``REPORTING_VERBS`` on purpose: who "believes" or "thinks" something is often the fact."""
NAMING_VERBS = frozenset({"know", "call", "dub", "nickname", "term", "brand"})
"""Verbs that give a name ("known as", "called", "dubbed")."""
NAMING_PARTICIPLES = frozenset({"known", "called", "named", "dubbed", "termed"})
"""Participles by which an appositive names something else ("a practice known as ...")."""
DESCRIBING_VERBS = frozenset({"describe", "regard", "consider", "call", "see", "view", "hail", "credit"})
"""Passive verbs of describing ("is often described as the first ...")."""
REGARDING_VERBS = frozenset({"regard", "consider", "see", "view", "describe"})
"""Active verbs of regarding ("China regards Taiwan as ...")."""
LIGHT_VERBS = frozenset({"be", "have", "do", "make", "take", "get", "give", "become", "include", "see", "find"})
"""Verbs too general for their object to be the point of the sentence."""
MILESTONES = frozenset(
    [
        "bear",
        "born",
        "die",
        "found",
        "establish",
        "invent",
        "discover",
        "observe",
        "complete",
        "open",
        "publish",
        "adopt",
        "declare",
        "develop",
        "win",
        "award",
        "launch",
        "introduce",
        "sign",
        "elect",
        "release",
        "propose",
        "record",
        "independence",
        "hold",
        "build",
        "create",
        "begin",
        "end",
        "share",
        "first",
        "meet",
        "start",
    ]
)
"""Events whose date a reader is expected to know: births, deaths, firsts, foundings, discoveries, records."""
PLANNING_VERBS = frozenset({"hope", "plan", "aim"})
"""Verbs whose "by <date>" is a target, not an event."""

# Prepositions.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "on", "inside", "across"})
"""Prepositions before a named place that a where-question replaces."""
CONTAINING_PREPOSITIONS = frozenset({"in", "inside", "within", "on", "at"})
"""Prepositions before a common-noun place ("on ribosomes"); narrower, since "near"/"across" rarely locate
an action on a common noun."""
TIME_PREPOSITIONS = frozenset({"in", "on", "during", "at"})
"""Prepositions before a date that a when-question replaces."""

# Nouns.
PERSON_NOUNS = frozenset(
    [
        "man",
        "woman",
        "scientist",
        "researcher",
        "president",
        "minister",
        "leader",
        "official",
        "player",
        "author",
        "writer",
        "artist",
        "engineer",
        "physicist",
        "chemist",
        "economist",
        "explorer",
        "king",
        "queen",
        "emperor",
        "general",
        "coach",
        "striker",
        "manager",
        "captain",
        "inventor",
        "founder",
        "chief",
        "spokesman",
        "spokeswoman",
    ]
)
"""Nouns that point back at one named person ("the minister" → the latest person mentioned)."""
ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "bank",
        "team",
        "club",
        "agency",
        "organisation",
        "organization",
        "government",
        "party",
        "university",
        "manufacturer",
        "maker",
    }
)
"""Nouns that point back at a named organisation ("the company")."""
PLACE_NOUNS = frozenset(
    {"island", "country", "nation", "city", "state", "region", "town", "province", "capital", "territory"}
)
"""Nouns that point back at a named place ("the island")."""
PLACE_NAME_WORDS = frozenset({"lake", "mount", "river", "cape", "port", "fort", "gulf", "bay", "mountains", "isle"})
"""First words that make a name a place's whatever its entity label ("Lake Baikal")."""
PEOPLE_HEADS = frozenset(
    [
        "force",
        "troop",
        "soldier",
        "people",
        "person",
        "man",
        "woman",
        "worker",
        "scientist",
        "researcher",
        "official",
        "minister",
        "leader",
        "player",
        "team",
        "crew",
        "voter",
        "member",
        "engineer",
        "chemist",
        "physicist",
        "biologist",
        "economist",
        "historian",
        "author",
        "writer",
        "artist",
        "president",
        "king",
        "queen",
        "emperor",
        "general",
        "officer",
        "police",
        "army",
        "navy",
    ]
)
"""Head nouns of people or groups of them, asked with "Who" ("Taiwan's armed forces").  Wider than
``PERSON_NOUNS``: a group is a "who" but is never the antecedent of "he" or "she"."""
THING_HEADS = frozenset(
    [
        "bridge",
        "river",
        "lake",
        "sea",
        "ocean",
        "mountain",
        "mount",
        "peak",
        "volcano",
        "island",
        "spacecraft",
        "ship",
        "vessel",
        "ferry",
        "missile",
        "rocket",
        "aircraft",
        "engine",
        "machine",
        "computer",
        "bible",
        "book",
        "law",
        "act",
        "treaty",
        "plan",
        "deal",
        "railway",
        "railroad",
        "line",
        "road",
        "tunnel",
        "canal",
        "stadium",
        "cup",
        "trophy",
        "currency",
        "marathon",
        "race",
        "prize",
        "award",
        "festival",
        "museum",
        "tower",
        "building",
        "cathedral",
        "empire",
        "kingdom",
        "republic",
        "confederation",
    ]
)
"""Last words of names of things, asked with "What" whatever the entity label ("the Kestrel Bridge")."""
TITLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "governor",
        "mayor",
        "senator",
        "general",
        "admiral",
        "colonel",
        "captain",
        "coach",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "director",
        "secretary",
        "chief",
        "professor",
        "dr",
        "judge",
        "ambassador",
        "premier",
        "leader",
        "commander",
        "manager",
        "striker",
        "goalkeeper",
    ]
)
"""Titles and roles written in front of a name ("President Tsai"), which a card may ask about."""
TITLE_PREFIX_WORDS = TITLE_WORDS | {"vice", "deputy", "foreign", "finance", "defence", "defense"}
"""Words a title in front of a name may be made of ("Vice President", "Foreign Minister")."""
GENERIC_HEADS = frozenset(
    [
        "time",
        "way",
        "part",
        "number",
        "lot",
        "kind",
        "type",
        "sort",
        "thing",
        "role",
        "use",
        "place",
        "amount",
        "level",
        "end",
        "step",
        "year",
        "day",
        "rest",
        "form",
        "case",
        "point",
        "fact",
        "idea",
        "effect",
        "impact",
        "change",
        "chance",
        "result",
        "decision",
        "attention",
        "advantage",
        "look",
    ]
)
"""Nouns too general to be an answer ("the time", "a new way")."""
NOT_PLACES = frozenset(
    [
        "morning",
        "evening",
        "night",
        "week",
        "month",
        "period",
        "century",
        "decade",
        "era",
        "moment",
        "order",
        "addition",
        "general",
        "particular",
        "total",
        "practice",
        "theory",
        "response",
        "turn",
        "average",
        "fact",
        "part",
        "process",
        "form",
        "way",
        "time",
        "case",
        "setting",
        "condition",
        "manner",
        "terms",
        "term",
        "basis",
        "behalf",
        "effect",
        "contrast",
        "comparison",
        "future",
        "past",
        "end",
        "beginning",
        "start",
        "top",
        "side",
        "direction",
    ]
)
"""Nouns after "in"/"on"/"at" that name a time, a manner or an idiom ("in practice"), never a place."""

# Modifiers.
VAGUE_MODIFIERS = frozenset(
    [
        "other",
        "new",
        "same",
        "many",
        "several",
        "some",
        "more",
        "most",
        "few",
        "such",
        "own",
        "certain",
        "various",
        "different",
        "first",
        "last",
        "next",
        "main",
        "big",
        "small",
        "good",
        "great",
        "large",
        "little",
        "major",
        "important",
        "real",
        "whole",
        "similar",
        "key",
        "single",
    ]
)
"""Adjectives that do not make a common noun specific enough to ask for ("other things")."""


# The verifier's words (studyapp/generation/verify).
QUESTION_FRAME_WORDS = frozenset(
    {
        "abbreviation",
        "abbreviate",
        "call",
        "called",
        "define",
        "defined",
        "describe",
        "described",
        "happen",
        "kind",
        "know",
        "known",
        "mean",
        "name",
        "named",
        "number",
        "percentage",
        "refer",
        "stand",
        "term",
        "type",
        "year",
        "date",
        "many",
        "much",
        "long",
        "area",
        "size",
        "length",
        "height",
        "depth",
        "width",
        "weight",
        "distance",
    }
)
"""Words the question templates add around a fact ("What does X stand for?", "In what year ...")."""

NEGATIONS = frozenset({"not", "n't", "never", "no", "nor", "neither", "without", "none", "nobody", "nothing"})

CARD_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "him", "her", "his", "hers", "its", "their", "theirs", "them", "this", "these", "those"}
)
"""Pronouns a finished card may only use when it names what they refer to (quotations aside)."""

SUBORDINATORS = frozenset(
    {
        "when",
        "although",
        "though",
        "because",
        "while",
        "whilst",
        "if",
        "unless",
        "whereas",
        "since",
        "after",
        "before",
        "once",
        "as",
        "until",
        "so",
    }
)

WHO_ANSWER_HEADS = (
    PERSON_NOUNS
    | ORG_NOUNS
    | frozenset(
        {
            "actor",
            "actress",
            "admiral",
            "ambassador",
            "analyst",
            "architect",
            "army",
            "assistant",
            "astronaut",
            "astronomer",
            "athlete",
            "banker",
            "baron",
            "biochemist",
            "biologist",
            "bishop",
            "board",
            "boxer",
            "candidate",
            "carmaker",
            "chair",
            "chairman",
            "chairwoman",
            "champion",
            "chancellor",
            "colonel",
            "commander",
            "commission",
            "committee",
            "composer",
            "congress",
            "council",
            "count",
            "countess",
            "country",
            "court",
            "cyclist",
            "czar",
            "defender",
            "department",
            "designer",
            "diplomat",
            "director",
            "doctor",
            "duke",
            "dynasty",
            "earl",
            "editor",
            "entrepreneur",
            "family",
            "farmer",
            "geologist",
            "goalkeeper",
            "goldsmith",
            "governor",
            "head",
            "historian",
            "investor",
            "journalist",
            "judge",
            "khan",
            "knight",
            "lady",
            "lawyer",
            "lieutenant",
            "lord",
            "mathematician",
            "mayor",
            "merchant",
            "midfielder",
            "ministry",
            "missionary",
            "monk",
            "musician",
            "nation",
            "navigator",
            "navy",
            "novelist",
            "nurse",
            "officer",
            "painter",
            "parliament",
            "people",
            "person",
            "pharaoh",
            "philosopher",
            "physician",
            "pilot",
            "poet",
            "politician",
            "pope",
            "priest",
            "prime",
            "prince",
            "princess",
            "printer",
            "professor",
            "publisher",
            "referee",
            "ruler",
            "runner",
            "sailor",
            "scholar",
            "sculptor",
            "secretary",
            "senate",
            "senator",
            "sergeant",
            "singer",
            "skipper",
            "soldier",
            "specialist",
            "spokesperson",
            "state",
            "student",
            "sultan",
            "surgeon",
            "swimmer",
            "teacher",
            "tribe",
            "tsar",
            "union",
            "winner",
        }
    )
)
"""Heads of a phrase that can answer "Who ...?": people, and the bodies that act like them."""

WHERE_ANSWER_HEADS = frozenset(
    {
        "city",
        "town",
        "village",
        "country",
        "island",
        "region",
        "province",
        "state",
        "capital",
        "river",
        "lake",
        "mountain",
        "valley",
        "coast",
        "port",
        "harbour",
        "harbor",
        "sea",
        "ocean",
        "bay",
        "desert",
        "forest",
        "county",
        "district",
        "continent",
        "peninsula",
        "border",
        "shore",
        "site",
        "building",
        "museum",
        "palace",
        "cathedral",
        "church",
        "castle",
        "stadium",
        "laboratory",
        "lab",
        "station",
        "airport",
        "basin",
        "gulf",
    }
)

WHEN_ANSWER_WORDS = frozenset(MONTHS) | frozenset(
    {
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "century",
        "centuries",
        "decade",
        "year",
        "years",
        "bc",
        "bce",
        "ad",
        "ce",
        "morning",
        "evening",
        "night",
        "dawn",
        "noon",
        "midnight",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "month",
        "day",
    }
)

CHANGING_OFFICES = frozenset(
    {
        "president",
        "minister",
        "chancellor",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "director",
        "governor",
        "mayor",
        "secretary",
        "leader",
        "head",
        "chief",
        "coach",
        "manager",
        "captain",
        "champion",
        "holder",
        "record",
        "speaker",
        "commissioner",
        "ambassador",
        "editor",
        "king",
        "queen",
        "monarch",
        "premier",
    }
)
"""Offices and titles whose holder changes: "Who is the president of ...?" needs a date."""

CHANGING_MARKERS = frozenset({"current", "currently", "latest", "now", "incumbent", "reigning", "present"})
"""Words that say a fact holds only now."""

OPINION_VERBS = frozenset(
    {
        "argue",
        "suggest",
        "believe",
        "think",
        "claim",
        "propose",
        "predict",
        "fear",
        "hope",
        "expect",
        "speculate",
        "insist",
        "contend",
        "doubt",
        "suspect",
        "estimate",
        "reckon",
        "assume",
        "worry",
        "hypothesise",
        "hypothesize",
        "theorise",
        "theorize",
        "wonder",
    }
)
"""Verbs whose content is someone's view, not a fact: a card that drops the verb states the view as fact."""

ANAPHORIC_WORDS = frozenset(
    {"also", "such", "similar", "same", "latter", "aforementioned", "another", "likewise", "different", "instead"}
)
"""Words that point back at something the card does not show ("such batteries", "Economists also debate")."""

RELATIVE_TIME_WORDS = frozenset(
    {
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "recently",
        "currently",
        "now",
    }
)
"""Times that mean something only beside the article's date ("opened on Friday")."""

UNIQUE_REFERENTS = frozenset(
    {"world", "sun", "moon", "earth", "sky", "universe", "public", "internet", "atmosphere", "equator", "weather"}
)
"""Nouns "the" makes unique without an antecedent ("the deepest lake in the world")."""
