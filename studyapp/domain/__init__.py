"""Plain data shared by every layer: no Qt, no SQL, no heavy libraries."""
