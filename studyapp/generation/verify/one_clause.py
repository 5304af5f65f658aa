"""One clause per card: a card's statement (the cloze filled in; the question with its answer in place of its
wh-phrase) is one clause of its source, in the source's order, never pieces of two stitched together.

Stitching is how a shortened sentence turns false: a subject from one clause with the predicate of another,
a relative clause pinned on the wrong noun, a question whose answer belongs to another clause.  When the
source parse cannot show the card is one clause, the card is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.generation.clauses import subject_of
from studyapp.generation.lexicon import PERSON_NOUNS, PERSON_PRONOUNS, WHO_ANSWER_HEADS
from studyapp.generation.verify.alignment import tops
from studyapp.generation.verify.faithful import lost_coordination
from studyapp.generation.verify.problems import Problem

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from studyapp.generation.verify.view import CardView

_CLAUSE_BREAKS = frozenset({";", ":", "—", "–", "--"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_SUBJECTS = ("nsubj", "nsubjpass")
_NOUN_MODIFIERS = ("relcl", "acl", "appos")
_MOVABLE = ("prep", "npadvmod", "advmod", "advcl", "agent")
_PAST_AUXILIARIES = frozenset({"had", "was", "were", "did"})
_NAMED_SUBJECTS = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT"})
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "man", "woman", "people", "ess")
_SENTENCE_END = (".", "!", "?", '"', "”", ")", "'")


def _dropped_between(source: Span | Doc, in_card: frozenset[int]) -> list[Token]:
    """Source tokens the card leaves out between its first and last kept content word (a question's "the" or
    "of" may line up with any of the source's)."""
    kept = sorted(i for i in in_card if not source.doc[i].is_punct and not source.doc[i].is_stop)
    if not kept:
        return []
    return [t for t in source if kept[0] < t.i < kept[-1] and t.i not in in_card]


def glued_clauses(view: CardView) -> Problem | None:
    """The card runs on over a clause boundary it drops: a ';', ':' or dash ("... collected in 1990 [: when
    scientists thawed it] 20 years later three worms revived"); a measure read as the subject of the next
    verb ("[rose] about 4 metres above the field hovered briefly"); a noun's modifier spliced onto a noun
    across a dropped clause ("for hikers [, many of whom cross ... in a sledge,] a wooden cart")."""
    lined_up = view.lined_up
    if lined_up is None:
        return None
    in_card, source = lined_up.in_card, view.source
    answer = frozenset(t.i for t in view.answer) if view.asked is not None and view.answer is not None else frozenset()
    dropped = _dropped_between(source, in_card - answer)  # "Term: definition" asks for the term across its ':'

    if any(t.text in _CLAUSE_BREAKS for t in dropped):
        return Problem.MERGED_CLAUSES
    dropped_verbs = {t.i for t in dropped if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass", "amod")}
    for token in source:
        if token.i not in in_card:
            continue
        before = token.left_edge.i - 1
        if token.dep_ in _SUBJECTS and before >= 0 and before not in in_card:
            previous = source.doc[before]
            if previous.pos_ == "VERB" and previous.dep_ not in ("amod", "aux", "auxpass"):
                return Problem.MERGED_CLAUSES
        if token.dep_ in _NOUN_MODIFIERS and token.head.i in in_card:
            low, high = sorted((token.head.i, token.i))
            if any(low < i < high for i in dropped_verbs):
                return Problem.MERGED_CLAUSES
    return None


def cut_short(view: CardView) -> Problem | None:
    """The card stops where its source's clause goes on: a bare participle kept as the card's verb while a
    finite verb of the same subject comes later and is dropped ("In [...] a force of Cuban exiles trained." from
    "... a force of Cuban exiles trained and backed by the CIA landed at the Bay of Pigs ...").  The participle
    describes the subject; the clause's own verb, and with it the fact, was cut off."""
    lined_up = view.lined_up
    if lined_up is None:
        return None
    in_card = lined_up.in_card
    for top in tops(view.source, in_card):
        if top.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in top.children):
            continue
        subject = next((c for c in top.children if c.dep_ == "nsubj" and c.i in in_card), None)
        if subject is None:
            continue
        later = (t for t in view.source if t.i > top.i and t.i not in in_card and t.tag_ in _FINITE_TAGS)
        if any(subject_of(t) == subject for t in later):
            return Problem.FRAGMENT
    return None


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _clause_head(token: Token) -> Token:
    """The verb whose clause a token is in (itself for a verb), through "happened to be" and "argued (that)
    it would" chains: a question may ask out of those, never out of a relative or adverbial clause."""
    current = token
    while current.head != current and current.pos_ not in ("VERB", "AUX"):
        current = current.head
    while current.dep_ in ("xcomp", "ccomp") and current.head != current:
        current = current.head
    return current


def asked_clause(view: CardView) -> Problem | None:
    """A question asks about one clause: its answer belongs to the verb it asks with, not to another clause
    ("What takes about 3 hours? — the wind blows"; "What did she lead the team that broke? — the cipher"),
    nor to a noun the question keeps ("Where were they moved to the cathedral? — Uppsala"); and it keeps
    the 'and' and both partners of what it names ("the remains of Anna [and Karl Berg]")."""
    if view.asked is None:
        return None
    in_card, verb, answer = view.asked.lined_up.in_card, view.asked_verb, view.answer
    asked = in_card - {t.i for t in answer} if answer is not None else in_card
    for token in view.source:  # the answer may be one of two ("Ganymede [and Callisto]"): partial_name sees names
        if token.i in in_card or token.is_punct or token.head.i not in in_card:
            continue
        if lost_coordination(token, in_card) and (token.dep_ == "cc" or token.head.i in asked):
            return Problem.LOST_COORDINATION  # "about 12 hours [and] 25 minutes apart" loses its 'and' anyway
    if verb is None or answer is None or not len(answer) or verb.i not in in_card:
        return None
    root = answer.root
    if root.pos_ in ("VERB", "AUX") and root.dep_ not in ("ccomp", "xcomp"):
        return Problem.MERGED_CLAUSES  # the answer is a clause of its own
    if _clause_head(root.head if root.head != root else root) != _clause_head(verb):
        return Problem.MERGED_CLAUSES
    if any(t.ent_type_ in ("DATE", "TIME") for t in answer):
        return None  # "in 1996" hangs from the verb, whatever noun the parser attached it to
    inside = {t.i for t in answer}
    current = root.head
    while current != verb and current.head != current:
        if current.i not in inside and current.pos_ in ("NOUN", "PROPN") and current.i in in_card:
            return Problem.GARBLED_QUESTION
        current = current.head
    return None


def question_order(view: CardView) -> Problem | None:
    """A question, its wh-phrase and inverted 'do' taken out, keeps its source's words in their order: a word
    of the source's core (subject, verb, object) found out of order means the question scrambled its
    clause; adverbials ("in 1928") may move."""
    if view.asked is None:
        return None
    lemmas: dict[str, list[Token]] = {}
    for token in view.source:
        lemmas.setdefault(token.lemma_.lower(), []).append(token)
    answer = {t.i for t in view.answer} if view.answer is not None else set()
    for index in view.asked.lined_up.added:
        token = view.text[index]
        if token.is_stop or token.is_punct or token.pos_ not in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
            continue
        found = [t for t in lemmas.get(token.lemma_.lower(), []) if t.i not in answer]
        if found and not any(_movable(t) for t in found):
            return Problem.GARBLED_QUESTION
    return None


def _movable(token: Token) -> bool:
    """Inside an adverbial, which a question may move to its end ("In 1928 Fleming ..." → "... in 1928?")."""
    current = token
    while current.head != current:
        if current.dep_ in _MOVABLE and current.head.pos_ in ("VERB", "AUX"):
            return True
        current = current.head
    return False


def inverted_tense(view: CardView) -> Problem | None:
    """The 'do' a question inverts keeps its source's tense: "did" asks about what happened ("will open" is
    not "did ... open"), "do"/"does" about what is ("opened" is not "does ... open")."""
    verb = view.asked_verb
    if view.asked is None or view.asked.do is None or verb is None:
        return None
    do = view.asked.do.lower_
    verb = _clause_head(verb)
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if any(c.tag_ == "MD" for c in verb.children):
        return Problem.GARBLED_QUESTION
    past = verb.tag_ == "VBD" or bool(auxiliaries & _PAST_AUXILIARIES)
    if (do == "did") != past:
        return Problem.GARBLED_QUESTION
    return None


def note_line_question(view: CardView) -> Problem | None:
    """ "What did Problem set?" from the note "Problem set 4 due Friday", "What does 2 server reply?" from
    "2 server replies SYN-ACK": a line with no sentence's end and a bare noun, not a name, where a subject
    would be is a note, not a clause to ask about."""
    if view.asked is None or view.source.text.rstrip().endswith(_SENTENCE_END):
        return None
    verb = view.asked_verb
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS] if verb is not None else []
    subject = subjects[0] if subjects else next((t for t in view.source if t.is_alpha), None)
    if subject is None or subject.tag_ not in ("NN", "NNS", "NNP") or subject.ent_type_ in _NAMED_SUBJECTS:
        return None
    bare = not any(c.dep_ in ("det", "poss") for c in subject.children)
    return Problem.GARBLED_QUESTION if bare else None


