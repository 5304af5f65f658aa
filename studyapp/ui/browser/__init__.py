"""The card browser: search, a lazily filled table of cards, bulk edits with undo, and a side panel."""
