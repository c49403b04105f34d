"""Every permission question lives in its app's `rules.py`, is named `can_<verb>`, asks it
of the person first, and answers True or False, whoever asks."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

import safeboard
from safeboard.actions.tests.factories import ActionFactory
from safeboard.annual.models import AnnualReport, Status
from safeboard.core.testing import EVERYONE
from safeboard.governance.tests.factories import BodyFactory, MeetingFactory
from safeboard.reviews.models import Review

ROOT = Path(safeboard.__file__).parent
APPS = sorted(
    path.name
    for path in ROOT.iterdir()
    if (path / "views.py").exists() or (path / "views" / "__init__.py").exists()
)
RULES = {app: importlib.import_module(f"safeboard.{app}.rules") for app in APPS}
PREDICATES = [
    pytest.param(app, name, function, id=f"{app}.{name}")
    for app, module in RULES.items()
    for name, function in inspect.getmembers(module, inspect.isfunction)
    if function.__module__ == module.__name__ and not name.startswith("_")
]


def _sources():
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def _asks_of_a_person(node: ast.FunctionDef) -> bool:
    """A permission question: its first parameter is the person asking."""
    arguments = [*node.args.posonlyargs, *node.args.args]
    return bool(arguments) and arguments[0].arg in {"user", "actor"}


def test_every_app_with_pages_has_its_rules():
    assert {"core", "actions", "governance", "performance", "returns", "reviews", "annual"} <= set(
        APPS
    )


def test_no_permission_question_is_asked_outside_the_rules():
    strays = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or not _asks_of_a_person(node):
                continue
            if node.name.startswith("may_") or (
                node.name.startswith("can_") and path.name != "rules.py"
            ):
                strays.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert strays == []


@pytest.mark.parametrize(("app", "name", "function"), PREDICATES)
def test_a_rule_is_named_can_and_asks_of_the_person(app, name, function):
    signature = inspect.signature(function)
    assert name.startswith("can_"), f"{app}.rules.{name}"
    assert next(iter(signature.parameters)) == "user", f"{app}.rules.{name}"
    assert signature.return_annotation in (bool, "bool"), f"{app}.rules.{name}"


def _records(cast) -> dict:
    """A value for each parameter a rule may take, by its name."""
    return {
        "partnership_id": cast.partnership.pk,
        "partnership": cast.partnership,
        "agency_id": cast.police.pk,
        "agency": cast.police,
        "person": cast.viewer,
        "model": Review,
        "action": ActionFactory(
            recommendation__partnership=cast.partnership, owner_agency=cast.police
        ),
        "meeting": MeetingFactory(body__partnership=cast.partnership),
        "body": BodyFactory(partnership=cast.partnership),
        "report": AnnualReport(
            partnership=cast.partnership, year=2017, status=Status.AWAITING_SIGN_OFF
        ),
    }


@pytest.mark.parametrize(("app", "name", "function"), PREDICATES)
def test_a_rule_answers_true_or_false_to_everyone(cast, app, name, function):
    records = _records(cast)
    asked = list(inspect.signature(function).parameters)[1:]
    unknown = set(asked) - set(records)
    assert not unknown, f"{app}.rules.{name} takes {unknown}: give the test a record for it"
    answers = {}
    for persona in EVERYONE:
        user = cast.persona(persona) or AnonymousUser()
        answers[persona] = function(user, *(records[a] for a in asked))
    assert {type(answer) for answer in answers.values()} == {bool}, answers
    assert answers["anonymous"] is False, "signed out, nobody may do anything"
    if asked:
        assert answers["outsider"] is False, "another partnership's member may do nothing here"
