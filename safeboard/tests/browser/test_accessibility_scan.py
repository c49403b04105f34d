"""The scan the journeys rely on finds what it should: a check that cannot fail is none."""

import pytest

from .axe import assert_accessible, serious_violations

UNLABELLED = """<!DOCTYPE html><html lang="en"><head><title>A form</title></head>
<body><main><h1>A form</h1><form><input type="text" name="reference"></form></main></body>
</html>"""

LABELLED = UNLABELLED.replace(
    '<input type="text"', '<label for="ref">Reference</label><input id="ref" type="text"'
)


def test_an_unlabelled_input_is_a_serious_violation(page):
    page.set_content(UNLABELLED)
    assert "label" in {violation["id"] for violation in serious_violations(page)}
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(page)


def test_a_labelled_input_passes(page):
    page.set_content(LABELLED)
    assert_accessible(page)
