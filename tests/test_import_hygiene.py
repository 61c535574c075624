"""The domain and the store never import Textual: they must run (and start) without the UI."""

import subprocess
import sys


def _modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_domain_and_store_do_not_import_textual() -> None:
    for module in ("acct_tui.domain.book", "acct_tui.store.repository", "acct_tui.cli"):
        loaded = _modules_after_import(module)
        assert "textual" not in loaded, module
        assert "rich" not in loaded, module


def test_domain_does_not_import_the_store() -> None:
    loaded = _modules_after_import("acct_tui.domain.book")
    assert not any(name.startswith("acct_tui.store") for name in loaded)
    assert "tinydb" not in loaded


def test_the_settings_file_is_read_without_its_writer() -> None:
    """tomlkit (keeping the user's layout) and shtab (shell completion) are loaded only when used."""
    for module in ("acct_tui.settings", "acct_tui.cli"):
        loaded = _modules_after_import(module)
        assert "tomlkit" not in loaded, module
        assert "shtab" not in loaded, module


def test_the_planner_starts_without_its_forms_and_list_screens() -> None:
    """The forms, the list screens and the client detail are imported when one first opens."""
    loaded = _modules_after_import("acct_tui.ui.app")
    assert "acct_tui.ui.app" in loaded
    for module in (
        "acct_tui.ui.forms.records",
        "acct_tui.ui.forms.fields",
        "acct_tui.ui.screens.list_screen",
        "acct_tui.ui.screens.at_risk",
        "acct_tui.ui.screens.delegation",
        "acct_tui.ui.screens.client_detail",
        "acct_tui.ui.screens.help",
    ):
        assert module not in loaded, module
