"""The grammar guard: a card must read as a whole sentence or a well-formed question whose wh-word fits."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from studyapp.domain.cloze import cloze_full
from studyapp.generation.lexicon import SUBORDINATORS, WHEN_ANSWER_WORDS, WHERE_ANSWER_HEADS, WHO_ANSWER_HEADS
from studyapp.generation.spans import capitalised_by_position
from studyapp.generation.verify.alignment import tops
from studyapp.generation.verify.problems import Problem
from studyapp.generation.verify.view import CardView

if TYPE_CHECKING:
    from spacy.tokens import Token

_STRAY = re.compile(r"\s[,.;:!?%)\]]|[,;:]\s*[,;:.!?]|\(\s*\)|\[\s*\]|^[,.;:)\]!?]|\s'\s|\s\"\s?[,.]")
_SECTION = re.compile(r"(?:^|\s)\d+(?:\.\d+)+\.?\s+[A-Z]|\b\d+\.\d+\.\d+\b|^\s*[IVX]+\.\s")
_DOUBLE_OK = frozenset({"had", "that", "is", "very", "far", "many", "bye", "no"})
_CLAUSE_OPENERS = SUBORDINATORS | {"where", "which", "who", "whose", "whom", "that", "what"}
_WH_START = re.compile(
    r"^(?:(?:in|on|at|by|to|for|from|with|of|after|before|during|since|until|under|over|into|against|among)\s+)?"
    r"(who|whom|whose|what|which|when|where|how many|how much|how long|how old|how far|how|why)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|dozen|dozens|hundreds|thousands|millions|several|a few|both|single)\b",
    re.IGNORECASE,
)
_TRAILING = frozenset({"only", "also", "too", "just", "even", "that", "which", "who", "the", "a", "an", "and", "or"})


def stray_punctuation(view: CardView) -> Problem | None:
    """ "... , " or "( )" or an unmatched bracket or quote left by cutting the sentence, a full stop inside it
    ("When did. patent ...?"), a capital in mid-sentence ("Inside The outer cylinder")."""
    if re.search(r"[a-z]\.\s+[a-z\d]", view.draft.question) or _MID_CAPITAL.search(view.draft.question):
        return Problem.STRAY_PUNCTUATION  # "When did. patent ...?", "The typewriter's successor. 2 of [...]"
    if _NOTE_SYMBOL.search(view.draft.question):
        return Problem.STRAY_PUNCTUATION  # "the term for = belt of volcanoes", "The - receiver"
    for token in view.text[1:]:
        previous = view.text[token.i - 1]
        capital = token.is_title and not token.is_sent_start and token.pos_ not in ("PROPN", "PRON", "X", "NUM")
        if capital and not token.ent_type_ and previous.is_alpha and previous.is_lower:
            return Problem.STRAY_PUNCTUATION  # "a run Straight up", "the mitosis of Daughter cells"
    for text in (view.draft.question, view.draft.answer):
        bare = text.replace("[...]", "X")
        if _STRAY.search(bare) or bare.count("(") != bare.count(")") or bare.count("“") != bare.count("”"):
            return Problem.STRAY_PUNCTUATION
        if bare.count('"') % 2:
            return Problem.STRAY_PUNCTUATION
    return None


def section_number(view: CardView) -> Problem | None:
    """ "How many chambers does 7.2.2 Chambers have?": a heading's number glued into the card."""
    if _SECTION.search(view.draft.question) or _SECTION.search(view.draft.answer):
        return Problem.SECTION_NUMBER
    return None


def doubled_word(view: CardView) -> Problem | None:
    words = [t.lower_ for t in view.text if t.is_alpha]
    for first, second in pairwise(words):
        if first == second and first not in _DOUBLE_OK:
            return Problem.DOUBLED_WORD
    return None


