"""Import with preview: generate drafts in the background, triage them, add the chosen ones."""
