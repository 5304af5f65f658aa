"""Wh-questions from the dependency parse (subject, object, number and adjunct questions).

A question replaces one argument phrase of a clause (see ``clauses``) with the
right wh-phrase and inverts the rest: "Who ...", "How many N ...", "When ...",
"Where ...", "To whom ...".  Common-noun objects and places are asked only of
sentences no other pattern could use.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.generation.candidate import Candidate, span_of
from studyapp.generation.clauses import Clause, argument_heads, clauses, core_tokens, ends_clause, invert, render
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.lexicon import (
    CONTAINING_PREPOSITIONS,
    GENERIC_HEADS,
    LIGHT_VERBS,
    NOT_PLACES,
    PLACE_PREPOSITIONS,
    TIME_PREPOSITIONS,
    VAGUE_MODIFIERS,
)
from studyapp.generation.pattern_registry import (
    WH_HOW_MANY,
    WH_OBJECT,
    WH_OBJECT_NOUN,
    WH_QUANTITY,
    WH_SUBJECT,
    WH_WHEN,
    WH_WHERE,
    WH_WHERE_NOUN,
    Pattern,
)
from studyapp.generation.spans import (
    NAME_ENTS,
    NUMERIC_ENTS,
    is_useful_date,
    strip_honorific,
    wh_word,
    whole_answer,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from studyapp.generation.parsing import Sentence

_SINGULAR_AUX = {"are": "is", "were": "was", "have": "has", "do": "does"}


def _answer_label(head: Token) -> str:
    """The entity type of a phrase: its head's, else a name modifying it; not one inside a prepositional tail."""
    if head.ent_type_:
        return str(head.ent_type_)
    modifiers = [t.ent_type_ for t in head.children if t.ent_type_ and t.dep_ in ("compound", "poss", "nmod")]
    return str(modifiers[0]) if modifiers else ("PROPN" if head.pos_ == "PROPN" else "")


def _subject_question(clause: Clause, sentence: Sentence) -> Candidate | None:
    subject = clause.subject
    label = _answer_label(subject)
    if clause.subject_resolved or label not in NAME_ENTS | {"PROPN"} or subject.pos_ == "PRON":
        return None
    if _drops_a_conjunct(clause):
        return None
    doc = subject.doc
    body_ids = sorted(clause.predicate)
    if len(body_ids) < 3 or not any(doc[i].pos_ in ("NOUN", "PROPN", "NUM") for i in body_ids):
        return None
    replace = {}
    first = doc[body_ids[0]]
    if first.tag_ == "VB":
        return None
    if first.lower_ in _SINGULAR_AUX and first.i <= clause.verb.i:
        replace[first.i] = _SINGULAR_AUX[first.lower_]
    elif first.i == clause.verb.i and clause.verb.tag_ == "VBP":
        return None
    answer = clause.subject_text
    person = [
        e for e in sentence.ents if e.label_ == "PERSON" and subject.left_edge.i <= e.start and e.end <= subject.i + 1
    ]
    if person:
        answer = strip_honorific(person[-1].text)
    body = render((doc[i] for i in body_ids), {**clause.replace, **replace})
    wh = wh_word(label, subject)
    answer_tokens = {t.i for t in person[-1]} if person else core_tokens(subject)
    if wh is None or not whole_answer(answer_tokens, sentence.span):
        return None
    answer_span = span_of(sentence, answer_tokens)
    rewrites = (clause.subject_rewrites if answer == clause.subject_text else ()) + clause.predicate_rewrites
    return Candidate(WH_SUBJECT, f"{wh.capitalize()} {body}", answer, sentence, answer_span, rewrites)


def _number_question(clause: Clause, sentence: Sentence, number: Token) -> Candidate | None:
    """ "How many N ..." for a counted noun; the subject form needs no inversion."""
    noun = number.head
    doc = number.doc
    numeral = [t for t in number.subtree]
    if noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return None
    answer = render(numeral)
    answer_span = span_of(sentence, {t.i for t in numeral})
    noun_words = render(
        t for t in doc[noun.left_edge.i : noun.i + 1] if t.i not in {n.i for n in numeral} and t.dep_ != "det"
    )
    wh = f"How many {noun_words}"
    phrase = core_tokens(noun)
    if noun.i == clause.subject.i:
        if _drops_a_conjunct(clause):
            return None
        body = render((doc[i] for i in sorted(clause.predicate)), clause.replace)
        return Candidate(WH_HOW_MANY, f"{wh} {body}", answer, sentence, answer_span, clause.rewrites)
    if noun.i not in clause.predicate:
        return None
    removed = set(phrase)
    if noun.dep_ == "pobj" and noun.head.head.i != clause.verb.i:
        return None  # "with a group of five pacemakers": the count belongs to another noun
    if noun.dep_ == "pobj":
        removed.add(noun.head.i)
        wh = f"{noun.head.text.capitalize()} how many {noun_words}"
    inverted = _inverted(clause, removed)
    if inverted is None:
        return None
    return Candidate(WH_HOW_MANY, f"{wh} {inverted}", answer, sentence, answer_span, clause.rewrites)


