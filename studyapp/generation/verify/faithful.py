"""Rules that keep a card to what its source says: nothing added, no quotation altered, no fact pinned on the
wrong subject, no 'not', 'and' or attribution lost."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from studyapp.generation.coreference import mention_text
from studyapp.generation.lexicon import NEGATIONS, OPINION_VERBS, QUESTION_FRAME_WORDS
from studyapp.generation.verify.alignment import tops
from studyapp.generation.verify.problems import Problem

if TYPE_CHECKING:
    from spacy.tokens import Token

    from studyapp.generation.verify.view import CardView

_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")
_FUNCTION_POS = frozenset({"AUX", "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PART", "PUNCT", "SPACE", "SYM"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass")


def _is_content(token: Token) -> bool:
    return not (token.is_punct or token.is_space or token.pos_ in _FUNCTION_POS or token.is_stop)


def _source_words(view: CardView) -> set[str]:
    words = {t.lower_ for t in view.source} | {t.lemma_.lower() for t in view.source}
    return words | view.allowed


def unsupported_word(view: CardView) -> Problem | None:
    """Every content word and name of the card (question and answer) comes from its source, title, headings
    or a recorded rewrite; question templates may add their own frame words."""
    known = _source_words(view)
    for token in view.text:
        if not _is_content(token):
            continue
        lower, lemma = token.lower_, token.lemma_.lower()
        if lower in known or lemma in known:
            continue
        if not view.is_cloze and (lower in QUESTION_FRAME_WORDS or lemma in QUESTION_FRAME_WORDS):
            continue
        if "-" in lower and all(part in known for part in lower.split("-") if part):
            continue
        return Problem.UNSUPPORTED_WORD
    if not view.is_cloze:
        source_text = view.source.text.lower()
        answer_words = re.findall(r"[\w'-]+", view.draft.answer.lower())
        if any(word not in known and word not in source_text for word in answer_words):
            return Problem.UNSUPPORTED_WORD
    return None


def added_words(view: CardView) -> Problem | None:
    """A cloze is its source sentence with parts left out: a word it adds must come from a recorded rewrite."""
    if view.alignment is None:
        return None
    for index in view.alignment.added:
        token = view.text[index]
        if token.is_punct or token.is_space or token.tag_ == "POS":
            continue
        if token.lower_ not in view.allowed:
            return Problem.UNSUPPORTED_WORD
    return None


def altered_quotation(view: CardView) -> Problem | None:
    """A quotation is given as said or not at all: every quoted stretch of the card is in the source word for
    word, and a card that uses three words running of a quotation keeps the whole quotation."""
    card = view.text.text
    source = view.source.text
    for quoted in _QUOTED.findall(card):
        if quoted.strip() not in source:
            return Problem.ALTERED_QUOTATION
    card_words = " ".join(re.findall(r"[\w'-]+", f"{card} {view.draft.answer}".lower()))
    for quoted in _QUOTED.findall(source):
        words = re.findall(r"[\w'-]+", quoted.lower())
        if len(words) < 3:
            continue
        shares_run = any(" ".join(words[i : i + 3]) in card_words for i in range(len(words) - 2))
        if shares_run and " ".join(words) not in card_words:
            return Problem.ALTERED_QUOTATION
    return None


def lost_negation(view: CardView) -> Problem | None:
    """A card that keeps a negated word of its source keeps the negation ("did not win" never becomes "won")."""
    if any(t.lower_ in NEGATIONS for t in view.text) or any(w in NEGATIONS for w in view.draft.answer.lower().split()):
        return None
    card_words = {t.lemma_.lower() for t in view.text if _is_content(t)}
    for token in view.source:
        if token.dep_ == "neg" or token.lower_ in NEGATIONS:
            anchor = token.head if token.dep_ in ("neg", "det", "advmod", "preconj", "cc") else token
            objects = (c for c in anchor.children if c.dep_ in ("dobj", "attr", "acomp", "pobj"))
            if anchor.lemma_.lower() in card_words or any(c.lemma_.lower() in card_words for c in objects):
                return Problem.LOST_NEGATION
    return None


def lost_structure(view: CardView) -> Problem | None:
    """A cloze keeps one connected piece of its source sentence, and nothing that held it together: not the
    'and' or the partner of a kept conjunct ("between the northern suburbs [and the centre]"), not a kept
    verb's subject (unless a rewrite or a promoted relative clause stands in), not the opinion verb its
    content hangs from ("Blanchard argued that a target of 4 percent would ...")."""
    if view.alignment is None or not len(view.source):
        return None
    in_card = view.alignment.in_card
    found = tops(view.source, in_card)
    if len(found) > 1:
        return Problem.MERGED_CLAUSES
    for token in view.source:
        if token.i in in_card or token.is_punct:
            continue
        head = token.head
        if head.i not in in_card:
            continue
        if lost_coordination(token, in_card):
            return Problem.LOST_COORDINATION
        if token.dep_ == "dobj" and head.pos_ == "VERB":
            return Problem.MERGED_CLAUSES  # "One visitor compared [it] to a bin"
        if token.dep_ in _SUBJECTS and not any(c.i in in_card for c in head.children if c.dep_ in _SUBJECTS):
            return Problem.MERGED_CLAUSES
    if found and _under_dropped_opinion(found[0], view):
        return Problem.LOST_ATTRIBUTION
    if found and _bare_verb_without_auxiliary(found[0], in_card):
        return Problem.FRAGMENT
    return None


def lost_coordination(token: Token, in_card: frozenset[int]) -> bool:
    """A dropped token, whose head the card keeps, that joined two things: the 'and' between two kept
    conjuncts, or the partner of a kept noun ("one [and a half] litres", "between the suburbs [and the
    centre]", "the remains of Marie [and Pierre Curie]")."""
    head = token.head
    conjuncts = [c.i for c in head.children if c.dep_ == "conj" and c.i in in_card]
    if token.dep_ == "cc" and conjuncts and head.i < token.i < max(conjuncts):
        return True
    predicate = head.dep_ in ("attr", "acomp", "oprd")  # "is the largest moon [and the only one ...]": two facts
    verbal = token.pos_ in ("VERB", "AUX") or head.pos_ in ("VERB", "AUX")
    return token.dep_ == "conj" and not verbal and not predicate


