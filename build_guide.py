#!/usr/bin/env python3
"""Build the Valor Spine Free Guide PDFs: ``python build_guide.py [build [SLUG ...]] [...]``.

The same as the ``build-guide`` console script; see ``python build_guide.py --help``.
"""

import sys

from guide.cli import main

if __name__ == "__main__":
    sys.exit(main())
