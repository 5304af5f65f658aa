"""The composition root for services: open a collection, get every use case wired to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.clock import Clock, SystemClock
from studyapp.services.context import ServiceContext
from studyapp.storage.store import Store

if TYPE_CHECKING:
    from studyapp.generation.base import CardGenerator
    from studyapp.services.backups import BackupService
    from studyapp.services.browse import BrowseService
    from studyapp.services.cards import CardService
    from studyapp.services.decks import DeckService
    from studyapp.services.exporting import ExportService
    from studyapp.services.health import HealthService
    from studyapp.services.importing import ImportService
    from studyapp.services.optimizing import OptimizerService
    from studyapp.services.reviews import ReviewService
    from studyapp.services.stats import StatsService


@dataclass
class Services:
    """Everything the CLI and the window may call; built per open collection, never global.

    Each service is built on first use, so a command loads only the code (and
    the libraries: the ORM, fsrs, genanki, the Anki readers) that it runs:
    ``studyapp decks`` needs the deck list, not the importers.
    """

    context: ServiceContext
    generator_factory: Callable[[], CardGenerator] | None = None

    @cached_property
    def decks(self) -> DeckService:
        from studyapp.services.decks import DeckService

        return DeckService(self.context)

    @cached_property
    def cards(self) -> CardService:
        from studyapp.services.cards import CardService

        return CardService(self.context)

    @cached_property
    def imports(self) -> ImportService:
        from studyapp.services.importing import ImportService

        return ImportService(self.context, self.generator_factory)

    @cached_property
    def health(self) -> HealthService:
        from studyapp.services.health import HealthService

        return HealthService(self.context)

    @cached_property
    def reviews(self) -> ReviewService:
        from studyapp.services.reviews import ReviewService

        return ReviewService(self.context)

    @cached_property
    def backups(self) -> BackupService:
        from studyapp.services.backups import BackupService

        return BackupService(self.context)

    @cached_property
    def browse(self) -> BrowseService:
        from studyapp.services.browse import BrowseService

        return BrowseService(self.context)

    @cached_property
    def stats(self) -> StatsService:
        from studyapp.services.stats import StatsService

        return StatsService(self.context)

    @cached_property
    def exports(self) -> ExportService:
        from studyapp.services.exporting import ExportService

        return ExportService(self.context)

    @cached_property
    def optimizer(self) -> OptimizerService:
        from studyapp.services.optimizing import OptimizerService

        return OptimizerService(self.context)

    @property
    def path(self) -> Path:
        return self.context.store.path

    def close(self) -> None:
        self.backups.on_close()
        self.context.store.close()


def open_services(
    path: Path,
    *,
    clock: Clock | None = None,
    readonly: bool = False,
    generator_factory: Callable[[], CardGenerator] | None = None,
) -> Services:
    store = Store.open(path, readonly=readonly)
    return Services(ServiceContext(store, clock or SystemClock()), generator_factory=generator_factory)
