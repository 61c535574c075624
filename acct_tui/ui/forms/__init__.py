"""Modal forms that add and edit records."""
