"""Every URL pattern of the project, asked by every persona, answers as written by hand.

Each app lists its patterns' expectations in `<app>/tests/url_expectations.py`. A pattern
with none fails the completeness test, so no page lands without someone deciding who may
use it; expectations are never recorded from what the code does today.
"""

import importlib
import pkgutil

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import safeboard
from safeboard.core.testing import EVERYONE, SignedInClient


def _gather() -> dict:
    expectations: dict = {}
    for app in pkgutil.iter_modules(safeboard.__path__):
        try:
            module = importlib.import_module(f"safeboard.{app.name}.tests.url_expectations")
        except ModuleNotFoundError:
            continue
        clash = set(expectations) & set(module.EXPECTATIONS)
        assert not clash, f"expectations written twice: {clash}"
        expectations.update(module.EXPECTATIONS)
    return expectations


EXPECTATIONS = _gather()


def all_pattern_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_pattern_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"(unnamed) {entry.pattern}"


def test_every_url_pattern_has_expectations():
    missing = sorted(set(all_pattern_names()) - set(EXPECTATIONS))
    assert missing == [], f"URL patterns with no permission expectations: {missing}"


def test_no_expectation_names_a_pattern_that_is_gone():
    assert sorted(set(EXPECTATIONS) - set(all_pattern_names())) == []


def _asks(name):
    ask = EXPECTATIONS[name]
    return [ask, *ask.also]


def test_every_expectation_covers_every_persona():
    for name in EXPECTATIONS:
        for ask in _asks(name):
            assert set(ask.expected) == set(EVERYONE), f"{name} {ask.method}"


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_answer_is_as_expected(cast, name):
    """Every persona asks in turn, on one cast: each ask is rolled back, so each starts
    from the same records (the cast is built once per pattern, not once per persona)."""
    wrong = []
    for persona in EVERYONE:
        client = SignedInClient()
        person = cast.persona(persona)
        if person is not None:
            client.force_login(person)
        for ask in _asks(name):
            with transaction.atomic():
                kwargs = {k: v(cast) if callable(v) else v for k, v in ask.kwargs.items()}
                url = reverse(name, kwargs=kwargs)
                body = {}
                if ask.data is not None:
                    data = ask.data(cast) if callable(ask.data) else ask.data
                    body = {"data": data, "content_type": "application/json"}
                answer = getattr(client, ask.method)(url, **body)
                transaction.set_rollback(True)
            if answer.status_code != ask.expected[persona]:
                wrong.append(
                    f"{persona} {ask.method.upper()} {url}: "
                    f"{answer.status_code}, expected {ask.expected[persona]}"
                )
    assert wrong == []
