"""Every command answers --help, and the README documents every command and setting."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SEED_PDF, run_cli
from delibsearch.cli import build_parser
from delibsearch.config import DATA_ENV, resolve_settings

COMMANDS = ("parse", "index", "correct", "people", "status", "search", "ask", "serve")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert "--data" in result.stdout and f"delibsearch {command}" in result.stdout


def test_readme_documents_every_command_and_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"delibsearch {command}" in readme
    for option in ("--data", DATA_ENV, "--host", "--port", "--workers", "--authority"):
        assert option in readme
    subcommands = build_parser()._subparsers._group_actions[0].choices
    assert set(subcommands) == set(COMMANDS)


def test_data_dir_flag_beats_environment_beats_default():
    assert resolve_settings("x", {DATA_ENV: "y"}).data_dir == Path("x")
    assert resolve_settings(None, {DATA_ENV: "y"}).data_dir == Path("y")
    assert resolve_settings(None, {}).data_dir == Path("data")


def test_parse_prints_the_json_contract():
    result = run_cli("parse", str(SEED_PDF))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["source"]["file"] == SEED_PDF.name and len(data["source"]["sha256"]) == 64
    assert data["session"]["date"] == "2023-03-10"


def test_index_status_and_search_with_the_environment_setting(tmp_path):
    env = {"DELIBSEARCH_DATA": str(tmp_path / "envdata"), "PATH": "/usr/bin:/bin"}
    indexed = run_cli("index", str(SEED_PDF), env=env)
    assert indexed.returncode == 0 and indexed.stdout.startswith("1 indexed, 0 unchanged, 0 failed")
    assert (tmp_path / "envdata" / "index").is_dir()
    status = run_cli("status", env=env)
    assert status.stdout.startswith("1 sittings, 1 items, 0 failed files")
    found = json.loads(run_cli("search", "Montréal", env=env).stdout)
    assert found["total"] == 1 and found["results"][0]["number"] == "6"


def test_missing_path_is_named(tmp_path):
    result = run_cli("index", "--data", str(tmp_path / "d"), str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "nowhere: no such file or folder" in result.stderr
