"""``studyapp generate`` without --json: each card with its context line, what it changed and its doubts."""

from __future__ import annotations

from studyapp.cli.commands.generate import draft_lines
from studyapp.domain.cards import CardDraft


def test_text_output_shows_the_context_above_the_question_and_the_rewrites(webb_drafts: list[CardDraft]) -> None:
    assert draft_lines(1, webb_drafts[0]) == [
        "  1. [Q/A] (Astronomy › Space telescopes)",
        "       How far from Earth does the James Webb Space Telescope orbit the Sun?",
        "       → 1.5 million kilometres",
        "       changed: “the James Webb Space Telescope” was “It” — from: "
        "The James Webb Space Telescope launched in December 2021.",
    ]


def test_a_card_without_context_is_one_line_and_its_doubts_follow(webb_drafts: list[CardDraft]) -> None:
    assert draft_lines(12, webb_drafts[2]) == [
        " 12. [Q/A] When did the <b>James Webb</b> Space Telescope launch?",
        "       → in December 2021",
        "       unsure: long answer, answer in question",
    ]
