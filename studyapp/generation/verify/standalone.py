"""Rules for a card that stands alone months later: it names what it is about, has one right answer, and does
not give that answer away."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.domain.cloze import CLOZE_RE
from studyapp.generation.coreference import is_vague_reference
from studyapp.generation.lexicon import (
    ANAPHORIC_WORDS,
    CARD_PRONOUNS,
    CHANGING_MARKERS,
    CHANGING_OFFICES,
    FUNCTION_WORDS,
    HEDGES,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_TIME_WORDS,
    UNIQUE_REFERENTS,
)
from studyapp.generation.spans import capitalised_by_position, is_useful_date
from studyapp.generation.verify.problems import Problem

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from studyapp.generation.verify.view import CardView

_INDEFINITE = re.compile(r"^(?:who|what|which)\s+(?:is|was|are|were)\s+(?:a|an|one|another|some)\b", re.IGNORECASE)
_WHAT_IS_NAME = re.compile(r"^(?i:what\s+(?:is|are|was|were)\s+(?:the\s+)?)(?:[A-Z][\w'-]*\s*)+\?$")
_QUOTE = re.compile(r"[\"“][^\"“”]*[\"”]")
_DISTINGUISHING_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_UNIQUE_WORDS = frozenset({"first", "last", "only", "sole", "oldest", "youngest", "largest", "biggest", "smallest"})
_SCENE_ENTS = frozenset({"DATE", "TIME"})
_MIN_CLOZE_WORDS = 3
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk"})
_TIME_UNITS = frozenset({"year", "day", "week", "month", "season", "time", "century", "decade", "summer", "winter"})
_NUMERIC_ANSWER = re.compile(r"\d|percent|\b(?:hundred|thousand|million|billion|dozen)s?\b", re.IGNORECASE)


def ambiguous_question(view: CardView) -> Problem | None:
    """A question with more than one right answer: "What is a moon of Saturn?", "What is Lake Baikal?", and a
    "What/Who did X?" whose predicate names nothing that makes its subject the only one."""
    if view.is_cloze:
        return None
    question = view.draft.question
    if _INDEFINITE.match(question) or _WHAT_IS_NAME.match(question):
        return Problem.AMBIGUOUS_QUESTION
    first = view.text[0] if len(view.text) else None
    if first is not None and first.lower_ in ("what", "who") and first.dep_ in ("nsubj", "nsubjpass"):
        distinct = any(t.ent_type_ in _DISTINGUISHING_ENTS or t.tag_ in ("JJS", "RBS", "JJR") for t in view.text)
        distinct = distinct or any(t.dep_ == "ccomp" for t in view.text)  # "Who showed that ...?"
        if not distinct and not any(t.lower_ in _UNIQUE_WORDS for t in view.text):
            return Problem.AMBIGUOUS_QUESTION
    return None


def _antecedent_before(token: Token) -> bool:
    """Something earlier in the card that the pronoun can refer to, agreeing in person and number."""
    lower = token.lower_
    for earlier in token.doc[: token.i]:
        if lower in PERSON_PRONOUNS:
            if earlier.ent_type_ == "PERSON" or (earlier.pos_ == "PROPN" and not earlier.ent_type_):
                return True
        elif lower in PLURAL_PRONOUNS:
            if earlier.tag_ in ("NNS", "NNPS") or earlier.ent_type_ in ("ORG", "NORP"):
                return True
        elif earlier.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def dangling_reference(view: CardView) -> Problem | None:
    """A word that points at something the card does not show: a pronoun with no antecedent in the card,
    "this/these/each ...", "such", "also"; and, for a card with no context line to name its topic, a bare
    "the missile"."""
    quoted: set[int] = set()
    for match in _QUOTE.finditer(view.text.text):
        quoted.update(range(match.start(), match.end()))
    for token in view.text:
        if token.idx in quoted:
            continue
        lower = token.lower_
        if lower in ANAPHORIC_WORDS or (token.dep_ == "det" and _points_back(token)):
            return Problem.DANGLING_REFERENCE
        if lower in CARD_PRONOUNS and token.pos_ in ("PRON", "DET") and not _antecedent_before(token):
            return Problem.DANGLING_REFERENCE
    if not view.has_context and any(_is_vague(chunk) for chunk in view.text.noun_chunks):
        return Problem.DANGLING_REFERENCE
    return None


def _points_back(determiner: Token) -> bool:
    """ "this method", "these bacteria", "each page" — but not "each year" or "each page of the Bible"."""
    noun = determiner.head
    if determiner.lower_ in ("this", "these", "those"):
        return noun.lemma_ not in _TIME_UNITS
    if determiner.lower_ == "each":
        return noun.lemma_ not in _TIME_UNITS and not any(c.dep_ in ("prep", "relcl", "acl") for c in noun.children)
    return False


def _is_vague(chunk: Span) -> bool:
    """ "the missile" with no title above it; "the first commercial battery" and "the world" are one of a kind."""
    unique = any(t.tag_ in ("JJS", "RBS") or t.ent_type_ == "ORDINAL" or t.lower_ in _UNIQUE_WORDS for t in chunk)
    return not unique and chunk.root.lemma_ not in UNIQUE_REFERENTS and is_vague_reference(chunk)


def missing_context(view: CardView) -> Problem | None:
    """The card leaves out what makes it mean something: an unnamed subject ("A professor ... designed"),
    a subject that is only an adjective ("The best known is ..."), too few words of its own ("[...] copies
    were printed."), or the when/where of its verb ("Many central banks turned to [...]" without "after the
    2008 crisis")."""
    opening = next((t.i for t in view.text if not t.is_punct), 0)
    for token in view.text:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT" or token.left_edge.i != opening:
            continue
        determiner = next((c.lower_ for c in token.children if c.dep_ == "det"), "")
        named = any(t.pos_ == "PROPN" or t.ent_type_ not in ("", "NORP") for t in token.subtree)
        if determiner in ("a", "an") and not named:
            return Problem.MISSING_CONTEXT
        if determiner == "the" and token.pos_ in ("ADJ", "VERB", "ADV"):
            return Problem.MISSING_CONTEXT
    if view.is_cloze:
        words = re.findall(r"[\w'-]+", view.draft.question.replace("[...]", " "))
        own = [w for w in words if w.lower() not in FUNCTION_WORDS and w.lower() not in HEDGES]
        named = any(w[:1].isupper() or w[:1].isdigit() for w in own[1:])
        named = named or (
            view.has_context and any(w.lower() in view.allowed for w in own)
        )  # "The canal is [...] long."
        if len(own) < _MIN_CLOZE_WORDS - named:
            return Problem.MISSING_CONTEXT  # "[...] copies were printed." (but "[...] is the capital of Kenya.")
    verb = view.verb
    answer_is_date = view.answer is not None and any(t.ent_type_ in ("DATE", "TIME") for t in view.answer)
    if verb is None or not _NUMERIC_ANSWER.search(view.draft.answer) or answer_is_date:
        return None  # a count or amount means little without its when and where; "met Babbage" does not
    scene = [c for c in verb.children if c.dep_ in ("prep", "npadvmod", "advcl", "advmod", "agent")]
    if verb.dep_ == "conj":
        scene += [c for c in verb.head.children if c.dep_ in ("prep", "npadvmod", "advcl") and c.i < verb.head.i]
    answer_text = view.draft.answer.lower()
    for child in scene:
        subtree = list(child.subtree)
        if any(view.in_card(t) for t in subtree if not t.is_punct and not (t.is_stop and t.is_alpha)):
            continue
        scenes = [
            e
            for e in child.doc.ents
            if e.label_ in _SCENE_ENTS
            and e.start >= child.left_edge.i
            and e.end <= child.right_edge.i + 1
            and e.text.lower() not in answer_text
        ]
        if any(is_useful_date(e.text) for e in scenes):
            return Problem.MISSING_CONTEXT
    return None


def _initials(text: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z]\w*", text) if word[0].isupper()).upper()


def trivial(view: CardView) -> Problem | None:
    """The question shows the answer: the answer's words, an acronym spelled by the question's own capitals,
    or a cloze that blanks part of a name or term whose rest stays in view ("Kourou, French [...]",
    "[...] targeting is a framework ...")."""
    draft = view.draft
    if not view.is_cloze:
        if _is_scrap(view) or _is_the_only_one(draft.answer):
            return Problem.TRIVIAL
        question = draft.question.replace("?", "")
        answer = draft.answer.strip()
        if answer.isupper() and len(answer) > 1 and re.sub(r"\W", "", answer) in _initials(question):
            return Problem.TRIVIAL
        return Problem.TRIVIAL if answer.lower() in question.lower() else None
    if view.answer is None:
        return None
    if _is_scrap(view) or _is_the_only_one(draft.answer):
        return Problem.TRIVIAL
    if re.search(r"\([^)]*\{\{c\d+::", draft.cloze):
        return Problem.TRIVIAL  # a blank in a parenthesis ("19.96 kg (44 pounds)") is an aside
    if re.search(r"\{\{c\d+::[^}]*\d[^}]*\}\}\s*\(\s*[\d.,]", draft.cloze):
        return Problem.TRIVIAL  # "[...] (3.05 metres)": the conversion beside the blank gives it away
    hidden = {t.i for t in view.answer}
    for ent in view.source.ents:
        inside = {t.i for t in ent if t.pos_ not in ("DET", "PUNCT")}
        if hidden < inside and ent.label_ not in _DISTINGUISHING_ENTS:
            return Problem.TRIVIAL
    root = view.answer.root
    quoted = re.search(rf"[\"“]{re.escape(draft.answer)}[\"”]", view.source.text)
    modifier = root.dep_ in ("compound", "amod") and root.head.i == root.i + 1 and not root.like_num
    if len(hidden) == 1 and modifier and not quoted:  # a quoted term is the point of its sentence
        return Problem.TRIVIAL
    match = CLOZE_RE.search(draft.cloze)
    if match is not None and match.group(2)[:1].isupper() and re.match(r"\s*[A-Z][a-z]+\b", draft.cloze[match.end() :]):
        return Problem.TRIVIAL if root.dep_ == "compound" else None
    return None


def _is_the_only_one(answer: str) -> bool:
    """An answer that is the only thing of its kind ("on [...]" → Earth, "orbit the [...]" → Moon): a reader
    guesses it from the card alone, so it tests nothing."""
    return re.sub(r"^the\s+", "", answer.strip(), flags=re.IGNORECASE).lower() in UNIQUE_REFERENTS


def _is_scrap(view: CardView) -> bool:
    """A blank that hides nothing worth learning: "one", "evening", or the one noun that says what the card
    is about ("[...] was 61 per cent" for "Turnout")."""
    answer = view.answer
    if answer is None:
        return False
    if view.draft.answer.lower() in ("one", "once", "some", "many", "most", "all", "both"):
        return True
    if view.draft.answer.lower() in _PARTS_OF_DAY | RELATIVE_TIME_WORDS:
        return True  # "since Thursday [...]" → "evening"
    root = answer.root
    common = root.pos_ == "NOUN" or capitalised_by_position(root)
    if len(answer) == 1 and common and root.dep_ in ("nsubj", "nsubjpass"):
        return True
    return _is_cut_short(view)


def _is_cut_short(view: CardView) -> bool:
    """An answer that is part of a phrase: "the Angolan" (highlands), "A long" (ridge), "between pH 6.0" (and
    7.0), "five" of "five or six", "science Derek de Solla Price", a number without its "per cent"."""
    answer = view.answer
    if answer is None or not len(answer):
        return False
    last, first = answer[-1], answer[0]
    inside = {t.i for t in answer}
    if re.search(rf"[\"“]{re.escape(view.draft.answer)}[\"”]", view.source.text):
        return False  # a quoted word is whole: 'an "asymmetrical" deterrent'
    if (last.pos_ in ("ADJ", "DET") or last.ent_type_ == "NORP") and last.head.i not in inside:
        return True
    if last.dep_ == "compound" and last.head.i == last.i + 1:
        return True  # "the Holy Roman" of "the Holy Roman Emperor"
    if first.lower_ == "between" and not any(t.lower_ == "and" for t in answer):
        return True
    if answer.root.pos_ == "NUM" and (
        answer.root.dep_ == "conj" or any(c.dep_ == "conj" for c in answer.root.children)
    ):
        return any(t.i not in {a.i for a in answer} for t in answer.root.subtree) or answer.root.dep_ == "conj"
    following = answer.doc[answer.end : answer.end + 2].text.lower() if answer.end < len(answer.doc) else ""
    if answer.root.like_num and following.startswith(("per cent", "percent")):
        return True
    return first.pos_ == "NOUN" and first.is_lower and len(answer) > 1 and answer[1].pos_ == "PROPN"


def clumsy_rewrite(view: CardView) -> Problem | None:
    """ "... inside giant tube worms' bodies" after "Giant tube worms": a pronoun resolved to a name the card
    already says reads worse than the pronoun did."""
    text = view.text.text.lower()
    for rewrite in view.draft.rewrites:
        name = rewrite.replacement.lower().removesuffix("'s").removesuffix("'").removeprefix("the ")
        if name and text.count(name) > 1:
            return Problem.CLUMSY_REWRITE
    return None


def is_changing_fact(view: CardView) -> bool:
    """Present-tense office holders and records, "current", or a time like "on Friday": true only as of the
    article's date."""
    words = {t.lemma_.lower() for t in view.text} | {t.lower_ for t in view.text}
    words |= {w.lower() for w in re.findall(r"[\w'-]+", view.draft.answer)}
    if words & CHANGING_MARKERS or any(_is_relative_time(t) for t in view.text):
        return True
    present = any(t.tag_ in ("VBZ", "VBP") and t.dep_ in ("ROOT", "auxpass", "aux") for t in view.text)
    holder = view.answer is not None and any(t.ent_type_ == "PERSON" for t in view.answer)
    holder = holder or bool(CHANGING_OFFICES & {w.lower() for w in view.draft.answer.split()})
    return present and holder and bool(words & CHANGING_OFFICES) and "former" not in words


def _is_relative_time(token: Token) -> bool:
    """ "on Friday", "yesterday" — but not "the second Tuesday of October"."""
    if token.lower_ not in RELATIVE_TIME_WORDS:
        return False
    previous = token.doc[token.i - 1] if token.i else None
    ordinal = previous is not None and (previous.ent_type_ == "ORDINAL" or previous.lower_ in ("every", "each"))
    return not ordinal and not any(c.lower_ == "of" for c in token.children)


RULES = (ambiguous_question, dangling_reference, missing_context, trivial, clumsy_rewrite)
