"""Entry point: `python -m voiceagent` and the `voiceagent` console script."""

from __future__ import annotations

import sys

from voiceagent.cli.main import main as _main

__all__ = ["main"]


def main() -> None:
    """Run the command line and exit with its status."""
    sys.exit(_main())


if __name__ == "__main__":
    main()
