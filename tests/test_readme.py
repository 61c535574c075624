"""The README keeps its promises to a reader on a fresh machine."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def test_the_readme_starts_with_the_two_set_up_commands() -> None:
    text = README.read_text()
    first_block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first_block is not None
    assert text.index("```sh") < text.index("\n## ")  # before the first section
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]


def test_the_readme_points_only_at_files_of_the_repository() -> None:
    text = README.read_text()
    assert "../shared" not in text and "/work/shared" not in text
    for target in re.findall(r"\]\(((?!https?://|#)[^)]+)\)", text):
        assert (README.parent / target).exists(), target
