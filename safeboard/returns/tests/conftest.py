import pytest

from safeboard.core.models import LocalAuthorityCode


@pytest.fixture
def southampton(cast):
    """The cast's partnership, whose own council is Southampton (852, E06000045)."""
    LocalAuthorityCode.objects.create(
        partnership=cast.partnership, from_year=2017, code="E06000045"
    )
    return cast.partnership