def _argument_question(clause: Clause, sentence: Sentence, head: Token) -> Candidate | None:
    """Replace one object or prepositional phrase with a wh-phrase and invert the clause."""
    label = _answer_label(head)
    doc = head.doc
    phrase = core_tokens(head)
    answer_text = render(doc[i] for i in sorted(phrase))
    if label == "DATE" and not is_useful_date(answer_text):
        return None
    if label not in NAME_ENTS | NUMERIC_ENTS | {"DATE", "PROPN"} or not whole_answer(phrase, sentence.span):
        return None
    removed = set(phrase)
    if head.dep_ == "pobj":
        found = _prepositional_wh(clause, head, label, removed)
        if found is None:
            return None
        wh, pattern = found
    elif head.dep_ in ("dobj", "attr", "oprd", "dative") and label != "DATE":
        if head.dep_ == "attr" and clause.verb.lemma_ == "be":
            return None  # "What is X?" definitions are made by the copula pattern
        word = "how much" if label == "MONEY" else wh_word(label, head)
        if word is None:
            return None
        wh, pattern = word.capitalize(), WH_OBJECT
    else:
        return None
    inverted = _inverted(clause, removed)
    if inverted is None:
        return None
    return Candidate(pattern, f"{wh} {inverted}", answer_text, sentence, span_of(sentence, phrase), clause.rewrites)


def is_specific_noun_phrase(head: Token, phrase: set[int]) -> bool:
    """ "the spike protein", "messenger RNA", "lithium-ion batteries": a common noun modified by a compound or a
    describing adjective names something worth asking for; "the time", "a new way" or "other things" do not."""
    if head.pos_ != "NOUN" or head.lemma_.lower() in GENERIC_HEADS or head.lower_ in GENERIC_HEADS:
        return False
    doc = head.doc
    if any(doc[i].pos_ in ("PRON", "NUM") or doc[i].like_num or doc[i].ent_type_ for i in phrase):
        return False  # "its genetic code", "two vaccines": vague or a count, asked another way
    modifiers = [
        c
        for c in head.children
        if c.i < head.i
        and (c.dep_ == "compound" or (c.dep_ == "amod" and c.pos_ in ("ADJ", "VERB")))
        and c.lower_ not in VAGUE_MODIFIERS
    ]
    if not modifiers or any(c.lower_ in VAGUE_MODIFIERS for c in head.children if c.dep_ in ("amod", "det")):
        return False
    return len(phrase) <= 6


def _object_phrase(head: Token) -> set[int] | None:
    """The object's own words: its modifiers, the head and an "of" phrase.  A purpose ("to enter cells") or a
    prepositional phrase after it stays in the question; a relative clause or a participle makes it None."""
    phrase = {t.i for t in head.lefts for t in t.subtree} | {head.i}
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            phrase |= core_tokens(child)
        elif child.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            continue
        elif child.dep_ not in ("prep", "punct"):
            return None
    return phrase


def _common_object_question(clause: Clause, sentence: Sentence, head: Token) -> Candidate | None:
    """ "The virus uses the spike protein to enter cells" → "What does the virus use to enter cells?": a specific
    common-noun object is often the point of the sentence."""
    verb = clause.verb
    if head.dep_ != "dobj" or head.head.i != verb.i or verb.lemma_ in LIGHT_VERBS:
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    phrase = _object_phrase(head)
    if phrase is None or not is_specific_noun_phrase(head, phrase) or any(i in clause.replace for i in phrase):
        return None
    if not whole_answer(phrase, sentence.span):
        return None
    if any(c.dep_ == "prt" for c in verb.children):
        return None  # "set up the ..." keeps its particle after the object; not worth the risk
    doc = head.doc
    answer = render(doc[i] for i in sorted(phrase))
    inverted = _inverted(clause, set(phrase))
    if inverted is None or len(inverted.split()) < 3:
        return None
    return Candidate(WH_OBJECT_NOUN, f"What {inverted}", answer, sentence, span_of(sentence, phrase), clause.rewrites)


def _prepositional_wh(clause: Clause, head: Token, label: str, removed: set[int]) -> tuple[str, Pattern] | None:
    """(wh-phrase, pattern) for a prepositional object, adding what the wh-phrase replaces to ``removed``.

    "of 2 metres" → "What depths", "in 1977" → "When", "in Utah" → "Where", "to Ford" → "To whom".
    """
    doc = head.doc
    prep = head.head
    governor = prep.head
    if label in NUMERIC_ENTS and prep.lower_ == "of" and governor.pos_ == "NOUN" and governor.i in clause.predicate:
        noun_words = render(t for t in doc[governor.left_edge.i : governor.i + 1] if t.dep_ != "det")
        removed |= core_tokens(governor)
        if governor.dep_ == "pobj":
            removed.add(governor.head.i)  # "At what depths ...?", not "What depths ... at?"
            return f"{governor.head.text.capitalize()} what {noun_words}", WH_QUANTITY
        return f"What {noun_words}", WH_QUANTITY
    adjunct = wh_word(label, head, role="adjunct")
    if adjunct == "when":
        if prep.lower_ not in TIME_PREPOSITIONS:
            return None
        removed.add(prep.i)
        removed |= _when_extras(clause, head)
        return "When", WH_WHEN
    if adjunct == "where" and prep.lower_ in PLACE_PREPOSITIONS and governor.pos_ in ("VERB", "AUX"):
        removed.add(prep.i)
        return "Where", WH_WHERE
    if governor.pos_ in ("VERB", "AUX") and prep.lower_ in ("as", "with", "by", "for", "from", "to", "about"):
        word = wh_word(label, head)
        if word is None:
            return None
        wh = word.capitalize()
        if wh == "Who" and prep.lower_ != "by":
            removed.add(prep.i)
            return f"{prep.text.capitalize()} whom", WH_OBJECT  # "To whom did X sell it?"
        if not ends_clause(clause, head) or prep.lower_ == "to":
            return None  # a preposition stranded mid-question ("drop from in 2010 to ...") reads badly
        return wh, WH_OBJECT
    return None


