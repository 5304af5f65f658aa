"""``python -m studyapp`` runs the command-line entry point."""

from __future__ import annotations

import sys

from studyapp.cli.main import main

sys.exit(main())
