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
    # As in DfE's children in need statistics: 152 until Dorset's three councils became
    # two in 2019-20, 152 again once Northamptonshire split in 2021-22, 153 once Cumbria
    # split in 2023-24.
    assert {year: len(councils_in(year)) for year in range(2014, 2025)} == {
        **dict.fromkeys(range(2014, 2019), 152),
        **dict.fromkeys((2019, 2020), 151),
        **dict.fromkeys((2021, 2022), 152),
        **dict.fromkeys((2023, 2024), 153),
    }
    assert Counter(c.region for c in councils_in(2023))[Region.LONDON] == 33


def test_councils_come_and_go_in_the_years_dfe_published_them():
    assert by_number("835", 2018).name == "Dorset"  # the county council
    assert by_number("835", 2019) is None
    assert by_number("838", 2019).ons_code == "E06000059"
    assert by_number("839", 2019).name == "Bournemouth, Christchurch and Poole"
    assert by_number("928", 2020).name == "Northamptonshire"
    assert by_number("928", 2021) is None
    assert [by_number(la, 2021).ons_code for la in ("940", "941")] == ["E06000061", "E06000062"]
    assert by_number("909", 2022).ons_code == "E10000006"


def test_codes_change_in_the_year_dfe_first_used_the_new_one():
    assert [by_number("825", year).ons_code for year in (2019, 2020)] == [
        "E10000002",  # Buckinghamshire County Council
        "E06000060",  # the unitary council, from April 2020
    ]
    assert [by_number("933", year).ons_code for year in (2022, 2023)] == [
        "E10000027",
        "E06000066",
    ]
    # Barnsley's and Sheffield's boundary changed in May 2025.
    assert [by_number("370", year).ons_code for year in (2024, 2025)] == [
        "E08000016",
        "E08000038",
    ]
    assert by_ons_code("E08000039", 2025).name == "Sheffield"
    assert by_ons_code("E08000019", 2025) is None


def test_codes_some_might_expect_to_change_stand_in_every_year():
    for year in range(2014, 2025):
        assert by_number("390", year).ons_code == "E08000037", year  # Gateshead since 2013
        assert by_number("929", year).ons_code == "E06000057", year  # Northumberland
        assert by_number("919", year).ons_code == "E10000015", year  # Hertfordshire
        assert by_number("886", year).ons_code == "E10000016", year  # Kent


def test_councils_have_the_names_dfe_publishes():
    assert by_number("840", 2023).name == "County Durham"
    assert by_number("884", 2023).name == "Herefordshire, County of"
    assert by_number("342", 2023).name == "St. Helens"


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
