"""Studying a deck: the review screen and its dialogs (source sentence, card info, rewriting a card)."""