def relative_stand_in(view: CardView) -> Problem | None:
    """A relative pronoun promoted to a card's subject stands for the noun right before it, and agrees with
    it: not "the square ... , in honour of Anna Berg, who founded" (the square did not found a school), not
    the "comet" of "a model of the comet, which was shown" (the model may have been), not a thing for "who"."""
    lined_up = view.lined_up
    if lined_up is None:
        return None
    originals = {r.original.lower() for r in view.draft.rewrites} & _RELATIVE_PRONOUNS
    for token in view.source:
        if token.lower_ not in originals or token.i not in lined_up.in_card or token.dep_ not in _SUBJECTS:
            continue
        clause = token.head
        if clause.dep_ != "relcl":
            return Problem.WRONG_SUBJECT
        antecedent = clause.head
        between = [t for t in view.source.doc[antecedent.i + 1 : token.i] if not t.is_punct]
        if any(t.i not in {d.i for d in antecedent.subtree} for t in between):
            return Problem.WRONG_SUBJECT
        if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in ("NOUN", "PROPN") and not _is_amount(antecedent):
            return Problem.WRONG_SUBJECT  # "a model of the comet, which": the model or the comet
        if token.lower_ == "who" and not _is_person(antecedent):
            return Problem.WRONG_SUBJECT
    return None


