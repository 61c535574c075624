"""The Textual user interface: screens compose widgets; the app talks to the repository."""
