"""Chart specifications for the dataset, each with its title, description and data table.

Plain functions of plain values: the page draws a spec with `core.charts.to_svg`, and the
annual report takes the same `Chart` as data.
"""

from collections.abc import Sequence

import altair as alt

from safeboard.core.sections import Cell, Chart, Table

from .analytics import figure

Series = Sequence[tuple[str, Sequence[tuple[str, float]]]]  # (name, [(period, value)])
CHILDREN = "children"  # what the dataset's local figures count (see core.disclosure)
COMPARATORS = "published statistics"  # England's, the region's and neighbours' figures


def _table(
    key: str, caption: str, names: list[str], series: Series, kind: str, counts: Sequence[str]
) -> Table:
    """The chart's figures by period, one column per series; `counts` says what each
    series counts, so the published version knows which it protects."""
    periods = list(dict.fromkeys(period for _, points in series for period, _ in points))
    lookup = {(name, period): value for name, points in series for period, value in points}
    rows = [
        [Cell(period, "period")]
        + [
            Cell(lookup[(name, period)], kind, counts=counted)  # type: ignore[arg-type]
            if (name, period) in lookup
            else Cell("")
            for name, counted in zip(names, counts, strict=True)
        ]
        for period in periods
    ]
    return Table(key=key, caption=caption, columns=["Period", *names], rows=rows)


def time_series(
    *, key: str, title: str, unit: str, series: Series, kind: str = "rate", ours_counts=CHILDREN
) -> Chart | None:
    """Our figures over time as a line, with each comparator's beside it (ours first)."""
    values = [
        {"period": period, "value": value, "area": name}
        for name, points in series
        for period, value in points
    ]
    if not values:
        return None
    order = list(dict.fromkeys(str(v["period"]) for v in values))
    spec = (
        alt.Chart(alt.Data(values=values), title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:N", sort=order, title=None),
            y=alt.Y("value:Q", title=unit or "Value"),
            color=alt.Color("area:N", title=None),
        )
        .properties(width=520, height=260)
        .to_dict()
    )
    names = [name for name, _ in series]
    ours = dict(series[0][1]) if series else {}
    first, last = (order[0], order[-1])
    description = (
        f"{names[0]} from {figure(ours.get(first, 0))} in {first} to "
        f"{figure(ours.get(last, 0))} in {last}"
        if first in ours and last in ours
        else f"{len(values)} figures from {first} to {last}"
    )
    if len(names) > 1:
        others = [f"the {n[4:]}" if n.startswith("The ") else n for n in names[1:]]
        description += f", beside {', '.join(others)}"
    return Chart(
        key=key,
        title=title,
        description=description + ".",
        spec=spec,
        table=_table(
            key, title, names, series, kind, [ours_counts] + [COMPARATORS] * (len(names) - 1)
        ),
    )


def quarterly_bars(
    *,
    key: str,
    title: str,
    unit: str,
    points: Sequence[tuple[str, float]],
    kind: str = "count",
    counts: str = CHILDREN,
) -> Chart | None:
    """A year's quarters as bars."""
    if not points:
        return None
    values = [{"period": period, "value": value} for period, value in points]
    spec = (
        alt.Chart(alt.Data(values=values), title=title)
        .mark_bar()
        .encode(
            x=alt.X("period:N", sort=[p for p, _ in points], title=None),
            y=alt.Y("value:Q", title=unit or "Value"),
        )
        .properties(width=360, height=220)
        .to_dict()
    )
    description = "; ".join(f"{period}: {figure(value)}" for period, value in points)
    return Chart(
        key=key,
        title=title,
        description=description + ".",
        spec=spec,
        table=_table(key, title, ["Value"], [("Value", points)], kind, [counts]),
    )


def stacked_bars(
    *, key: str, title: str, parts: Series, kind: str = "count", counts: str = CHILDREN
) -> Chart | None:
    """Parts of a whole per period, stacked (the seed's HRDA cases with and without children
    in the household)."""
    values = [
        {"period": period, "value": value, "part": name}
        for name, points in parts
        for period, value in points
    ]
    if not values:
        return None
    order = list(dict.fromkeys(str(v["period"]) for v in values))
    spec = (
        alt.Chart(alt.Data(values=values), title=title)
        .mark_bar()
        .encode(
            x=alt.X("period:N", sort=order, title=None),
            y=alt.Y("sum(value):Q", stack="zero", title="Cases"),
            color=alt.Color("part:N", title=None),
        )
        .properties(width=420, height=240)
        .to_dict()
    )
    names = [name for name, _ in parts]
    lookup = {(name, period): value for name, points in parts for period, value in points}
    description = "; ".join(
        f"{period}: "
        + ", ".join(f"{name} {figure(lookup.get((name, period), 0))}" for name in names)
        for period in order
    )
    return Chart(
        key=key,
        title=title,
        description=description + ".",
        spec=spec,
        table=_table(key, title, names, parts, kind, [counts] * len(names)),
    )


def population_pyramid(
    *, key: str, title: str, bands: Sequence[tuple[str, int, int]]
) -> Chart | None:
    """Males to the left, females to the right, youngest at the bottom: (band, male, female)."""
    if not bands:
        return None
    values = [
        {"band": band, "sex": sex, "people": -count if sex == "Male" else count}
        for band, male, female in bands
        for sex, count in (("Male", male), ("Female", female))
    ]
    spec = (
        alt.Chart(alt.Data(values=values), title=title)
        .mark_bar()
        .encode(
            y=alt.Y("band:N", sort=[band for band, _, _ in reversed(bands)], title="Age"),
            x=alt.X("people:Q", title="People (males to the left)"),
            color=alt.Color("sex:N", title=None),
        )
        .properties(width=420, height=320)
        .to_dict()
    )
    male, female = sum(b[1] for b in bands), sum(b[2] for b in bands)
    largest = max(bands, key=lambda b: b[1] + b[2])
    description = (
        f"{male:,} males and {female:,} females in {len(bands)} age bands; the largest band "
        f"is {largest[0]} with {largest[1] + largest[2]:,} people."
    )
    rows = [
        [Cell(band), Cell(m, "count", counts="people"), Cell(f, "count", counts="people")]
        for band, m, f in bands
    ]
    table = Table(key=key, caption=title, columns=["Age band", "Male", "Female"], rows=rows)
    return Chart(key=key, title=title, description=description, spec=spec, table=table)
