"""pyproject.toml's [project] table names the same pinned packages as requirements.txt."""

from __future__ import annotations

import tomllib

from assistant.config import PROJECT_ROOT


def _pins(lines) -> set[str]:
    return {line.split("#")[0].strip() for line in lines if "==" in line}


def test_every_requirement_is_declared_in_the_project_table_with_the_same_pin():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared |= set(extra)
    required = _pins((PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert declared == required


def test_the_command_line_entry_point_exists():
    from assistant.cli import commands

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["policy-assistant"] == "assistant.cli.commands:main"
    assert callable(commands.main)
