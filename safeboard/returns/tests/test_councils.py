"""The council lookup: DfE numbers, ONS codes and regions, by year."""

from collections import Counter

from safeboard.core.models import Region
from safeboard.returns.councils import all_councils, by_number, by_ons_code, councils_in
from safeboard.returns.generate import Size, councils


def test_southampton_is_852_and_e06000045_in_the_south_east():
    council = by_number("852", 2023)
    assert (council.ons_code, council.name, council.region) == (
        "E06000045",
        "Southampton",
        Region.SOUTH_EAST,
    )
    assert by_ons_code("E06000045", 2017).la == "852"


def test_numbers_and_codes_are_unique_in_every_year():
    for year in range(2014, 2025):
        found = councils_in(year)
        assert len({c.la for c in found}) == len(found), year
        assert len({c.ons_code for c in found}) == len(found), year
        assert all(c.region in Region.values for c in found)


def test_england_has_the_councils_dfe_counts_each_year():
    # 152 until Dorset's councils merged in 2019, 152 again once Northamptonshire split
    # in 2021, 153 once Cumbria split in 2023.
    assert {year: len(councils_in(year)) for year in (2017, 2019, 2021, 2023)} == {
        2017: 152,
        2019: 151,
        2021: 152,
        2023: 153,
    }
    assert Counter(c.region for c in councils_in(2023))[Region.LONDON] == 33


def test_a_reorganised_council_keeps_its_number_under_a_new_code():
    assert by_number("815", 2022).ons_code == "E10000023"
    assert by_number("815", 2023).ons_code == "E06000065"
    assert by_number("909", 2023) is None  # Cumbria: Cumberland (942) and W&F (943) since
    assert by_number("942", 2023).name == "Cumberland"
    assert len(all_councils()) > len(councils_in(2023))


def test_the_generator_uses_real_councils_and_their_regions():
    assert [(n, r) for n, r, _ in councils(Size(councils=1, years=1, referrals_per_year=10))] == [
        (852, Region.SOUTH_EAST)
    ]
    many = list(councils(Size(councils=152, years=1, referrals_per_year=10)))
    assert len(many) == 152
    for number, region, _ in many:
        assert by_number(f"{number}", 2023).region == region
