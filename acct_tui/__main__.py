"""`python -m acct_tui`: the same as the `acct-tui` command."""

import sys

from acct_tui.cli import main

sys.exit(main())
