"""Fitting FSRS to the user's own history, per preset, as Anki's "Optimize" and "Evaluate" do."""

from __future__ import annotations

from dataclasses import dataclass, replace

from studyapp.domain.errors import UserInputError
from studyapp.domain.ids import DeckId
from studyapp.scheduling.optimizer import Evaluation, Optimization, evaluate, optimize, training_items
from studyapp.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class PresetOptimization:
    """What optimizing one preset did; ``preset`` is its name."""

    preset: str
    outcome: Optimization


class OptimizerService:
    def __init__(self, context: ServiceContext) -> None:
        self._ctx = context

    def optimize(self, deck_id: DeckId | None = None) -> list[PresetOptimization]:
        """Fit the preset of ``deck_id`` (or every preset in use) and keep the better parameters.

        The history is read in one transaction and the result saved in
        another, so a long fit holds no lock on the collection.
        """
        rollover = self._ctx.rollover_hour()
        with self._ctx.store.unit_of_work() as uow:
            presets = [uow.decks.get(deck_id).preset_id] if deck_id is not None else uow.decks.presets_in_use()
            work = [
                (p, uow.decks.preset_name(p), uow.decks.options(p), uow.reviews.answers_for_preset(p)) for p in presets
            ]
        done = []
        for preset_id, name, options, answers in work:
            outcome = optimize(training_items(answers, rollover), options.fsrs_parameters or None)
            if outcome.fitted:
                with self._ctx.store.unit_of_work() as uow:
                    current = uow.decks.options(preset_id)
                    uow.decks.save_options(preset_id, replace(current, fsrs_parameters=outcome.parameters))
                    uow.commit()
            done.append(PresetOptimization(name, outcome))
        return done

    def evaluate(self, deck_id: DeckId) -> Evaluation:
        """Log loss and RMSE of the deck's preset's parameters on the preset's history."""
        rollover = self._ctx.rollover_hour()
        with self._ctx.store.unit_of_work() as uow:
            preset_id = uow.decks.get(deck_id).preset_id
            options = uow.decks.options(preset_id)
            answers = uow.reviews.answers_for_preset(preset_id)
        items = training_items(answers, rollover)
        if not items:
            raise UserInputError("There are no reviews on a later day than a card's previous one to evaluate.")
        return evaluate(items, options.fsrs_parameters or None)
