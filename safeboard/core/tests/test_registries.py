"""Every module's contributions are found at start-up, in every process, one way; a service
enqueues background work only once its transaction commits, and imports no tasks module."""

import ast
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import safeboard

PACKAGE = Path(safeboard.__file__).parent
CONTRIBUTIONS = ("report", "panels", "tasks")


@cache
def source_modules() -> dict[str, ast.Module]:
    """Every module of Safeboard's own code (not its tests or migrations), by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = ast.parse(path.read_text(), filename=str(path))
    return found


def contributed(kind: str) -> set[str]:
    """Modules named `kind` of Safeboard's apps, as they are on disk."""
    return {name for name in source_modules() if name.count(".") == 2 and name.endswith(f".{kind}")}


def job_names() -> set[str]:
    """The names every tasks module gives its periodic jobs (`@daily(...)`, `@every(...)`)."""
    names = set()
    for name, tree in source_modules().items():
        if not name.endswith(".tasks"):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"daily", "every"}
            ):
                names.add(node.args[0].value)
    return names


STARTED = """
import json, sys
import django
django.setup()
from safeboard.core import schedule
print(json.dumps({"modules": sorted(sys.modules), "jobs": sorted(schedule.JOBS)}))
"""


def test_a_process_that_starts_finds_every_module_s_sections_panels_and_jobs():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "safeboard.settings"}
    started = subprocess.run(  # noqa: S603 - this interpreter, running a fixed script
        [sys.executable, "-c", STARTED],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    loaded = json.loads(started.stdout.splitlines()[-1])
    for kind in CONTRIBUTIONS:
        assert contributed(kind) <= set(loaded["modules"]), kind
    assert contributed("report") >= {"safeboard.actions.report", "safeboard.reviews.report"}
    assert "safeboard.reviews.panels" in contributed("panels")
    assert set(loaded["jobs"]) == job_names()
    assert "case-review-deadline-reminders" in loaded["jobs"]


def imported(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    """The dotted names an import statement of `module` brings in."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    is_package = (PACKAGE.parent / module.replace(".", "/") / "__init__.py").exists()
    levels = node.level - 1 if is_package else node.level
    package = module.rsplit(".", levels)[0] if levels else module if node.level else ""
    base = ".".join(part for part in (package, node.module or "") if part)
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def is_service_module(name: str) -> bool:
    return name.endswith(".services") or ".services." in name


def tasks_imported_at_load(tree: ast.Module, module: str) -> list[str]:
    """The tasks modules a module imports as it is loaded (not inside a function)."""
    return sorted(
        {
            target.partition(".tasks")[0] + ".tasks"
            for node in tree.body
            if isinstance(node, ast.Import | ast.ImportFrom)
            for target in imported(node, module)
            if target.startswith("safeboard.")
            and (target.endswith(".tasks") or ".tasks." in target)
        }
    )


def test_no_service_imports_a_tasks_module_when_it_is_loaded():
    # tasks.py calls services; a service that enqueues imports its task where it enqueues.
    services = {n: tree for n, tree in source_modules().items() if is_service_module(n)}
    assert "safeboard.annual.services" in services and "safeboard.reviews.services" in services
    found = {name: tasks_imported_at_load(tree, name) for name, tree in services.items()}
    assert {name: tasks for name, tasks in found.items() if tasks} == {}


def test_the_check_finds_a_tasks_module_imported_at_load_and_passes_one_imported_late():
    at_load = ast.parse("from . import selectors, tasks\nfrom .tasks import make_report_file\n")
    assert tasks_imported_at_load(at_load, "safeboard.annual.services") == [
        "safeboard.annual.tasks"
    ]
    in_package = ast.parse("from ..tasks import build\nimport safeboard.returns.tasks\n")
    # From a package's __init__, ".." is the package's parent; from a module in it, its
    # grandparent: both the app here.
    for module in ("safeboard.reviews.services", "safeboard.reviews.services.papers"):
        assert tasks_imported_at_load(in_package, module) == [
            "safeboard.returns.tasks",
            "safeboard.reviews.tasks",
        ]
    late = ast.parse("def request():\n    from .tasks import make_report_file\n")
    assert tasks_imported_at_load(late, "safeboard.annual.services") == []


# What enqueues background work: a task's `enqueue`, and email, which leaves through a task.
ENQUEUES = ("enqueue", "send_email")
# Where enqueueing at once is the point: the worker's schedule (its run and its job are
# recorded together), the mail helper itself, and the jobs, which run outside any request.
ENQUEUE_AT_ONCE = {"safeboard.core.schedule", "safeboard.core.notify"}


def is_on_commit(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Attribute) and node.func.attr == "on_commit")
        or (isinstance(node.func, ast.Name) and node.func.id == "on_commit")
    )


def enqueues_at_once(tree: ast.Module) -> list[int]:
    """Lines that enqueue, or send email, other than from a callback given to
    `transaction.on_commit` (inside its call, or a function of that name defined beside it)."""
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    deferred_functions = {
        argument.id
        for node in ast.walk(tree)
        if is_on_commit(node)
        for argument in node.args
        if isinstance(argument, ast.Name)
    }
    lines = []
    for node in ast.walk(tree):
        named = (isinstance(node, ast.Attribute) and node.attr in ENQUEUES) or (
            isinstance(node, ast.Name) and node.id in ENQUEUES
        )
        if not named:
            continue
        ancestor, deferred = parents.get(node), False
        while ancestor is not None and not deferred:
            deferred = is_on_commit(ancestor) or (
                isinstance(ancestor, ast.FunctionDef) and ancestor.name in deferred_functions
            )
            ancestor = parents.get(ancestor)
        if not deferred:
            lines.append(node.lineno)
    return lines


def test_every_service_enqueues_only_once_its_transaction_commits():
    found = {
        name: enqueues_at_once(tree)
        for name, tree in source_modules().items()
        if not name.endswith(".tasks") and name not in ENQUEUE_AT_ONCE
    }
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_check_finds_an_enqueue_made_at_once_and_passes_one_made_on_commit():
    at_once = ast.parse("def request():\n    make.enqueue(file_id=1)\n")
    on_commit = ast.parse(
        "def request():\n"
        "    transaction.on_commit(partial(make.enqueue, file_id=1))\n"
        "    def send():\n"
        "        send_email(to=to)\n"
        "    transaction.on_commit(send)\n"
    )
    mail_at_once = ast.parse("def invite():\n    send_email(to=to)\n")
    assert enqueues_at_once(at_once) == [2]
    assert enqueues_at_once(on_commit) == []
    assert enqueues_at_once(mail_at_once) == [2]
