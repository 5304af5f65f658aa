"""Reading an article section by section, so memory stays bounded whatever its length.

A sentence's parse (its spaCy ``Doc``, about 150 times the text's size in memory) is needed only until the
candidates it allows are ranked, selected and verified.  So the prose is read in sections of about
``SECTION_CHARS``: each is parsed, ranked, then handed to selection and verification and dropped before
the next is read.  An ordinary article is one section, so its cards are those of the whole text; a book
is ranked chapter-sized piece by piece, each piece against its own sentences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from studyapp.domain.article import Article
from studyapp.domain.progress import CancelToken, Progress
from studyapp.generation.candidate import Candidate
from studyapp.generation.candidates import sentence_candidates
from studyapp.generation.context import has_title
from studyapp.generation.coreference import MentionTracker
from studyapp.generation.parsing import parse_sentences
from studyapp.generation.ranking import Ranked, SentenceStats, rank
from studyapp.generation.structure import prose_text

if TYPE_CHECKING:
    from spacy.language import Language

SECTION_CHARS = 200_000
"""A section ends at the first paragraph break past this many characters (about 35,000 words)."""
MAX_SECTION_CHARS = 2 * SECTION_CHARS
"""A section ends at the first sentence past this, paragraph break or not (a book without blank lines)."""


@dataclass(frozen=True, slots=True)
class Section:
    """A section's ranked candidates (their parses live as long as this does) and the share of the prose
    read once it is done (1.0 for the last), by which the card budget is shared out."""

    ranked: list[Ranked]
    read_share: float


def ranked_sections(
    article: Article, nlp: Language, *, progress: Progress, cancel: CancelToken | None
) -> Iterator[Section]:
    """The article's prose, section by section, with every candidate that passes its checks scored.

    Only the mention tracker (bounded) carries over from one section to the next; drop each section
    before asking for the next, or its parses stay in memory.
    """
    tracker = MentionTracker(article.title if has_title(article) else "")
    text = prose_text(article, nlp)
    stats = SentenceStats()
    candidates: list[Candidate] = []
    start = 0
    sentences = parse_sentences(nlp, text, progress=progress, cancel=cancel, lines_end_sentences=bool(article.blocks))
    for sentence in sentences:
        read = sentence.start - start
        if read >= MAX_SECTION_CHARS or (read >= SECTION_CHARS and sentence.opens_paragraph):
            yield Section(rank(candidates, stats), sentence.start / len(text))
            stats, candidates, start = SentenceStats(), [], sentence.start
        stats.add(sentence)
        candidates.extend(_with_evidence(c, tracker) for c in sentence_candidates(sentence, tracker))
    if cancel is not None:
        cancel.raise_if_cancelled()
    yield Section(rank(candidates, stats), 1.0)


def _with_evidence(candidate: Candidate, tracker: MentionTracker) -> Candidate:
    if not candidate.rewrites:
        return candidate
    return replace(candidate, rewrites=tuple(tracker.with_evidence(r) for r in candidate.rewrites))
