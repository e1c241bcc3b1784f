"""`python -m desktop`: the window, or a command-line subcommand."""

from __future__ import annotations

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
