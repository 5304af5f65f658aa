"""The composition root for services: open a collection, get every use case wired to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.domain.clock import Clock, SystemClock
from studyapp.generation.base import CardGenerator
from studyapp.services.backups import BackupService
from studyapp.services.browse import BrowseService
from studyapp.services.cards import CardService
from studyapp.services.context import ServiceContext
from studyapp.services.decks import DeckService
from studyapp.services.health import HealthService
from studyapp.services.importing import ImportService
from studyapp.services.reviews import ReviewService
from studyapp.services.stats import StatsService
from studyapp.storage.store import Store

if TYPE_CHECKING:
    from studyapp.services.exporting import ExportService
    from studyapp.services.optimizing import OptimizerService


@dataclass
class Services:
    """Everything the CLI and the window may call; built per open collection, never global."""

    context: ServiceContext
    decks: DeckService = field(init=False)
    cards: CardService = field(init=False)
    imports: ImportService = field(init=False)
    health: HealthService = field(init=False)
    reviews: ReviewService = field(init=False)
    backups: BackupService = field(init=False)
    browse: BrowseService = field(init=False)
    stats: StatsService = field(init=False)
    generator_factory: Callable[[], CardGenerator] | None = None

    def __post_init__(self) -> None:
        self.decks = DeckService(self.context)
        self.cards = CardService(self.context)
        self.imports = ImportService(self.context, self.generator_factory)
        self.health = HealthService(self.context)
        self.reviews = ReviewService(self.context)
        self.backups = BackupService(self.context)
        self.browse = BrowseService(self.context)
        self.stats = StatsService(self.context)

    @cached_property
    def exports(self) -> ExportService:
        """Built on first use: exporting pulls in genanki, which start-up need not load."""
        from studyapp.services.exporting import ExportService

        return ExportService(self.context)

    @cached_property
    def optimizer(self) -> OptimizerService:
        """Built on first use: the FSRS optimizer (a Rust extension) is not needed to start."""
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