def _when_extras(clause: Clause, date: Token) -> set[int]:
    """ "When was Ada Lovelace born?", not "... born Augusta Ada Byron in London?": a when-question
    keeps the verb's object, but not a name complement or a place."""
    extras: set[int] = set()
    for child in clause.verb.children:
        if child.i == date.head.i or child.i not in clause.predicate:
            continue
        if child.dep_ in ("oprd", "attr") and clause.verb.tag_ == "VBN":
            extras |= core_tokens(child)
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            if place is not None and place.ent_type_ in ("GPE", "LOC", "FAC"):
                extras |= core_tokens(child)
    return extras


def wh_questions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """Every subject, object, number and adjunct question the sentence's clauses allow."""
    for clause in clauses(sentence, tracker):
        subject_card = _subject_question(clause, sentence)
        if subject_card:
            yield subject_card
        doc = clause.verb.doc
        for i in sorted(clause.predicate | {clause.subject.i}):
            token = doc[i]
            if token.dep_ == "nummod" and token.ent_type_ == "CARDINAL":
                card = _number_question(clause, sentence, token)
                if card:
                    yield card
        for head in argument_heads(clause):
            if any(t.ent_type_ == "CARDINAL" and t.dep_ == "nummod" for t in head.children):
                continue
            card = _argument_question(clause, sentence, head)
            if card:
                yield card


def _inverted(clause: Clause, removed: set[int]) -> str | None:
    """``invert`` for a question, None when what the question keeps lost a conjunct (see ``_drops_a_conjunct``)."""
    return None if _drops_a_conjunct(clause, removed) else invert(clause, removed)


def _drops_a_conjunct(clause: Clause, removed: set[int] | frozenset[int] = frozenset()) -> bool:
    """ "sold to Harland and Sons" asked as "... sold to Harland?": a question that keeps one conjunct of a noun
    phrase and loses the other says less than the source, or something false."""
    doc = clause.verb.doc
    return any(
        child.dep_ == "conj" and child.i not in clause.predicate and doc[i].pos_ in ("NOUN", "PROPN", "NUM")
        for i in clause.predicate - removed
        for child in doc[i].children
    )


def common_object_questions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """Questions on specific common-noun objects; asked only of a sentence no other pattern could use, since
    next to a name or a number such an object is usually the lesser fact."""
    for clause in clauses(sentence, tracker):
        for head in argument_heads(clause):
            if not _answer_label(head):
                card = _common_object_question(clause, sentence, head) or _common_place_question(clause, sentence, head)
                if card:
                    yield card


def _common_place_question(clause: Clause, sentence: Sentence, head: Token) -> Candidate | None:
    """ "Cells build the protein on ribosomes" → "Where do cells build the protein?" → "on ribosomes"."""
    prep = head.head
    if (
        head.dep_ != "pobj"
        or prep.lower_ not in CONTAINING_PREPOSITIONS
        or prep.head.i != clause.verb.i
        or head.pos_ != "NOUN"
    ):
        return None
    if head.lemma_.lower() in NOT_PLACES | GENERIC_HEADS or clause.verb.lemma_ == "be" or not ends_clause(clause, head):
        return None
    phrase = _object_phrase(head)
    if phrase is None or len(phrase) > 5 or any(i in clause.replace for i in phrase):
        return None
    doc = head.doc
    if any(doc[i].pos_ in ("PRON", "NUM") or doc[i].like_num or doc[i].ent_type_ for i in phrase):
        return None
    if not any(c.dep_ in ("dobj", "nsubjpass") or c.dep_ == "auxpass" for c in clause.verb.children):
        return None  # "live in the cells", "happens in stages": an intransitive verb's place is often a manner
    inverted = _inverted(clause, set(phrase) | {prep.i})
    if inverted is None or len(inverted.split()) < 3:
        return None
    answer = f"{prep.text} {render(doc[i] for i in sorted(phrase))}"
    answer_span = span_of(sentence, phrase | {prep.i})
    return Candidate(WH_WHERE_NOUN, f"Where {inverted}", answer, sentence, answer_span, clause.rewrites)
