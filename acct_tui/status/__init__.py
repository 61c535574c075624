"""`acct-tui status`: its output (output.py) and the cache that answers it without the domain (cache.py)."""