_NOTE_SYMBOL = re.compile(r"(?:^|\s)(?:=|->|→|←|<-|=>)(?:\s|$)|\b(?:the|a|an|The|A|An)\s+[-–]\s")
_MID_CAPITAL = re.compile(r"[a-z,] (?:The|A|An|Of|And|In|On|At|To|For|With|By)\b")
_NOTE_LABEL = re.compile(r"^[^:.?!\s]+(?:\s[^:.?!\s]+){0,3}:\s")
_EXAMPLE = re.compile(r"^(?:e\.g\.|i\.e\.|eg\b|cf\.)", re.IGNORECASE)


def fragment(view: CardView) -> Problem | None:
    """A cloze is a sentence: a verb, and not a subordinate or relative clause left alone ("When she
    finished in [...].", "Where the [...] spacecraft detected plumes").  Read from the source parse, which is
    more reliable than a parse of the shortened card."""
    if view.alignment is None:
        return None
    if _NOTE_LABEL.match(view.draft.question.replace("[...]", "X")) or _EXAMPLE.match(view.draft.question):
        return Problem.FRAGMENT  # "Zero-order kinetics: constant [...] per unit time", "e.g. HTTPS uses ..."
    kept = [t for t in view.source if t.i in view.alignment.in_card and not t.is_punct]
    verbs = [t for t in kept if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "aux", "auxpass")]
    if not verbs:
        return Problem.FRAGMENT
    found = tops(view.source, view.alignment.in_card)
    first = kept[0]
    if found and found[0].dep_ != "ROOT" and first.lower_ in _CLAUSE_OPENERS and first.head == found[0]:
        return Problem.FRAGMENT
    if first.lower_ in ("who", "whose", "whom", "which", "what", "where"):
        return Problem.FRAGMENT  # "Whose bid was [...] cheaper."
    top = found[0] if len(found) == 1 else None
    if top is not None and top.pos_ in ("VERB", "AUX") and top.tag_ in ("VBN", "VBG"):
        subjects = ("nsubj", "nsubjpass", "csubj", "expl")
        if not any(c.dep_ in subjects and c.i in view.alignment.in_card for c in top.children):
            return Problem.FRAGMENT  # "Invented by [...], 1945." names no one who invented what
    if re.search(r"\bbetween\b", view.draft.question) and not re.search(r"\band\b", cloze_full(view.draft.cloze)):
        return Problem.FRAGMENT  # "between the northern suburbs" without its second end
    return None


def _answer_labels(view: CardView) -> set[str]:
    return set() if view.answer is None else {t.ent_type_ for t in view.answer if t.ent_type_}


def _answer_head(view: CardView) -> tuple[str, str]:
    """The answer's head word (lemma) and part of speech, from the source parse when it has the answer."""
    if view.answer is not None and len(view.answer):
        root = view.answer.root
        return root.lemma_.lower(), root.pos_
    words = view.draft.answer.lower().split()
    return (words[-1] if words else ""), ""


