"""Who holds which role and what a thing is called: appositives ("Mr Lee, head of X"), titles in front of a
name ("Taiwan's President Tsai"), "known as"/"called"/"dubbed", and named antecedents of relative clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.candidate import Candidate, span_of
from studyapp.generation.clauses import DO_FORMS, core_tokens, phrase_text, render, render_ids
from studyapp.generation.cloze import make_cloze
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.lexicon import (
    ARTICLES,
    NAMING_VERBS,
    ORG_NOUNS,
    PLACE_NOUNS,
    TITLE_PREFIX_WORDS,
    VAGUE_SUBJECTS,
)
from studyapp.generation.pattern_registry import (
    APPOSITIVE,
    APPOSITIVE_ROLE,
    BARE_TITLE_ROLE,
    KNOWN_AS,
    KNOWN_AS_CLOZE,
    RELATIVE_CLAUSE,
    TITLE,
    TITLE_ROLE,
)
from studyapp.generation.spans import strip_honorific, wh_word, whole_answer

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from studyapp.generation.parsing import Sentence

MAX_ROLE_WORDS = 10


def appositives(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Mr Lee, head of X," and "Taiwan's President Tsai": who holds the role, and which role."""
    for token in sentence.span:
        if token.dep_ == "appos":
            yield from _appositive_pair(sentence, token.head, token, tracker)
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            yield from _title_before_name(sentence, token, tracker)


def _entity_text(sentence: Sentence, head: Token, tracker: MentionTracker) -> tuple[Span, str] | None:
    """The named entity ``head`` belongs to and the name a card calls it by (a person's fullest name)."""
    ent = next((e for e in sentence.ents if e.start <= head.i < e.end), None)
    if ent is None:
        return None
    if ent.label_ == "PERSON":
        return ent, tracker.canonical_person(strip_honorific(ent.text))
    return (ent, ent.text) if ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT") else None


def _renamed(ent: Span, name: str) -> tuple[Rewrite, ...]:
    """ "Mr Lee" → "Lee Shih-chiang": the substitution a card makes by naming an entity its fullest way."""
    return (Rewrite(ent.text, name),) if name != ent.text else ()


def _appositive_pair(sentence: Sentence, head: Token, appos: Token, tracker: MentionTracker) -> Iterator[Candidate]:
    name_head, role_head = (head, appos) if head.ent_type_ else (appos, head)
    if role_head.ent_type_ or role_head.pos_ not in ("NOUN",):
        return
    entity = _entity_text(sentence, name_head, tracker)
    if entity is None:
        return
    ent, name = entity
    if not _right_after_its_head(head, appos, ent):
        return
    role_tokens = core_tokens(role_head)
    role = render(role_head.doc[i] for i in sorted(role_tokens))
    if len(role.split()) > MAX_ROLE_WORDS or len(role.split()) < 2 or not whole_answer(role_tokens, sentence.span):
        return  # "a Moroccan scholar and explorer" is not "Moroccan scholar"
    tagged_person = name_head.ent_type_ == "PERSON"
    is_person = tagged_person and role_head.lemma_.lower() not in PLACE_NOUNS | ORG_NOUNS
    specific = any(child.dep_ in ("prep", "poss") for child in role_head.children)
    if not is_person and not specific:
        return
    wh = "What" if tagged_person and not is_person else (wh_word(ent.label_, name_head, role="identity") or "what")
    wh = wh.capitalize()  # "Angkor, the former capital region": a place, whatever the tagger called it
    fact = f"role:{name}"
    rewrites = _renamed(ent, name)
    yield Candidate(APPOSITIVE, f"{wh} is {_the(role)}?", name, sentence, span_of(sentence, ent), rewrites, fact=fact)
    if is_person:
        question = f"What position does {name} hold?"
        role_span = span_of(sentence, role_tokens)
        yield Candidate(APPOSITIVE_ROLE, question, _drop_article(role), sentence, role_span, rewrites, fact=fact)


def _right_after_its_head(head: Token, appos: Token, ent: Span) -> bool:
    """An appositive describes the phrase right before its comma: a description follows the name itself
    ("Angkor, the former capital region"), a name follows the whole role ("the president of France, Emmanuel
    Macron").  A description after "... of X," that the parser hangs on a word before X may describe either
    ("the best-known monument of Angkor, the former capital region"), and a dash or a bracket in between is no
    apposition ("LE BOURGET, France (Reuters) - Negotiators from 195 countries"), so neither makes a card."""
    comma = appos.left_edge.i - 1
    if comma <= head.i or head.doc[comma].text != ",":
        return False
    before = head.doc[comma - 1]
    if appos.ent_type_:
        return before.i == max(core_tokens(head))
    return ent.start <= before.i < ent.end or _inside_name(before, head)


def _inside_name(token: Token, name: Token) -> bool:
    """ "Lee Shih-chiang" cut by the tagger: the token hangs from the name without an "of X" in between."""
    while token != name and token.head != token:
        if token.dep_ in ("prep", "pobj", "appos", "conj"):
            return False
        token = token.head
    return token == name


def _the(role: str) -> str:
    first = role.split()[0].lower()
    if first in ARTICLES or "'" in role.split()[0] or "’" in role.split()[0]:
        return role
    return f"the {role}"


def _drop_article(role: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.IGNORECASE)


