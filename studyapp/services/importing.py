"""Importing articles: read, generate drafts, and store the accepted ones with their source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

from studyapp.anki.foreign_cards import ForeignDeck
from studyapp.anki.package_archive import Limits
from studyapp.anki.package_reading import read_anki_package
from studyapp.anki.text_files import read_delimited
from studyapp.domain.article import Article
from studyapp.domain.cards import CardDraft, CardKind
from studyapp.domain.deck_names import SEPARATOR
from studyapp.domain.errors import UserInputError
from studyapp.domain.progress import CancelToken, Progress, no_progress
from studyapp.generation.base import CardGenerator
from studyapp.generation.lexicon import FUNCTION_WORDS
from studyapp.services.backups import before_destructive
from studyapp.services.card_import import collector_paused, store_foreign
from studyapp.services.context import DEFAULT_ROLLOVER_HOUR, ServiceContext
from studyapp.services.input_files import MAX_PACKAGE_BYTES, MAX_TABLE_BYTES, open_input
from studyapp.services.rows import ImportSummary
from studyapp.services.temp_files import private_folder
from studyapp.storage.repositories.cards import NewCard

PACKAGE_SUFFIXES = frozenset({".apkg", ".colpkg"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
ZIP_MAGIC = b"PK\x03\x04"


def _is_zip(path: Path) -> bool:
    with open_input(path, limit=None, kind="") as stream:
        return stream.read(4) == ZIP_MAGIC


def read_package(
    path: Path,
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    rollover_hour: int = DEFAULT_ROLLOVER_HOUR,
) -> ForeignDeck:
    """The user's .apkg/.colpkg, opened as a regular file within the size cap, unpacked in a private folder."""
    with (
        open_input(path, limit=MAX_PACKAGE_BYTES, kind="Anki package") as stream,
        private_folder("import") as folder,
    ):
        return read_anki_package(stream, path.name, folder, limits, cancel, rollover_hour)


def read_table(path: Path) -> ForeignDeck:
    """The user's CSV/TSV file, opened as a regular file within the size cap."""
    with open_input(path, limit=MAX_TABLE_BYTES, kind="CSV/TSV") as stream:
        return read_delimited(stream, path.name)


def draft_guid(article: Article, draft: CardDraft) -> str:
    """Identity of a generated card: its article and its place in it, fixed at creation.

    Importing the same article again yields the same GUIDs, so nothing is
    duplicated; later edits keep the GUID, so Anki updates instead of adding.
    """
    key = f"{article.content_hash}|{draft.kind.value}|{draft.start}|{draft.cloze or draft.question}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


_DASHES = ("-", "–", "—")


def suggested_deck(article: Article, max_words: int = 6) -> str:
    """A deck name for an article: its title cut to a headline; without a title of its own, the file's
    name ("Taiwan jassm missiles reuters 2021", not "Taiwan is seeking to acquire long-range"); "" for
    pasted text without one, where the caller's usual deck is the better guess."""
    if article.title_made_up:
        from studyapp.reading.titles import prettify_stem

        origin = Path(article.origin) if article.origin and article.origin != "pasted text" else None
        title = prettify_stem(origin.stem) if origin is not None else ""
    else:
        title = article.title
    words = title.replace("…", " ").replace(SEPARATOR, " ").split()
    if len(words) <= max_words:
        return " ".join(words)
    head = words[:max_words]
    breaks = [i for i, word in enumerate(head[1:], start=1) if word in _DASHES or word[-1] in ",:;"]
    if breaks:  # at the end of a phrase: "How the Panama Canal, opened in 1914, …" -> "How the Panama Canal"
        head = head[: breaks[-1]] if head[breaks[-1]] in _DASHES else head[: breaks[-1] + 1]
    while len(head) > 1 and head[-1].lower() in FUNCTION_WORDS:  # never end on "in", "the", "and"
        head.pop()
    return " ".join(head).rstrip(" ,;:.")


