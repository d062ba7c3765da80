"""`make serve`: the Procfile honcho runs starts the worker and beat exactly as `make worker` and `make beat` do."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from honcho.environ import parse_procfile

BASE = Path(__file__).resolve().parent.parent
MAKEFILE = (BASE / "Makefile").read_text()
PROCFILE = parse_procfile((BASE / "Procfile").read_text()).processes


def make_variables(text: str) -> dict[str, str]:
    """``NAME ?= value`` and ``NAME := value`` lines (the defaults, as `make` with no overrides sees them)."""
    return {name: value.strip() for name, value in re.findall(r"^([A-Z_]+)\s*[?:]?=(.*)$", text, re.MULTILINE)}


def expand(command: str, variables: dict[str, str]) -> str:
    for _ in range(10):
        expanded = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables[m.group(1)], command)
        if expanded == command:
            break
        command = expanded
    assert "$(" not in command, command
    return command.replace("$$", "$")


def make_recipe(target: str) -> str:
    """The recipe of ``target`` as one shell command: its lines joined with ``&&`` (make stops at a failing line)."""
    lines = MAKEFILE.replace("\\\n", " ").splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{target}\s*:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(expand(line.strip().lstrip("@-+"), make_variables(MAKEFILE)))
    assert recipe, target
    return " && ".join(recipe)


@pytest.mark.parametrize("process", ["worker", "beat"])
def test_procfile_runs_the_same_command_as_the_make_target(process):
    assert PROCFILE[process] == make_recipe(process)


def test_procfile_runs_web_worker_and_beat():
    assert list(PROCFILE) == ["web", "worker", "beat"]
    assert PROCFILE["web"].startswith(".venv/bin/gunicorn config.wsgi --bind ${HOST:-127.0.0.1:8000} ")


def test_make_recipe_reads_the_worker_target():
    assert make_recipe("worker") == ".venv/bin/celery -A config worker --loglevel=info"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_make_serve_refuses_without_postgresql_and_redis(missing):
    env = {**os.environ, "DATABASE_URL": "postgres://127.0.0.1/x", "REDIS_URL": "redis://127.0.0.1:6379/0"}
    del env[missing]
    result = subprocess.run(
        ["make", "--no-print-directory", "serve"], cwd=BASE, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert f"make serve: {missing} is not set." in result.stderr
    assert "make run" in result.stderr
    assert result.stdout == ""  # nothing installed, migrated or started
