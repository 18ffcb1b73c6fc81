"""The README names every `dyad` command and subcommand, and every setting with its DYAD_* variable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from dyad.cli.main import app
from dyad.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(target: typer.Typer, prefix: str = "dyad") -> list[str]:
    """'dyad code', 'dyad actors', 'dyad actors lookup' … from the registered commands and groups."""
    out = [f"{prefix} {c.name or c.callback.__name__}" for c in target.registered_commands if c.callback]
    for group in target.registered_groups:
        assert group.name and group.typer_instance
        out.append(f"{prefix} {group.name}")
        out.extend(commands(group.typer_instance, f"{prefix} {group.name}"))
    return out


def test_commands_are_found():
    assert {"dyad code", "dyad actors lookup", "dyad serve"} <= set(commands(app))


@pytest.mark.parametrize("command", commands(app))
def test_readme_names_every_command(command):
    assert re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", README), f"README.md never mentions `{command}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_readme_names_every_setting_and_its_variable(setting):
    assert f"`{setting.name}`" in README, f"README.md does not name the setting `{setting.name}`"
    assert f"`DYAD_{setting.name.upper()}`" in README, f"README.md does not name `DYAD_{setting.name.upper()}`"
