"""High-precision patterns: definitions, acronyms, appositives, titles, "known as".

These fire rarely but are almost always right, so their candidates get a
higher confidence than generic wh-questions and come in both directions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from studyapp.domain.cards import Rewrite
from studyapp.generation.candidates import Candidate, span_of, text_span
from studyapp.generation.clauses import DO_FORMS, core_tokens, phrase_text, render, render_ids, rewrites_of
from studyapp.generation.cloze import make_cloze
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.lexicon import (
    ARTICLES,
    DESCRIBING_VERBS,
    NAMING_PARTICIPLES,
    NAMING_VERBS,
    REGARDING_VERBS,
    TITLE_PREFIX_WORDS,
    VAGUE_SUBJECTS,
)
from studyapp.generation.pattern_registry import (
    ACRONYM,
    ACRONYM_REVERSE,
    APPOSITIVE,
    APPOSITIVE_ROLE,
    APPOSITIVE_TERM,
    APPOSITIVE_TERM_REVERSE,
    BARE_TITLE_ROLE,
    DEFINED_TERM,
    DEFINED_TERM_REVERSE,
    DEFINITION,
    DEFINITION_REVERSE,
    DESCRIBED_AS,
    KNOWN_AS,
    KNOWN_AS_CLOZE,
    QUOTED_TERM,
    REGARDS_AS,
    RELATIVE_CLAUSE,
    SCORE,
    TITLE,
    TITLE_ROLE,
    Pattern,
)
from studyapp.generation.spans import capitalised_by_position, strip_honorific

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from studyapp.generation.parsing import Sentence

_NAME = r"[A-Z][\w&'’.-]*"
_LONG_FORM = rf"{_NAME}(?:\s+(?:of|and|for|the|on|in|to|de|&|{_NAME})){{1,9}}"
_ACRONYM = r"[A-Z][A-Za-z0-9-]*[A-Z0-9]s?"
_ACRONYM_PATTERNS = (
    re.compile(
        rf"\b(?P<short>{_ACRONYM})\s*[-–—(,]?\s*(?:which\s+|that\s+)?(?:stands|stood)\s+for\s+"
        rf"(?:the\s+)?(?P<long>{_LONG_FORM})"
    ),
    re.compile(
        rf"\b(?P<short>{_ACRONYM})\s*(?:\(|,|[-–—])?\s*(?:is\s+)?short\s+for\s+(?:the\s+)?(?P<long>{_LONG_FORM})"
    ),
    re.compile(rf"(?P<long>{_LONG_FORM})\s+\((?P<short>{_ACRONYM})\)"),
)
_SET = r"\d{1,2}[-–]\d{1,2}(?:\s*\(\d{1,2}(?:[-–]\d{1,2})?\))?"
_SCORE = re.compile(rf"(?<![\w.,-]){_SET}(?:,\s*{_SET})*(?![\w-])")
MAX_ROLE_WORDS = 10


def _initials_match(short: str, long: str) -> bool:
    """ "JASSM" ↔ "Joint Air-to-Surface Standoff Missile": letters appear in order as word initials."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", long) if w and w[0].isupper())
    letters = [c for c in short.upper() if c.isalpha()]
    position = 0
    for letter in initials:
        if position < len(letters) and letter == letters[position]:
            position += 1
    return position == len(letters) and len(letters) >= 2


def acronyms(sentence: Sentence) -> Iterator[Candidate]:
    """ "X - which stands for ...", "X (ABC)", "short for": asked both ways."""
    for pattern in _ACRONYM_PATTERNS:
        for found in pattern.finditer(sentence.text):
            short = found.group("short")
            long = _trim_to_initials(short, re.sub(r"^[Tt]he\s+", "", found.group("long").rstrip(".,")))
            if long is None:
                continue
            offset = found.start("long") + max(found.group("long").find(long), 0)
            long_span = text_span(sentence, offset, offset + len(long))
            short_span = text_span(sentence, *found.span("short"))
            yield Candidate(ACRONYM, f"What does {short} stand for?", long, sentence, long_span)
            yield Candidate(ACRONYM_REVERSE, f"What is the abbreviation for {long}?", short, sentence, short_span)


def _trim_to_initials(short: str, long: str) -> str | None:
    """Drop words from the end of the long form until its initials match the acronym."""
    words = long.split()
    while words:
        candidate = " ".join(words)
        if _initials_match(short, candidate):
            return candidate
        words.pop()
    return None


