"""``python -m build_tools``: see ``cli.main``."""

import sys

from .cli import main

sys.exit(main())