def _bare_verb_without_auxiliary(top: Token, in_card: frozenset[int]) -> bool:
    """ "The JASSM be fixed to aircraft": a bare verb whose "can" stayed with a dropped partner verb."""
    if top.dep_ == "ROOT" or top.pos_ not in ("VERB", "AUX"):
        return False
    chain = sorted(
        [top, *(c for c in top.children if c.dep_ in ("aux", "auxpass") and c.i in in_card)], key=lambda t: t.i
    )
    return chain[0].tag_ == "VB"


def _under_dropped_opinion(token: Token, view: CardView) -> bool:
    """The token's clause is the content of an opinion verb ("argued that ...") the card does not keep."""
    current = token
    while current.head != current:
        if (
            current.dep_ in ("ccomp", "xcomp")
            and current.head.lemma_ in OPINION_VERBS
            and not view.in_card(current.head)
        ):
            return True
        current = current.head
    return False


def wrong_subject(view: CardView) -> Problem | None:
    """A question's subject is the subject its source gives that verb ("How is Bernoulli numbers regarded?"
    when the source regards the algorithm), and its content is not an opinion stated as fact."""
    if view.is_cloze:
        return None
    asked_verb = view.asked_verb
    verb = view.verb or (asked_verb if asked_verb is not None and asked_verb.lemma_ not in ("be", "have") else None)
    root = next((t for t in view.text if t.dep_ == "ROOT"), None)
    if verb is None or root is None:
        return None
    if _under_dropped_opinion(verb, view):
        return Problem.LOST_ATTRIBUTION
    asked = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    given = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if given is None and verb.dep_ == "acl":
        given = verb.head  # "a ring called the zodiac": what is called the zodiac is the ring
    if asked is None or given is None or asked.lower_ in ("what", "who", "which"):
        return None
    if view.verb is None and view.asked is not None and asked.i in view.asked.wh:
        return None  # "How many kilograms have the corms weighed?" parsed with the wh-phrase as its subject
    content = [t for t in asked.subtree if not t.is_stop]
    asked_words = {t.lemma_.lower() for t in content} | {t.lower_ for t in content}
    if given.pos_ == "PRON" and given.lower_ not in ("who", "which", "that"):
        replaced = {
            w for r in view.draft.rewrites if r.original.lower() == given.lower_ for w in r.replacement.lower().split()
        }
        return None if not replaced or replaced & asked_words else Problem.WRONG_SUBJECT
    return None if _subject_heads(verb, given) & asked_words else Problem.WRONG_SUBJECT


