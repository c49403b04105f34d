"""Every URL pattern of the project, asked by every persona, answers as written here.

Expectations are written by hand for each pattern. A pattern with none fails the
completeness test, so a new page cannot land without someone deciding who may use it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from safeboard.core.testing import PERSONAS

EVERYONE = (*PERSONAS, "outsider", "anonymous")
MEMBERS = PERSONAS

# Kinds of answer: 200 shown, 302 redirected (signed out: to sign in), 403 seen but not
# allowed, 404 not theirs.


def members_read(status_for_outsider=404):
    return {**dict.fromkeys(MEMBERS, 200), "outsider": status_for_outsider, "anonymous": 302}


def only(allowed: dict[str, int], others=403):
    return {**dict.fromkeys(MEMBERS, others), **{"outsider": 404, "anonymous": 302}, **allowed}


PUBLIC = dict.fromkeys(EVERYONE, 200)
BU_FORM = only({"business_unit": 200})
BU_POST = only({"business_unit": 302})

# name: (method, kwargs from the cast, expectations)
EXPECTATIONS = {
    "core:home": ("get", {}, {**dict.fromkeys(EVERYONE, 302)}),
    "core:healthz": ("get", {}, PUBLIC),
    "core:accessibility": ("get", {}, PUBLIC),
    "core:privacy": ("get", {}, PUBLIC),
    "core:sign-in": ("get", {}, {**dict.fromkeys(EVERYONE, 302), "anonymous": 200}),
    "core:sign-out": ("post", {}, dict.fromkeys(EVERYONE, 302)),
    "core:password-reset": ("get", {}, PUBLIC),
    "core:password-reset-sent": ("get", {}, PUBLIC),
    "core:password-reset-done": ("get", {}, PUBLIC),
    "core:password-reset-confirm": ("get", {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "core:invitation-accept": (
        "get",
        {"uidb64": "MQ", "token": "x-y"},
        dict.fromkeys(EVERYONE, 404),
    ),
    "core:partnership-create": (
        "get",
        {},
        {**dict.fromkeys(EVERYONE, 403), "business_unit": 200, "outsider": 200, "anonymous": 302},
    ),
    "core:dashboard": ("get", {"slug": "p"}, members_read()),
    "core:partnership-settings": ("get", {"slug": "p"}, members_read()),
    "core:partnership-edit": ("get", {"slug": "p"}, BU_FORM),
    "core:la-code-add": ("get", {"slug": "p"}, BU_FORM),
    "core:neighbours-set": ("get", {"slug": "p"}, BU_FORM),
    "core:agency-list": ("get", {"slug": "p"}, members_read()),
    "core:agency-create": ("get", {"slug": "p"}, BU_FORM),
    "core:agency-join": ("get", {"slug": "p"}, BU_FORM),
    "core:agency-detail": ("get", {"slug": "p", "pk": "health"}, members_read()),
    "core:agency-edit": ("get", {"slug": "p", "pk": "health"}, BU_FORM),
    "core:people": ("get", {"slug": "p"}, members_read()),
    "core:person-invite": ("get", {"slug": "p"}, only({"business_unit": 200, "agency_lead": 200})),
    "core:person-detail": ("get", {"slug": "p", "pk": "viewer"}, members_read()),
    "core:person-edit": ("get", {"slug": "p", "pk": "viewer"}, BU_FORM),
    "core:membership-edit": ("get", {"slug": "p", "pk": "viewer"}, BU_FORM),
    "core:membership-deactivate": ("post", {"slug": "p", "pk": "viewer"}, BU_POST),
    "core:membership-reactivate": ("post", {"slug": "p", "pk": "viewer"}, BU_POST),
    "core:invitation-resend": ("post", {"slug": "p", "pk": "viewer"}, BU_POST),
    "core:glossary": ("get", {"slug": "p"}, members_read()),
    "core:glossary-create": ("get", {"slug": "p"}, BU_FORM),
    "core:glossary-edit": ("get", {"slug": "p", "pk": "term"}, BU_FORM),
    "core:glossary-delete": ("get", {"slug": "p", "pk": "term"}, BU_FORM),
}


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


def _kwargs(cast, spec):
    from safeboard.core.models import GlossaryTerm

    values = {}
    for key, value in spec.items():
        if value == "p":
            values[key] = cast.partnership.slug
        elif value == "health":
            values[key] = cast.health.pk
        elif value == "viewer":
            values[key] = cast.viewer.memberships.get().pk
        elif value == "term":
            values[key] = GlossaryTerm.objects.create(
                partnership=cast.partnership, term="MASH", meaning="Hub"
            ).pk
        else:
            values[key] = value
    return values


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_the_answer_is_as_expected(cast, client, name, persona):
    method, spec, expected = EXPECTATIONS[name]
    person = cast.persona(persona)
    if person is not None:
        client.force_login(person)
    url = reverse(name, kwargs=_kwargs(cast, spec))
    answer = getattr(client, method)(url)
    assert answer.status_code == expected[persona], f"{persona} {method.upper()} {url}"
