"""The apps import in one direction (units → movements → registrations → awards → reports → demo, config), and no
project import hides inside a function unless a comment on its line says why (docs/architecture.md, "Layers")."""

import ast
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
APPS = ("units", "movements", "registrations", "awards", "reports", "demo", "config")


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def inner_imports(path: pathlib.Path, root: pathlib.Path = ROOT) -> list[str]:
    """Project imports inside a function of ``path`` with no comment on their line."""
    source = path.read_text()
    lines = source.splitlines()
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom) and in_function:
                names = [a.name for a in child.names] if isinstance(child, ast.Import) else [child.module or ""]
                local = isinstance(child, ast.ImportFrom) and child.level > 0
                if (local or any(n.split(".")[0] in APPS for n in names)) and "#" not in lines[child.lineno - 1]:
                    found.append(f"{path.relative_to(root)}:{child.lineno}: {lines[child.lineno - 1].strip()}")
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(ast.parse(source), False)
    return found


def test_no_project_import_hides_in_a_function_without_saying_why():
    found = [line for path in _sources() for line in inner_imports(path)]
    assert found == [], "Move these imports to the top of the module, or say why on the line:\n" + "\n".join(found)


def test_the_finder_sees_an_import_in_a_function(tmp_path):
    module = tmp_path / "example.py"
    module.write_text(
        "import os\n\ndef f():\n    from awards.models import Decision\n    from units import tasks  # a cycle\n"
    )
    found = inner_imports(module, root=tmp_path)
    assert [line.split(": ", 1)[1] for line in found] == ["from awards.models import Decision"]


def test_the_layers_contract_holds():
    """import-linter's layers contract (pyproject.toml, ``[tool.importlinter]``), as `make lint` runs it."""
    lint = shutil.which("lint-imports", path=str(pathlib.Path(sys.executable).parent))
    assert lint, "import-linter is a dev dependency (make install)"
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 kept, 0 broken" in result.stdout