def wrong_question_word(view: CardView) -> Problem | None:
    """The wh-word fits the answer: Who for people and bodies, When for times, How many for counts; What is
    not asked of a person ("What left England? Byron")."""
    if view.is_cloze:
        return None
    match = _WH_START.match(view.draft.question)
    if match is None:
        return Problem.WRONG_QUESTION_WORD
    wh = match.group(1).lower()
    answer = view.draft.answer
    labels = _answer_labels(view)
    head, pos = _answer_head(view)
    person_like = bool(labels & {"PERSON", "ORG", "NORP", "GPE"}) or head in WHO_ANSWER_HEADS
    if view.answer is not None and len(view.answer) and capitalised_by_position(view.answer.root):
        pos = "NOUN"  # "Turnout was 61 per cent": a common noun written first
    fits = True
    if wh in ("who", "whom", "whose"):
        fits = person_like or (pos == "PROPN" and not labels & {"DATE", "TIME", "LOC", "FAC", "PRODUCT"})
        described = _described(view)
        if described is not None and described.lemma_.lower() not in WHO_ANSWER_HEADS:
            fits = False  # "Who is the most famous telescope in orbit?", "Who is the former capital region ...?"
        if labels == {"GPE"} and view.text[0].dep_ not in ("nsubj", "nsubjpass"):
            fits = False  # "Who did Byron leave? England": a country acts, it is not whom someone leaves
    elif wh in ("what", "which") and re.match(r"(?:every|once|twice)\b", answer.lower()):
        fits = False  # "every six minutes" answers "How often ...?"
    elif wh in ("what", "which") and _NUMBER.search(answer) and re.search(r"\b(?:by|to|from)\?$", view.draft.question):
        fits = False  # "What is friction pushing the Moon away by? about 3.8 cm a year" asks "By how much"
    elif wh in ("what", "which"):
        naming = re.search(r"\bname\b|\bcalled\b|\bknown as\b|\bstand for\b", view.draft.question.lower())
        a_person = "PERSON" in labels or (pos == "PROPN" and not labels and view.text[0].dep_ in ("nsubj", "nsubjpass"))
        fits = bool(naming) or not a_person
    elif wh == "when":
        fits = bool(labels & {"DATE", "TIME", "EVENT"}) or bool(re.search(r"\d", answer))
        fits = fits or any(w in WHEN_ANSWER_WORDS for w in re.findall(r"[a-z]+", answer.lower()))
    elif wh == "how many":
        fits = bool(_NUMBER.search(answer))
    elif wh in ("how much", "how long", "how old", "how far"):
        fits = bool(_NUMBER.search(answer) or labels & {"MONEY", "QUANTITY", "PERCENT"})
    elif wh == "where":
        fits = bool(labels & {"GPE", "LOC", "FAC", "ORG"}) or head in WHERE_ANSWER_HEADS
        fits = fits or (pos == "PROPN" and not labels & {"PERSON", "DATE", "TIME"})
    return None if fits else Problem.WRONG_QUESTION_WORD


def _described(view: CardView) -> Token | None:
    """The common noun a "Who is ...?" question says its answer is: the copula's attribute, or its subject
    when the wh-word is the attribute ("Who is [the former capital region] of ...?")."""
    for token in view.text:
        if token.pos_ != "NOUN":
            continue
        if token.dep_ == "attr" or (token.dep_ == "nsubj" and token.head.lemma_ == "be" and _asks_attribute(token)):
            return token
    return None


def _asks_attribute(subject: Token) -> bool:
    return any(c.dep_ == "attr" and c.tag_ in ("WP", "WDT") for c in subject.head.children)


def agreement(view: CardView) -> Problem | None:
    """ "How is Bernoulli numbers regarded?", "What is the Negotiators from 195 countries?": a plural subject
    with a singular verb, or the reverse; a capitalised common noun counts too, a name does not ("the United
    States is")."""
    for token in view.text:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if token.pos_ == "PROPN" and (token.ent_type_ or token.tag_ != "NNPS"):
            continue
        auxiliaries = [c for c in token.head.children if c.dep_ in ("aux", "auxpass")]
        finite = [v.lower_ for v in (auxiliaries[:1] or [token.head]) if v.tag_ in ("VBZ", "VBP")]
        if token.tag_ in ("NNS", "NNPS") and any(v in ("is", "has", "does", "was") for v in finite):
            return Problem.AGREEMENT
        if token.tag_ == "NN" and finite and (auxiliaries[:1] or [token.head])[0].tag_ == "VBP":
            return Problem.AGREEMENT
        if token.tag_ in ("NN", "NNP") and not auxiliaries and token.head.tag_ == "VB":
            return Problem.AGREEMENT  # "a physical process behave identically"
    return None


