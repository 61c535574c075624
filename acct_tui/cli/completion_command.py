"""`acct-tui completion SHELL`: the shell completion script, generated from the parser by shtab.

The script completes every command, option and choice (tables, formats), and file names where an
option takes a path. shtab is imported only here, so no other command pays for it.
"""

from __future__ import annotations

import argparse
from typing import Any

from acct_tui.cli.common import EXIT_OK, described

SHELLS = ("bash", "zsh", "fish")


def register(sub: Any) -> None:
    completion = sub.add_parser(
        "completion",
        help="print the shell completion script for bash, zsh or fish",
        **described(
            "Prints a script that completes acct-tui's commands, options, their choices and file names "
            "in your shell. Save it where your shell looks for completions (see the examples), then open "
            "a new shell.",
            (
                "acct-tui completion bash > ~/.local/share/bash-completion/completions/acct-tui",
                "bash (with the bash-completion package)",
            ),
            ("acct-tui completion zsh > ~/.zfunc/_acct-tui", "zsh: with fpath+=(~/.zfunc) before compinit in ~/.zshrc"),
            ("acct-tui completion fish > ~/.config/fish/completions/acct-tui.fish", "fish"),
        ),
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    completion.set_defaults(handler=run_completion)


def run_completion(args: argparse.Namespace) -> int:
    import shtab

    from acct_tui.cli import build_parser

    parser = build_parser()
    _complete_paths(parser, shtab.FILE)
    print(shtab.complete(parser, shell=args.shell), end="")
    return EXIT_OK


def _complete_paths(parser: argparse.ArgumentParser, files: dict[str, Any]) -> None:
    """Complete file names for every option and argument that takes a path (PATH, FILE...)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _complete_paths(child, files)
        elif isinstance(action.metavar, str) and action.metavar.startswith(("PATH", "FILE")):
            action.complete = files  # type: ignore[attr-defined]
