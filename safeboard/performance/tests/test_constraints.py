"""The database itself refuses an observation that no check in Python should let through:
its constraints stand behind the bulk writes, which make no model instances."""

import pytest
from django.db import IntegrityError, transaction

from safeboard.performance.models import Observation

from .factories import ObservationFactory


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"period_kind": "month"}, "observation_period_is_whole"),
        ({"period_kind": "year", "quarter": 2}, "observation_period_is_whole"),
        ({"period_kind": "quarter", "quarter": 5}, "observation_period_is_whole"),
        ({"area": "local", "area_code": "E06000045"}, "observation_area_code_only_where_needed"),
        ({"sex": "other"}, "observation_breakdown_by_sex_or_age"),
        ({"age_band": "0_2"}, "observation_breakdown_by_sex_or_age"),
        ({"sex": "female", "age_band": "1_4"}, "observation_breakdown_by_sex_or_age"),
        ({"value": -1}, "observation_value_not_negative"),
        ({"numerator": 5, "denominator": 4}, "observation_numerator_within_denominator"),
    ],
)
def test_the_database_refuses_an_observation_outside_its_rules(cast, fields, constraint):
    observation = ObservationFactory.build(partnership=cast.partnership, **fields)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        # Saved without Django's own validation: the bulk writes do not run it either.
        observation.save()
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"period_kind": "rolling", "quarter": 3},
        {"area": "region", "area_code": "E12000008"},
        {"area": "authority", "area_code": "E06000045"},
        {"sex": "male"},
        {"age_band": "16_17"},
    ],
)
def test_the_database_takes_an_observation_within_its_rules(cast, fields):
    ObservationFactory(partnership=cast.partnership, **fields)
    assert Observation.objects.count() == 1