def acronym_aliases(sentence: Sentence) -> dict[str, str]:
    """Acronym → expansion, so "the missile" can find "JASSM (... Missile)"."""
    aliases: dict[str, str] = {}
    for pattern in _ACRONYM_PATTERNS:
        for found in pattern.finditer(sentence.text):
            long = _trim_to_initials(found.group("short"), found.group("long"))
            if long:
                aliases[found.group("short")] = long
    return aliases


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
    role_tokens = core_tokens(role_head)
    role = render(role_head.doc[i] for i in sorted(role_tokens))
    if len(role.split()) > MAX_ROLE_WORDS or len(role.split()) < 2:
        return
    is_person = name_head.ent_type_ == "PERSON"
    specific = any(child.dep_ in ("prep", "poss") for child in role_head.children)
    if not is_person and not specific:
        return
    wh = "Who" if is_person else "What"
    fact = f"role:{name}"
    rewrites = _renamed(ent, name)
    yield Candidate(APPOSITIVE, f"{wh} is {_the(role)}?", name, sentence, span_of(sentence, ent), rewrites, fact=fact)
    if is_person:
        question = f"What position does {name} hold?"
        role_span = span_of(sentence, role_tokens)
        yield Candidate(APPOSITIVE_ROLE, question, _drop_article(role), sentence, role_span, rewrites, fact=fact)


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


def definitions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "X is a/the Y": what X is, and (for "the Y") which thing is the Y."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN":
            continue
        determiner = next((c.lower_ for c in attr.children if c.dep_ == "det"), "")
        if determiner not in ARTICLES:
            continue
        resolved = phrase_text(subject, tracker)
        if resolved is None or not (subject.pos_ == "PROPN" or subject.ent_type_ or resolved.resolved):
            continue
        doc = verb.doc
        term = resolved.text
        definition_tokens = core_tokens(attr)
        definition = render(doc[i] for i in sorted(definition_tokens))
        fact = definition_fact(term)
        tense = verb.text.lower()
        question = f"What {tense} {term}?"
        definition_span = span_of(sentence, definition_tokens)
        yield Candidate(DEFINITION, question, definition, sentence, definition_span, resolved.rewrites, fact=fact)
        if determiner == "the" and len(definition.split()) >= 3:
            wh = "Who" if subject.ent_type_ == "PERSON" else "What"
            term_span = span_of(sentence, core_tokens(subject))
            question = f"{wh} {tense} {definition}?"
            yield Candidate(DEFINITION_REVERSE, question, term, sentence, term_span, resolved.rewrites, fact=fact)


