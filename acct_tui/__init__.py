"""acct-tui: a keyboard-driven terminal planner for account managers."""

__version__ = "0.1.0"
