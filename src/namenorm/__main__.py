"""``python -m namenorm``: the same as the ``namenorm`` command."""

import sys

from .cli import main

sys.exit(main())