def _title_before_name(sentence: Sentence, first: Token, tracker: MentionTracker) -> Iterator[Candidate]:
    """Titles written in front of a name ("Taiwan's President Tsai Ing-wen")."""
    doc = first.doc
    start = first.i
    while start > sentence.span.start and doc[start - 1].lower_ in TITLE_PREFIX_WORDS:
        start -= 1
    if start == first.i:
        return
    owner = ""
    if start - 2 >= sentence.span.start and doc[start - 1].tag_ == "POS" and doc[start - 2].ent_type_:
        owner_start = start - 2
        while owner_start - 1 >= sentence.span.start and doc[owner_start - 1].ent_iob_ == "I":
            owner_start -= 1
        owner = doc[owner_start : start - 1].text
    entity = _entity_text(sentence, first, tracker)
    if entity is None:
        return
    ent, name = entity
    rewrites = _renamed(ent, name)
    title = doc[start : first.i].text
    role = f"{title} of {owner}" if owner else title
    asked = f"{owner}'s {title}" if owner else f"the {title}"
    fact = f"role:{name}"
    if owner or len(title.split()) > 1:
        yield Candidate(TITLE, f"Who is {asked}?", name, sentence, span_of(sentence, ent), rewrites, fact=fact)
    pattern = TITLE_ROLE if owner else BARE_TITLE_ROLE
    title_span = span_of(sentence, doc[start : first.i])
    yield Candidate(pattern, f"What position does {name} hold?", role, sentence, title_span, rewrites, fact=fact)


def known_as(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "an effort known within the Pentagon as 'Fortress Taiwan'", "a ship called X", "dubbed X"."""
    for verb in sentence.span:
        if verb.lemma_ not in NAMING_VERBS or verb.dep_ not in ("acl", "relcl", "ROOT"):
            continue
        passive_root = verb.dep_ == "ROOT" and any(c.dep_ == "nsubjpass" for c in verb.children)
        if not (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "acl")) or (
            verb.dep_ == "ROOT" and not passive_root
        ):
            continue
        name_head = next((c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")), None)
        if name_head is None:
            as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            name_head = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep else None
        if name_head is None:
            continue
        doc = verb.doc
        name_tokens = core_tokens(name_head)
        name = render(doc[i] for i in sorted(name_tokens))
        if not _is_name_or_term(name, name_head):
            continue
        answer = name.strip('"“”')
        fact = f"name:{answer}"
        deletion = doc[name_head.left_edge.i : name_head.right_edge.i + 1]
        while len(deletion) > 1 and deletion[0].is_quote:
            deletion = deletion[1:]
        while len(deletion) > 1 and deletion[-1].is_quote:
            deletion = deletion[:-1]
        card = make_cloze(sentence, deletion, tracker, KNOWN_AS_CLOZE)
        if card is not None:
            yield card
        described_head = next(c for c in verb.children if c.dep_ == "nsubjpass") if passive_root else verb.head
        described = render_ids(doc, sorted(core_tokens(described_head, skip=frozenset({verb.i}))))
        if len(described.split()) < 3 or described.split()[0].lower() in VAGUE_SUBJECTS:
            continue
        between = render(t for t in doc[verb.i + 1 : name_head.left_edge.i] if t.lower_ != "as" and not t.is_punct)
        middle = f" {between}" if between else ""
        tail = " as" if verb.lemma_ == "know" else ""
        question = f"What {_copula(verb, described_head)} {_the(_drop_article(described))} {verb.text}{middle}{tail}?"
        yield Candidate(KNOWN_AS, question, answer, sentence, span_of(sentence, name_tokens), fact=fact)


def _copula(verb: Token, described: Token) -> str:
    """ "What are the darkest plumes called?": the passive's own auxiliary, else one agreeing with the noun."""
    aux = next((c.lower_ for c in verb.children if c.dep_ == "auxpass"), "")
    if aux in ("is", "are", "was", "were"):
        return aux
    return "are" if described.tag_ in ("NNS", "NNPS") else "is"


def _is_name_or_term(name: str, head: Token) -> bool:
    """ "the Difference Engine", "'Fortress Taiwan'" or a short technical term ("thermal runaway")."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", name)
    if bare[:1].isupper() or name.startswith(('"', "“")):
        return True
    return len(bare.split()) <= 3 and head.pos_ in ("NOUN", "PROPN") and not head.is_stop


def relative_objects(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "F-16s, which Taiwan operates" → "Which aircraft does Taiwan operate?"."""
    for verb in sentence.span:
        if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBD", "VBP"):
            continue
        relative = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in ("which", "that", "whom")), None)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        antecedent = verb.head
        if relative is None or subject is None or not (antecedent.pos_ == "PROPN" or antecedent.ent_type_):
            continue
        who = phrase_text(subject, tracker)
        if who is None:
            continue
        kind = "what"
        governor = antecedent.head
        if (
            antecedent.dep_ == "pobj"
            and governor.lower_ in ("including", "as", "like")
            and governor.head.pos_ == "NOUN"
        ):
            kind = f"which {governor.head.text}"
        answer_tokens = core_tokens(antecedent)
        answer = render(antecedent.doc[i] for i in sorted(answer_tokens))
        question = f"{kind.capitalize()} {DO_FORMS[verb.tag_]} {who.text} {verb.lemma_}?"
        answer_span = span_of(sentence, answer_tokens)
        yield Candidate(RELATIVE_CLAUSE, question, answer, sentence, answer_span, who.rewrites)
