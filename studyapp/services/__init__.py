"""Use cases shared by the CLI and the window; each owns its transaction."""
