"""Every URL pattern of the project, asked by every persona, answers as written by hand.

Each app lists its patterns' expectations in `<app>/tests/url_expectations.py`. A pattern
with none fails the completeness test, so no page lands without someone deciding who may
use it; expectations are never recorded from what the code does today.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import safeboard
from safeboard.core.testing import EVERYONE


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


def test_every_expectation_covers_every_persona():
    for name, ask in EXPECTATIONS.items():
        assert set(ask.expected) == set(EVERYONE), name


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_answer_is_as_expected(cast, client, name, persona):
    ask = EXPECTATIONS[name]
    person = cast.persona(persona)
    if person is not None:
        client.force_login(person)
    kwargs = {key: value(cast) if callable(value) else value for key, value in ask.kwargs.items()}
    url = reverse(name, kwargs=kwargs)
    answer = getattr(client, ask.method)(url)
    assert answer.status_code == ask.expected[persona], f"{persona} {ask.method.upper()} {url}"
