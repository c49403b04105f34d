"""Every URL pattern of the project, asked by every persona, answers as written by hand.

Each app lists its patterns' expectations in `<app>/tests/url_expectations.py`. A pattern
with none fails the completeness test, so no page lands without someone deciding who may
use it; expectations are never recorded from what the code does today.

A form page is asked by POST too. Its form, as shown to the first persona allowed the page,
with its blanks filled with values the form itself accepts, is sent by every persona
refused the page: each is refused alike, and nothing is written (no write statement, no
audit event). Every other refused write (a POST or an API call) is checked to write nothing.
"""

import copy
import importlib
import pkgutil
from contextlib import nullcontext
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import safeboard
from safeboard.core.forms import FinancialYearField
from safeboard.core.models import AuditEvent
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


# A form page's body: what the page's form holds, its blanks filled with valid values.


class _PostForms(HTMLParser):
    """The named fields of the page's forms that post back to the page itself."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.found = False
        self.fields: list[tuple[str, str]] = []
        self._inside = False
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "form":
            action = urlsplit(attr.get("action") or self.path).path
            self._inside = attr.get("method", "").lower() == "post" and action == self.path
            self.found = self.found or self._inside
        if not self._inside or "name" not in attr and tag not in ("option",):
            return
        if tag == "input" and attr.get("type", "text") not in ("submit", "button", "file"):
            if attr.get("type") not in ("checkbox", "radio") or "checked" in attr:
                self.fields.append((attr["name"], attr.get("value") or ""))
        elif tag == "select":
            self._select, self._options = (attr["name"], "multiple" in attr), []
        elif tag == "option" and self._select is not None:
            self._options.append((attr.get("value") or "", "selected" in attr))
        elif tag == "textarea":
            self._textarea, self._text = attr["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def _a_valid_value(field: forms.Field):
    """A value the field accepts, for a required field the page leaves blank."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [field.queryset.first()]
    if isinstance(field, forms.ModelChoiceField):
        return field.queryset.first()
    if isinstance(field, forms.MultipleChoiceField):
        return [next(v for v, _label in field.choices if v != "")]
    if isinstance(field, forms.ChoiceField):
        return next(v for v, _label in field.choices if v not in ("", None))
    if isinstance(field, forms.BooleanField):
        return True
    if isinstance(field, forms.DateField):
        return date(2017, 6, 1)
    if isinstance(field, FinancialYearField):
        return "2017-18"
    if isinstance(field, forms.SlugField):
        return "a-new-one"
    if isinstance(field, forms.EmailField):
        return "new.person@example.org"
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        low = getattr(field, "min_value", None)
        return low if low is not None else 1
    return "Written for the check"[: getattr(field, "max_length", None)]


def _forms_in(context) -> list[forms.BaseForm]:
    """The forms the page was drawn with (each once: every included template sees them)."""
    found: dict[int, forms.BaseForm] = {}
    for layer in context or ():
        for values in getattr(layer, "dicts", [layer]):
            for value in values.values() if isinstance(values, dict) else ():
                if isinstance(value, forms.BaseForm):
                    found.setdefault(id(value), value)
    return list(found.values())


def form_body(answer, path: str, given: dict) -> tuple[QueryDict, dict] | None:
    """The body a form page would accept: the page's form as shown, its required blanks
    filled through the form's own widgets, checked valid by the form. None if the page
    has no form posting back to itself."""
    if answer.streaming or not answer.get("Content-Type", "").startswith("text/html"):
        return None
    page = _PostForms(path)
    page.feed(answer.content.decode())
    if not page.found:
        return None
    data = QueryDict(mutable=True)
    for key, value in page.fields:
        data.appendlist(key, value)
    named = {key for key, _value in page.fields}
    files: dict = {}
    # The page's own forms, not another of its forms (a filter, say).
    shown = [
        form
        for form in _forms_in(answer.context)
        if any(form.add_prefix(name) in named for name in form.fields)
    ]
    for form in shown:
        filled = copy.copy(form)
        filled.initial, filled._bound_fields_cache = {}, {}
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field, forms.FileField):
                if field.required:
                    files[form.add_prefix(name)] = ("check.csv", b"year\n2017-18\n")
                continue
            blank = value in (None, "", [], ())
            filled.initial[name] = _a_valid_value(field) if blank and field.required else value
            rendered = _PostForms("")
            rendered.feed(f'<form method="post">{filled[name].as_widget()}</form>')
            for key in {key for key, _value in rendered.fields}:
                data.setlist(key, [value for k, value in rendered.fields if k == key])
    _give(data, files, given)
    for form in shown:
        checked = copy.copy(form)
        checked.is_bound, checked.data, checked.files = True, data, _uploads(files)
        checked._errors, checked._bound_fields_cache = None, {}
        assert checked.is_valid(), f"no valid body for {path}: {checked.errors.as_data()}"
    return data, files


