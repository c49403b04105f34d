"""Which performance indicators the returns' definitions fill.

Each definition gives a count and, where the issue's dataset asks, a rate per 10,000
children aged 0–17; re-referrals give a percentage. Four rates are the seed's own catalogue
indicators (the same measure); the rest are added to the catalogue by a migration of this
app (`install`), each with the definition written beside it.
"""

from dataclasses import dataclass

from .indicators import DEFINITIONS

SOURCE_AGENCY = "Children's social care: statutory returns (CIN census, SSDA903)"
RATE_BASIS = (
    " Per 10,000 children aged 0–17 (ONS mid-year estimate of the year the financial year "
    "starts in)."
)
FLOW_NOTE = " A flow: a quarter's figure is about a quarter of a year's."
FIRST_POSITION = 100  # after the seed's catalogue


@dataclass(frozen=True)
class Mapping:
    count: str  # the indicator of the count ("" for re-referrals)
    rate: str  # the rate per 10,000 (or, for re-referrals, the percentage)
    theme: str = "social_care"
    polarity: str = "neither"


MAPPINGS = {
    "referrals": Mapping("cin-referrals-count", "cin-referrals"),
    "re_referrals": Mapping("", "cin-re-referrals", polarity="lower_is_better"),
    "s47_started": Mapping("s47-started-count", "s47-started"),
    "s47_children": Mapping("s47-children-count", "s47-children"),
    "icpcs": Mapping("icpcs-count", "icpcs"),
    "cp_plans_at_end": Mapping("cp-plans-count", "cp-plans"),
    "cp_plan_starts": Mapping("cp-plan-starts-count", "cp-plan-starts"),
    "cp_plan_ends": Mapping("cp-plan-ends-count", "cp-plan-ends"),
    "looked_after_at_end": Mapping(
        "looked-after-count", "looked-after", polarity="lower_is_better"
    ),
    "looked_after_starts": Mapping("looked-after-starts-count", "looked-after-starts"),
    "looked_after_ceases": Mapping("looked-after-ceases-count", "looked-after-ceases"),
    "missing_episodes": Mapping(
        "missing-episodes-count", "missing-episodes", theme="exploitation",
        polarity="lower_is_better",
    ),
}  # fmt: skip
# The seed's catalogue already has these rates: the same measure, so the same indicator.
EXISTING = frozenset({"cin-referrals", "s47-started", "cp-plans", "looked-after"})


def entries() -> list[dict]:
    """The catalogue entries this app adds, as `performance.catalogue` writes them."""
    found = []
    for code, mapping in MAPPINGS.items():
        definition = DEFINITIONS[code]
        kind = "stock" if definition.measure == "stock" else "flow"
        shape = FLOW_NOTE if kind == "flow" else " A stock: the figure on the period's last day."
        common = {
            "theme": mapping.theme,
            "kind": kind,
            "period_months": 3,
            "polarity": mapping.polarity,
            "frequency": "quarterly",
            "source_agency": SOURCE_AGENCY,
        }
        name = definition.name
        if definition.measure == "percent":
            found.append(
                {**common, "code": mapping.rate, "name": name,
                 "subject": f"the percentage of referrals that were {name.lower()}",
                 "definition": definition.text, "unit": "percentage"}
            )  # fmt: skip
            continue
        found.append(
            {**common, "code": mapping.count, "name": f"{name} (number)",
             "subject": f"the number of {name[0].lower()}{name[1:]}",
             "definition": definition.text + shape, "unit": "count"}
        )  # fmt: skip
        if mapping.rate not in EXISTING:
            found.append(
                {**common, "code": mapping.rate, "name": f"{name} per 10,000 children",
                 "subject": f"the rate of {name[0].lower()}{name[1:]}",
                 "definition": definition.text + RATE_BASIS + shape, "unit": "rate_children"}
            )  # fmt: skip
    return found


def install(indicator_model) -> None:
    """Add (or bring up to date) the returns' indicators, and write each returns
    definition beside the seed's four indicators it also fills."""
    for position, entry in enumerate(entries(), start=FIRST_POSITION):
        indicator_model.objects.update_or_create(
            code=entry["code"],
            defaults={**{k: v for k, v in entry.items() if k != "code"}, "position": position},
        )
    for code, mapping in MAPPINGS.items():
        if mapping.rate not in EXISTING:
            continue
        indicator = indicator_model.objects.filter(code=mapping.rate).first()
        text = DEFINITIONS[code].text
        if indicator is not None and text not in indicator.definition:
            indicator.definition = f"{indicator.definition} From the statutory returns: {text}"
            indicator.save(update_fields=["definition"])
