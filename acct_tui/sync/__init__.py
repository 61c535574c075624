"""Keeping a book in a git repository and in step with a remote: `acct-tui sync`."""