def person_rewrite(view: CardView) -> Problem | None:
    """ "she" is replaced by a person, never by a thing ("In 1975 the prize became the first woman ..."); the
    parser cannot tell a name from a capitalised word, so any name passes."""
    for rewrite in view.draft.rewrites:
        if rewrite.original.lower() not in PERSON_PRONOUNS:
            continue
        words = set(rewrite.replacement.lower().removesuffix("'s").split())
        replaced = [t for t in view.text if t.lower_.removesuffix("'s") in words and not t.is_stop]
        if replaced and not any(_is_person(t) or t.pos_ == "PROPN" for t in replaced):
            return Problem.WRONG_SUBJECT
    return None


def _is_amount(token: Token) -> bool:
    """ "a frequency of 2.45 gigahertz": the amount and what it measures are one thing."""
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


def _is_person(token: Token) -> bool:
    """A person, people or a body of them, by name or noun ("dealer", "mathematician", "the council")."""
    lemma = token.lemma_.lower()
    named = token.ent_type_ in ("PERSON", "NORP", "ORG")
    return named or lemma in WHO_ANSWER_HEADS or lemma in PERSON_NOUNS or lemma.endswith(_PERSON_ENDINGS)


RULES = (
    cut_short,
    relative_stand_in,
    person_rewrite,
    glued_clauses,
    asked_clause,
    question_order,
    inverted_tense,
    note_line_question,
)
