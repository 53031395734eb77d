"""Entry point for ``python -m driftboard``."""

import sys

from driftboard.cli import main

sys.exit(main())