def regards_as(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "X regards/considers/sees Y as Z" → "How does X regard Y?" (answer Z)."""
    for verb in sentence.span:
        if verb.lemma_ not in REGARDING_VERBS or verb.tag_ not in ("VBZ", "VBD", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        target = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep else None
        if subject is None or obj is None or target is None:
            continue
        who = phrase_text(subject, tracker)
        what = phrase_text(obj, tracker)
        if who is None or what is None:
            continue
        doc = verb.doc
        clauses_after = frozenset(c.i for c in target.children if c.dep_ in ("relcl", "acl"))
        answer_tokens = core_tokens(target, skip=clauses_after)
        answer = render_ids(doc, sorted(answer_tokens))
        question = f"How {DO_FORMS[verb.tag_]} {who.text} {verb.lemma_} {what.text}?"
        rewrites = who.rewrites + what.rewrites
        yield Candidate(REGARDS_AS, question, answer, sentence, span_of(sentence, answer_tokens), rewrites)


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


def described_as(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Lovelace, who is often described as the first computer programmer" → "How is Ada Lovelace often
    described?"; the description ("the first ...") is what a reader remembers the person or thing by."""
    for verb in sentence.span:
        if verb.lemma_ not in DESCRIBING_VERBS or verb.tag_ != "VBN":
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        as_prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        target = next((c for c in as_prep.children if c.dep_ == "pobj"), None) if as_prep else None
        aux = next((c for c in verb.children if c.dep_ == "auxpass"), None)
        if subject is None or target is None or aux is None or target.pos_ != "NOUN":
            continue
        if subject.tag_ in ("WP", "WDT") and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be":
            owner = next((c for c in verb.head.head.children if c.dep_ == "nsubj"), None)
            subject = owner if owner is not None else subject  # "Ada Lovelace was a ... who is described as"
        resolved = phrase_text(subject, tracker)
        if resolved is None:
            continue
        doc = verb.doc
        answer_tokens = core_tokens(target, skip=frozenset(c.i for c in target.children if c.dep_ in ("relcl", "acl")))
        answer = render_ids(doc, sorted(answer_tokens))
        if not 2 <= len(answer.split()) <= 6:
            continue
        adverbs = render(c for c in verb.children if c.dep_ == "advmod" and c.i < verb.i)
        middle = f" {adverbs}" if adverbs else ""
        who = resolved.text
        aux_text = aux.text.lower() if aux.lower_ not in ("'s",) else "is"
        question = f"How {aux_text} {who}{middle} {verb.text}?"
        answer_span = span_of(sentence, answer_tokens)
        fact = f"description:{who}"
        yield Candidate(DESCRIBED_AS, question, answer, sentence, answer_span, resolved.rewrites, fact=fact)


_QUOTED = re.compile(r"[\"“](?P<term>[^\"“”]{2,40})[\"”]")


def quoted_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """A coined word or name in quotation marks ("an 'asymmetrical' deterrent"): the article's own term."""
    doc = sentence.span.doc
    base = sentence.span.start_char + (len(sentence.span.text) - len(sentence.span.text.lstrip()))
    for found in _QUOTED.finditer(sentence.text):
        term = found.group("term").strip()
        if not 1 <= len(term.split()) <= 4 or term[-1:] in ".,!?" or term[:1] in "'’":
            continue
        span = doc.char_span(base + found.start("term"), base + found.end("term"), alignment_mode="strict")
        if span is None or any(t.pos_ in ("VERB", "AUX", "PRON") for t in span):
            continue  # a quoted remark, not a term
        card = make_cloze(sentence, span, tracker, QUOTED_TERM)
        if card is not None:
            yield card


def scores(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "won the final 6-4, 3-6, 7-5", "drew 2-2": a score or a run of set scores, hidden as one answer."""
    doc = sentence.span.doc
    base = sentence.span.start_char + (len(sentence.span.text) - len(sentence.span.text.lstrip()))
    for found in _SCORE.finditer(sentence.text):
        span = doc.char_span(base + found.start(), base + found.end(), alignment_mode="strict")
        if span is None or any(t.ent_type_ == "DATE" for t in span):
            continue  # "1914-18" is a period, not a score
        card = make_cloze(sentence, span, tracker, SCORE)
        if card is not None:
            yield card


def appositive_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "the golomyanka, a translucent fish that ...", "the policy rate, the interest rate at which ...": the
    term, hidden, with its description as the clue, and asked by its description ("What is ... called?")."""
    span = sentence.span
    doc = span.doc
    for comma in span:
        if comma.text not in (",", "(") or not span.start < comma.i < span.end - 2:
            continue
        token = doc[comma.i - 1]
        described = _description_after(comma)
        if (
            described is None
            or token.ent_type_ in ("PERSON", "DATE", "CARDINAL")
            or token.pos_ not in ("NOUN", "PROPN")
            or _names_something(described)
        ):
            continue
        term = _term_span(sentence, token)
        if term is not None:
            yield from _term_cards(sentence, term, described, tracker, APPOSITIVE_TERM, APPOSITIVE_TERM_REVERSE)


def _description_after(comma: Token) -> Token | None:
    """The noun of "X, a Y ...", "X, the Y of ...", "X, tiny Ys that ..." when it describes X: a noun that
    hangs on X or on what X hangs on (the small model attaches it either way), never a new clause's subject."""
    doc = comma.doc
    term, first = doc[comma.i - 1], doc[comma.i + 1]
    described = first.head if first.dep_ in ("det", "amod") else first
    if described.pos_ != "NOUN" or described.i <= comma.i or described.left_edge.i != first.i:
        return None
    if described.dep_ not in ("appos", "dobj", "pobj", "conj", "attr") or described.head.i > term.i:
        return None
    if described.dep_ == "conj" and any(c.dep_ == "cc" for c in described.head.children):
        return None  # "apples, the pears and the plums": a list
    determiner = first.lower_ if first.dep_ == "det" else ""
    if determiner in ("a", "an"):
        return described if len(list(described.subtree)) >= 3 else None
    if determiner == "the":
        return described if _restricted(described) else None  # "the interest rate at which ...", not "the lake"
    bare_plural = not determiner and first.dep_ != "det" and described.tag_ == "NNS" and described.dep_ == "appos"
    return described if bare_plural and _restricted(described) else None


def defined_terms(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Judicial review is the power of courts to ...", "A tariff is a tax on imported goods": a general term
    defined by the copula, hidden in its definition and asked by it ("What is a tax on imported goods called?")."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN" or subject.pos_ != "NOUN" or subject.ent_type_:
            continue
        if any(
            c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in subject.children
        ):
            continue  # "the device is ...", "its depth is ...": a description, not a term
        determiners = [c.lower_ for c in attr.children if c.dep_ in ("det", "poss")]
        defining = determiners in (["a"], ["an"]) or (determiners == ["the"] and _restricted(attr))
        if not (defining or (not determiners and attr.tag_ == "NNS")):
            continue
        term = _term_span(sentence, subject)
        if term is None:
            continue
        yield from _term_cards(sentence, term, attr, tracker, DEFINED_TERM, DEFINED_TERM_REVERSE)


def _names_something(described: Token) -> bool:
    """ "reserves, a practice known as fractional banking": the appositive names the practice, not the reserves."""
    return any(c.dep_ == "acl" and c.lower_ in NAMING_PARTICIPLES for c in described.children)


def _restricted(noun: Token) -> bool:
    """ "the process by which ...", "the power of courts to ...": a definite noun made specific by what follows."""
    return any(c.dep_ in ("prep", "relcl", "acl") and c.i > noun.i for c in noun.children)


def _term_span(sentence: Sentence, head: Token) -> Span | None:
    """The term a definition is about: the noun with its compound and adjective modifiers, no determiner;
    None for a name, a pronoun or a phrase too long to be a term."""
    doc = head.doc
    start = head.i
    while (
        start > sentence.span.start
        and doc[start - 1].dep_ in ("compound", "amod")
        and doc[start - 1].head.i
        in (
            head.i,
            start,
        )
    ):
        start -= 1
    term = doc[start : head.i + 1]
    if len(term) > 3 or term.text.lower() in ("it", "this") or head.ent_type_ or any(t.pos_ == "PRON" for t in term):
        return None
    return term


def definition_fact(term: str) -> str:
    """One fact per defined term, however a card asks it ("What is a tariff?", "A [...] is a tax ...")."""
    return "definition:" + re.sub(r"^(?:the|a|an)\s+", "", term.lower())


def _term_cards(
    sentence: Sentence, term: Span, definition: Token, tracker: MentionTracker, pattern: Pattern, reverse: Pattern
) -> Iterator[Candidate]:
    """The term hidden in its definition, and "What is the interest rate at which ... called?" → the term."""
    answer = term.text[:1].lower() + term.text[1:] if capitalised_by_position(term[0]) else term.text
    fact = definition_fact(answer)
    card = make_cloze(sentence, term, tracker, pattern)
    if card is not None:
        yield dataclasses.replace(card, fact=fact)
    doc = definition.doc
    ids = sorted(core_tokens(definition))
    if doc[definition.left_edge.i - 1].text == "(":  # "trilateration (a method that ...) to find ...": stop at ")"
        closing = next((t.i for t in doc[definition.i :] if t.text == ")"), len(doc))
        ids = [i for i in ids if i < closing]
    relatives = {i: "that" for i in ids if _relative_subject(doc[i])}
    if len(ids) < 3 or any(doc[i].tag_ in ("WDT", "WP", "WRB") for i in ids if i not in relatives):
        return  # "the process by which ...": a second wh-word mid-question
    described = render_ids(doc, ids, relatives)
    if capitalised_by_position(doc[ids[0]]):
        described = described[:1].lower() + described[1:]
    copula = "are" if term.root.tag_ in ("NNS", "NNPS") else "is"
    question = f"What {copula} {described} called?"
    yield Candidate(
        reverse, question, answer, sentence, span_of(sentence, term), rewrites_of(doc, relatives), fact=fact
    )


def _relative_subject(token: Token) -> bool:
    """ "organelles which/that produce ...": a relative pronoun that reads as "that" inside a question."""
    return (
        token.tag_ in ("WDT", "WP")
        and token.lower_ in ("which", "that", "who")
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.dep_ == "relcl"
    )


def bare_definitions(sentence: Sentence, tracker: MentionTracker) -> Iterator[Candidate]:
    """ "Inflation targeting is a monetary policy framework ...", "Hydrothermal vents are openings ...":
    a general term without a determiner, defined by the copula."""
    for verb in sentence.span:
        if verb.lemma_ != "be" or verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBP"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        attr = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None or attr is None or attr.pos_ != "NOUN" or subject.pos_ not in ("NOUN", "PROPN"):
            continue
        if subject.ent_type_ or any(
            c.dep_ in ("poss", "nummod") or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in subject.children
        ):
            continue  # "A tariff is a tax ..." is a definition; "The tariff is ..." is not
        subject_ids = {t.i for t in subject.subtree}
        if len(subject_ids) > 4 or any(verb.doc[i].pos_ == "PRON" for i in subject_ids):
            continue
        determiners = [c.lower_ for c in attr.children if c.dep_ in ("det", "poss")]
        if not (determiners in (["a"], ["an"]) or (not determiners and attr.tag_ == "NNS")):
            continue  # "a monetary policy framework", "openings in the sea floor"
        doc = verb.doc
        term = render_ids(doc, sorted(subject_ids))
        term = term[:1].lower() + term[1:] if len(term.split()[0]) == 1 or not term.split()[0].isupper() else term
        skip = frozenset(c.i for c in attr.children if c.dep_ in ("relcl", "acl"))
        definition_tokens = core_tokens(attr, skip=skip)
        definition = render_ids(doc, sorted(definition_tokens))
        if not 2 <= len(definition.split()) <= 8:
            continue
        question = f"What {verb.text.lower()} {term}?"
        answer_span = span_of(sentence, definition_tokens)
        yield Candidate(DEFINITION, question, definition, sentence, answer_span, fact=definition_fact(term))
