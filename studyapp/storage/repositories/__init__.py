"""Repositories: typed queries over one session, returning domain objects or tallies."""