def question_shape(view: CardView) -> Problem | None:
    """A question ends with one '?', has a verb, and does not trail off ("... that shared only?")."""
    if view.is_cloze:
        return None
    question = view.draft.question
    if question.count("?") != 1 or not question.endswith("?"):
        return Problem.FRAGMENT
    if re.search(r"\bbetween\b", question) and not re.search(r"\band\b", question):
        return Problem.FRAGMENT  # "the thin gap between the plug [and the cylinder]"
    words = [t for t in view.text if not t.is_punct]
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        return Problem.FRAGMENT
    if (
        len(words) > 1
        and words[0].lower_ in ("what", "who")
        and (words[1].pos_ == "ADV" or words[1].tag_ in ("VBN", "VBG") or words[1].lower_ in ("be", "been", "being"))
    ):
        return Problem.FRAGMENT  # "What far more can look black?", "What been Norway?", "What be Juice?"
    if re.match(r"how many \w+est\b|with how many\b", question.lower()):
        return Problem.FRAGMENT  # "How many largest centimetres ...?", "With how many stops will ...?"
    for token in view.text:
        modal = any(c.tag_ == "MD" for c in token.children)
        if modal and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
            return Problem.FRAGMENT  # "What will championship stones to open ...?"
    if words and words[-1].lower_ in _TRAILING:
        return Problem.FRAGMENT
    return None


def lowered_name(view: CardView) -> Problem | None:
    """ "What does ingenuity weigh?" for the helicopter Ingenuity: a name keeps its capital."""
    names = {t.lower_ for t in view.source if t.is_title and not t.is_sent_start and t.is_alpha and _alone(t)}
    lowered = {t.text for t in view.text if t.is_lower and t.is_alpha and not t.is_sent_start}
    common = {t.lower_ for t in view.source if t.is_lower}
    return Problem.STRAY_PUNCTUATION if (names & lowered) - common else None


def _alone(name: Token) -> bool:
    """A one-word name ("Ingenuity"), not a word of a longer one ("the Boston Marathon" asked as "which marathon")."""
    return name.dep_ != "compound" and not any(c.dep_ == "compound" for c in name.children)


def unclosed_aside(view: CardView) -> Problem | None:
    """ "The Moremi Game Reserve, on the eastern side of the delta was set aside ...": a cloze that keeps an
    aside between commas keeps both commas."""
    if view.alignment is None:
        return None
    in_card, tokens = view.alignment.in_card, list(view.source)
    if not tokens:
        return None
    doc, start, end = tokens[0].doc, tokens[0].i, tokens[-1].i + 1
    for token in tokens:
        if token.dep_ not in ("prep", "appos", "relcl", "acl", "advmod", "npadvmod") or token.i not in in_card:
            continue
        left, right = token.left_edge.i - 1, token.right_edge.i + 1
        if left < start or right >= end or doc[left].text != "," or doc[right].text != ",":
            continue
        inside = all(t.i in in_card for t in token.subtree if not t.is_punct)
        after = any(t.i in in_card for t in doc[right + 1 : end] if t.is_alpha)
        if inside and after and (left in in_card) != (right in in_card):
            return Problem.STRAY_PUNCTUATION
    return None


def semicolon_halves(view: CardView) -> Problem | None:
    """ "Mid-Atlantic Ridge; [...] sits on it.": each side of a ';' the card keeps is a clause of its own."""
    if view.alignment is None:
        return None
    kept = [t for t in view.source if t.i in view.alignment.in_card]
    halves: list[list[Token]] = [[]]
    for token in kept:
        if token.text == ";":
            halves.append([])
        else:
            halves[-1].append(token)
    if len(halves) == 1:
        return None
    for half in halves:
        if not any(t.tag_ in _FINITE and t.dep_ not in _DEPENDENT_CLAUSES for t in half):
            return Problem.FRAGMENT
    return None


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_DEPENDENT_CLAUSES = frozenset({"relcl", "acl", "advcl", "csubj", "pcomp", "amod", "aux", "auxpass"})


RULES = (
    stray_punctuation,
    section_number,
    doubled_word,
    fragment,
    agreement,
    wrong_question_word,
    question_shape,
    unclosed_aside,
    semicolon_halves,
)
SENTENCE_RULES = (lowered_name,)
"""Rules for a card from a sentence, not from a table row or a glossary entry ("the atomic number of neon")."""
