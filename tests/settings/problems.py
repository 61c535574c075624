"""What loading a settings file refuses, for the tests of reading and writing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from acct_tui.settings import SettingsFileError, load


def problems(text: str, tmp_path: Path) -> list[str]:
    """The problems named when a settings file holding `text` is loaded."""
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsFileError) as caught:
        load(path)
    return caught.value.details