def _is_name(token: Token) -> bool:
    """A name, not a description: "Jacques Chirac", never "82 fragments in all"."""
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_LABELS


def _subject_heads(verb: Token, given: Token) -> set[str]:
    """What the source's subject of ``verb`` may be called: itself, or for a relative clause its antecedent
    and, when that antecedent describes a subject ("Lovelace was a mathematician who is described as ..."),
    that subject too."""
    heads = {given.lemma_.lower(), given.lower_}
    for named in (c for c in given.children if c.dep_ == "appos" and _is_name(c)):  # "The president, Jacques Chirac,"
        heads |= {named.lemma_.lower(), named.lower_}
    for agent in (c for c in verb.children if c.dep_ == "agent"):  # "was invented by Bell": Bell did it
        heads |= {t.lower_ for t in agent.subtree}
    if given.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        antecedent = verb.head
        heads |= {antecedent.lemma_.lower(), antecedent.lower_}
        if antecedent.dep_ == "appos":
            heads |= {antecedent.head.lemma_.lower(), antecedent.head.lower_}
        elif antecedent.dep_ == "attr":
            owner = next((c for c in antecedent.head.children if c.dep_ in _SUBJECTS), antecedent)
            heads |= {owner.lemma_.lower(), owner.lower_}
    return heads


_DATELINE = re.compile(r"^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*)(?:,| \(| [-–—])")


def dateline_subject(view: CardView) -> Problem | None:
    """ "PORT ESTANA, Aug 14 (Reuters) - The ministry awarded ...": the place of a dateline is never a subject."""
    found = _DATELINE.match(view.source.text)
    if found and len(found.group(1)) > 2 and found.group(1) in f"{view.text.text} {view.draft.answer}":
        return Problem.WRONG_SUBJECT
    return None


def _name_words(text: str) -> list[str]:
    """Words as names are compared: "Lovelace's" is "Lovelace"."""
    return [re.sub(r"(?:'s|’s|')$", "", w) for w in re.findall(r"[\w&'’-]+", text)]


def partial_name(view: CardView) -> Problem | None:
    """A name is given whole: "Holm" for the source's "Holm & Vester" is another firm."""
    card = " ".join(_name_words(f"{view.text.text} {view.draft.answer}"))
    for ent in view.source.ents:
        words = _name_words(mention_text(ent))
        words = words[1:] if words and words[0].lower() == "the" else words
        if ent.label_ not in _NAME_LABELS or len(words) < 2 or not words[0][:1].isupper():
            continue
        for match in re.finditer(rf"\b{re.escape(words[0])}\b", card):
            following = card[match.end() :].split()
            same = 0
            while same < len(words) - 1 and same < len(following) and following[same] == words[same + 1]:
                same += 1
            if same < len(words) - 1:
                return Problem.PARTIAL_NAME
    return None


def lossy_rewrite(view: CardView) -> Problem | None:
    """A rewrite may name what a description meant, never drop what it said: "the mitral valve" is not
    "the four valves", nor "the old ferry" just "the Marta Lind"."""
    source = view.source.text
    for rewrite in view.draft.rewrites:
        at = source.find(rewrite.original)
        span = view.source.char_span(at, at + len(rewrite.original), alignment_mode="expand") if at >= 0 else None
        if span is None:
            continue
        replacement = rewrite.replacement.lower()
        modifiers = [t for t in span if t.dep_ in ("amod", "compound", "nummod") and t.i != span.root.i]
        if any(t.lower_ not in replacement for t in modifiers):
            return Problem.LOSSY_REWRITE
    return None


RULES = (
    unsupported_word,
    lossy_rewrite,
    added_words,
    altered_quotation,
    lost_negation,
    lost_structure,
    wrong_subject,
    dateline_subject,
    partial_name,
)
