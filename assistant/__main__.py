"""Entry point for `python -m assistant`."""

from __future__ import annotations

import sys

from assistant.cli.commands import main

sys.exit(main())
