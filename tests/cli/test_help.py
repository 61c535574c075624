"""The command line as users expect it: a description and working examples in every --help, --today
documented and accepted after each command, and shell completion for bash, zsh and fish."""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from acct_tui.cli import build_parser, main

COMMANDS = (
    "check",
    "generate",
    "import",
    "export",
    "report",
    "config",
    "status",
    "merge",
    "sync",
    "team",
    "completion",
)


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _examples(help_text: str) -> list[str]:
    """The command lines under "examples:" (each indented by two spaces; its comment by six)."""
    section = help_text.split("\nexamples:\n", 1)[1]
    return [line.strip() for line in section.splitlines() if line.startswith("  ") and not line.startswith("   ")]


def test_every_command_has_a_description_and_examples_that_parse(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    assert tuple(_subparsers(parser)) == COMMANDS
    for name in ("", *COMMANDS):
        assert main([name, "--help"] if name else ["--help"]) == 0
        text = capsys.readouterr().out
        described = text.split("\n\n")[1]  # after the usage lines
        assert len(described.split()) > 12, (name, described)
        examples = _examples(text)
        assert len(examples) >= 2, name
        for example in examples:
            words = shlex.split(example.replace("|", " | ").replace(">", " > "))
            if words[0] != "acct-tui":  # "$EDITOR" "$(acct-tui config --path)", git config ... "acct-tui merge ..."
                words = shlex.split(next(w for w in words if "acct-tui " in w).strip("$()"))
            argv = words[1 : next((i for i, w in enumerate(words) if w in ("|", ">")), len(words))]
            if not name:
                assert example.startswith("acct-tui"), example
            elif words[0] == "acct-tui":
                assert name in argv, example
            parser.parse_args(argv)  # usage errors would exit 2


def test_today_is_documented_and_taken_after_every_command_that_reads_the_date(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--help"]) == 0
    assert "--today DATE     run as of another day" in capsys.readouterr().out
    parser = build_parser()
    for command in (["status"], ["report"], ["export", "--format", "md"], ["generate", "--clients", "1", "-o", "x"]):
        args = parser.parse_args([*command, "--today", "2026-11-27"])
        assert str(args.today) == "2026-11-27", command
        before = parser.parse_args(["--today", "2026-11-27", *command])
        assert str(before.today) == "2026-11-27", command  # given before the command, it holds
    assert main(["report", "--db", str(demo_path), "--today", "2026-11-27"]) == 0
    assert "2026-W48" in capsys.readouterr().out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_every_command_option_and_choice(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    options = [f"-l {name}" if shell == "fish" else f"--{name}" for name in ("db", "today", "with-notes", "dry-run")]
    for word in (*COMMANDS, *options, "opportunities", "ics", "fish"):
        assert word in script, (shell, word)
    files = {"bash": "_shtab_compgen_files", "zsh": ":PATH:_files", "fish": "__fish_complete_path"}[shell]
    assert files in script  # --db PATH, -o PATH, FILE...: file names


def test_bash_completes_commands_and_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "acct-tui.bash"
    script.write_text(capsys.readouterr().out)

    def complete(*words: str) -> list[str]:
        line = " ".join(words)
        program = (
            f"source {shlex.quote(str(script))}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; "
            f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}; _shtab_acct_tui; echo "${{COMPREPLY[@]}}"'
        )
        done = subprocess.run([bash, "-c", program], capture_output=True, text=True, timeout=30, check=True)
        return done.stdout.split()

    assert complete("acct-tui", "imp") == ["import"]
    assert complete("acct-tui", "import", "de") == ["deals"]
    assert complete("acct-tui", "export", "--format", "''") == ["json", "csv", "md", "ics"]
    assert complete("acct-tui", "status", "--j") == ["--json"]


def test_completion_costs_the_other_commands_nothing() -> None:
    code = "import sys; from acct_tui.cli import main; main(['--version']); print('shtab' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.splitlines()[-1] == "False"
