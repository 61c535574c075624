"""The head of accounts' roll-up over several account managers' books (read-only): `acct-tui team`."""