def draft_to_new_card(article: Article, draft: CardDraft, deck_id: int, source_id: int) -> NewCard:
    is_cloze = draft.kind is CardKind.CLOZE
    return NewCard(
        deck_id=deck_id,
        kind=draft.kind,
        front=draft.cloze if is_cloze else draft.question,
        back="" if is_cloze else draft.answer,
        guid=draft_guid(article, draft),
        source_id=source_id,
        source_sentence=draft.source,
        source_start=draft.start,
        source_end=draft.end,
        fact=draft.fact,
        context=draft.context,
        rewrites=draft.rewrites,
    )


class ImportService:
    def __init__(self, context: ServiceContext, generator_factory: Callable[[], CardGenerator] | None = None) -> None:
        self._ctx = context
        self._generator_factory = generator_factory

    @staticmethod
    def read(path: Path) -> Article:
        from studyapp.reading import read_article  # the readers load when an article is read, not at start-up

        return read_article(path)

    @staticmethod
    def read_text(text: str) -> Article:
        from studyapp.reading import read_article_text

        return read_article_text(text)

    def _generator(self) -> CardGenerator:
        if self._generator_factory is not None:
            return self._generator_factory()
        from studyapp.generation import default_generator  # loaded only when cards are generated

        return default_generator()

    def propose(
        self,
        article: Article,
        *,
        max_cards: int | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[CardDraft]:
        """Generate drafts without storing anything (the preview and ``generate``)."""
        return self._generator().generate(article, max_cards=max_cards, progress=progress, cancel=cancel)

    def add_drafts(self, article: Article, drafts: Sequence[CardDraft], deck: str) -> ImportSummary:
        """Store the article and the accepted drafts in one transaction.

        New cards are positioned in article order, so they are studied in the
        order the facts appear; drafts already stored are skipped.
        """
        now = self._ctx.now()
        ordered = sorted(drafts, key=lambda d: (d.start, d.kind.value != "basic"))
        with self._ctx.store.unit_of_work() as uow:
            guids = [draft_guid(article, d) for d in ordered]
            if ordered and set(guids) <= uow.cards.existing_guids(guids):  # imported before: no deck, no source
                return ImportSummary(deck=deck, source_title=article.title, added=0, skipped_duplicates=len(ordered))
            deck_record = uow.decks.get_or_create(deck, now)
            source, _created = uow.sources.add_or_get(article, now)
            cards = [draft_to_new_card(article, d, deck_record.id, source.id) for d in ordered]
            existing = uow.cards.existing_guids([c.guid for c in cards])
            position = uow.cards.next_position()
            added = 0
            seen: set[str] = set()
            for card in cards:
                if card.guid in existing or card.guid in seen:
                    continue
                seen.add(card.guid)
                uow.cards.add(card, now, position + added)
                added += 1
            deck_name = deck_record.name
            uow.commit()
        return ImportSummary(
            deck=deck_name,
            source_title=article.title,
            added=added,
            skipped_duplicates=len(cards) - added,
        )

    def import_file(
        self,
        path: Path,
        deck: str | None = None,
        *,
        max_cards: int | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> ImportSummary:
        """Import any supported file; all or nothing.

        A zip without a telling extension (``.zip`` or none) is tried as an Anki
        package; other zip-based formats (.docx, .xlsx) are refused by name.
        """
        suffix = path.suffix.lower()
        if suffix in PACKAGE_SUFFIXES or (suffix in ("", ".zip") and _is_zip(path)):
            with collector_paused():
                package = read_package(path, cancel=cancel, rollover_hour=self._ctx.rollover_hour())
                before_destructive(self._ctx, f"import of {path.name}")  # a package can update many cards
                return store_foreign(self._ctx, package, path.stem, under=deck or "")
        if suffix in TABLE_SUFFIXES:
            with collector_paused():
                return store_foreign(self._ctx, read_table(path), path.stem, under=deck or "")
        from studyapp.reading import SUPPORTED_SUFFIXES

        if suffix not in SUPPORTED_SUFFIXES:
            raise UserInputError(
                f"{path.name}: files of type '{suffix or 'without extension'}' cannot be imported; "
                "use .txt, .md, .html, .pdf, .csv, .tsv, .apkg or .colpkg."
            )
        article = self.read(path)
        drafts = self.propose(article, max_cards=max_cards, progress=progress, cancel=cancel)
        if cancel is not None:
            cancel.raise_if_cancelled()
        return self.add_drafts(article, drafts, deck or suggested_deck(article) or article.title)
