"""``python -m wetkit.i18n extract|update|merge|compile|check`` (see wetkit.i18n.tools)."""

import sys

from wetkit.i18n.tools import main

sys.exit(main())
