"""DTOs handed to the CLI and the window (plain, frozen, no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field

from studyapp.domain.ids import DeckId


@dataclass(frozen=True, slots=True)
class PresetRow:
    """An options preset and how many decks share it."""

    name: str
    decks: int


@dataclass(frozen=True, slots=True)
class DeckRow:
    """A deck in the deck list; counts include subdecks, like Anki."""

    id: DeckId
    name: str
    depth: int
    total: int
    new: int
    learning: int
    due: int

    @property
    def short_name(self) -> str:
        return self.name.rpartition("::")[2]

    def to_json(self) -> dict[str, object]:
        return {
            "id": int(self.id),
            "name": self.name,
            "cards": self.total,
            "new": self.new,
            "learning": self.learning,
            "due": self.due,
        }


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did, in words the user reads after it."""

    deck: str
    source_title: str = ""
    added: int = 0
    skipped_duplicates: int = 0
    notes: list[str] = field(default_factory=list)
    kept_schedules: int = 0
    """Added cards that kept the progress they had in the file (schedule, suspension, burial)."""
    reviews: int = 0
    """Review-log rows brought in (answers already in the collection are not counted)."""

    def describe(self) -> str:
        text = f"Added {self.added} card{'s' if self.added != 1 else ''} to deck '{self.deck}'"
        if self.source_title:
            text += f" from '{self.source_title}'"
        text += "."
        if self.skipped_duplicates:
            text += f" Skipped {self.skipped_duplicates} already in the collection."
        if self.kept_schedules:
            kept = self.kept_schedules
            text += f" {kept} card{'s' if kept != 1 else ''} kept {'their' if kept != 1 else 'its'} schedule."
        if self.reviews:
            text += f" Imported {self.reviews} review-log row{'s' if self.reviews != 1 else ''}."
        for note in self.notes:
            text += f" {note}"
        return text


@dataclass(frozen=True, slots=True)
class HealthReport:
    problems: list[str]
    cards: int
    decks: int

    @property
    def healthy(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote, in words the user reads after it."""

    deck: str
    path: str
    cards: int
    notes: int
    reviews: int = 0

    def describe(self) -> str:
        text = f"Exported {self.cards} card{'s' if self.cards != 1 else ''} from deck '{self.deck}' to {self.path}"
        if self.reviews:
            text += f" with their schedule and {self.reviews} review{'s' if self.reviews != 1 else ''}"
        return text + "."
