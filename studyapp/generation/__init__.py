"""Reading articles and turning them into card drafts (spaCy lives only here)."""