def _give(data: QueryDict, files: dict, given: dict) -> None:
    """Put in the values written by hand for what the form cannot be filled with unaided."""
    for key, value in given.items():
        if isinstance(value, UploadedFile):
            files[key] = (value.name, value.read())
        else:
            data.setlist(key, value if isinstance(value, list) else [value])


def _uploads(files: dict) -> dict:
    return {key: SimpleUploadedFile(*file) for key, file in files.items()}


def _refusal(persona: str, expected: int) -> bool:
    """Whether the persona is expected to be refused: not theirs, not allowed, or signed
    out and sent to sign in."""
    return expected in (403, 404) or (expected == 302 and persona == "anonymous")


def _refused(persona: str, expected: int, answer) -> bool:
    if expected == 302:
        sign_in = reverse("core:sign-in")
        return persona == "anonymous" and urlsplit(answer.get("Location", "")).path == sign_in
    return _refusal(persona, expected)


WRITES = ("insert", "update", "delete", "replace")


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().lower().startswith(WRITES) and "django_session" not in q["sql"]
    ]


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_answer_is_as_expected(cast, name):
    """Every persona asks in turn, on one cast: each ask is rolled back, so each starts
    from the same records (the cast is built once per pattern, not once per persona)."""
    wrong = []
    clients = {}
    body: tuple | None = None
    # Only a form page someone is refused needs a body to send.
    first = EXPECTATIONS[name]
    looked = first.method != "get" or not any(
        _refusal(persona, first.expected[persona]) for persona in EVERYONE
    )
    refused = []
    for persona in EVERYONE:
        client = clients[persona] = SignedInClient()
        person = cast.persona(persona)
        if person is not None:
            client.force_login(person)
        for ask in _asks(name):
            with transaction.atomic():
                kwargs = {k: v(cast) if callable(v) else v for k, v in ask.kwargs.items()}
                url = reverse(name, kwargs=kwargs)
                payload = {}
                if ask.data is not None:
                    data = ask.data(cast) if callable(ask.data) else ask.data
                    payload = {"data": data, "content_type": "application/json"}
                writes = CaptureQueriesContext(connection)
                with writes if ask.method != "get" else nullcontext():
                    answer = getattr(client, ask.method)(url, **payload)
                if ask is first and answer.status_code == 200 and not looked:
                    body, looked = form_body(answer, url, _given(ask, cast)), True
                transaction.set_rollback(True)
            expected = ask.expected[persona]
            if answer.status_code != expected:
                wrong.append(
                    f"{persona} {ask.method.upper()} {url}: "
                    f"{answer.status_code}, expected {expected}"
                )
            elif _refused(persona, expected, answer):
                if ask is first and ask.method == "get":
                    refused.append(persona)
                elif ask.method != "get" and _writes(writes.captured_queries):
                    wrong.append(f"{persona} {ask.method.upper()} {url} was refused but wrote")
    if body is not None:
        wrong += _post_refused(cast, name, clients, refused, *body)
    assert wrong == []


def _given(ask, cast) -> dict:
    return {} if ask.form is None else ask.form(cast)


def _post_refused(cast, name, clients, personas, data, files) -> list[str]:
    """Those refused the form are refused its POST alike, and nothing is written."""
    wrong = []
    ask = EXPECTATIONS[name]
    for persona in personas:
        with transaction.atomic():
            kwargs = {k: v(cast) if callable(v) else v for k, v in ask.kwargs.items()}
            url = reverse(name, kwargs=kwargs)
            sent, uploads = data.copy(), dict(files)
            _give(sent, uploads, _given(ask, cast))
            body = {**{key: sent.getlist(key) for key in sent}, **_uploads(uploads)}
            events = AuditEvent.objects.count()
            with CaptureQueriesContext(connection) as queries:
                answer = clients[persona].post(url, body)
            written = _writes(queries.captured_queries)
            if AuditEvent.objects.count() != events:
                written.append("an audit event")
            transaction.set_rollback(True)
        expected = ask.expected[persona]
        if answer.status_code != expected or not _refused(persona, expected, answer):
            wrong.append(f"{persona} POST {url}: {answer.status_code}, expected {expected}")
        if written:
            wrong.append(f"{persona} POST {url} was refused but wrote: {written}")
    return wrong
