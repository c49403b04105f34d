"""What the dataset's tests share."""

import pytest

from safeboard.performance.tests.factories import ObservationFactory


@pytest.fixture
def s47(cast):
    """The seed's Section 47 figures for 2017-18 (Q3 invented), with its comparators."""
    for quarter, value in [(1, 76), (2, 81), (3, 74), (4, 69)]:
        ObservationFactory(partnership=cast.partnership, quarter=quarter, value=value)
    for area, code, value in [
        ("neighbours", "", 51),
        ("england", "", 39),
        ("region", "E12000008", 40),
    ]:
        ObservationFactory(
            partnership=cast.partnership,
            area=area,
            area_code=code,
            quarter=4,
            value=value,
            source="DfE",
        )
