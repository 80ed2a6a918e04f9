"""``python -m clientsteun``: the same as the ``clientsteun`` command."""

import sys

from clientsteun.cli import main

sys.exit(main())
