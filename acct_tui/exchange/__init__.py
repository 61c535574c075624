"""Data in and out of a book: CSV import, exports (JSON, CSV, Markdown, iCalendar), the weekly report.

Everything here is pure or writes only the files it is asked to write; the book itself is only
changed through the repository, one import being one change (one save, one undo step).
"""
