"""The composer: the registry's sections, the authored narrative and the glossary, in the
partnership's order, as one `ComposedReport` for the board or for publication."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from safeboard.core import sections as registry
from safeboard.core.sections import Section, Table

from .composed import ComposedReport, ComposedSection, from_data
from .formatting import fill_figures
from .models import AnnualReport, AuthoredSection, Edition
from .narrative import SmallNumber, plain_text, render_markdown, small_numbers_about_people
from .publish import publish
from .selectors import glossary_for_report, layout_entries, snapshot_data

# The sections people write, with their default places among the seed's (see sections.py).
AUTHORED_DEFAULTS = [
    ("foreword", "Foreword from the chair", 100),
    ("highlights", "Highlights of the year", 150),
    ("our-area", "Our area", 210),
    ("scrutiny", "The independent scrutineer's assessment", 850),
    ("next-steps", "Next steps and priorities", 900),
]
GLOSSARY_KEY, GLOSSARY_TITLE, GLOSSARY_ORDER = "glossary", "Glossary", 1300


@dataclass(frozen=True)
class Place:
    """A section's place in the report: its key, title, position, and whose it is."""

    key: str
    title: str
    position: int
    kind: str  # "authored", "generated" or "glossary"
    hidden: bool = False
    default_title: str = ""


def arrange(
    generated: Iterable[registry.RegisteredSection],
    authored: Iterable[AuthoredSection],
    settings: dict[str, dict],
) -> list[Place]:
    """Every section in the partnership's order: the seed's order unless they moved it."""
    defaults = [
        *((s.key, s.title, s.order, "generated") for s in generated if s.key != GLOSSARY_KEY),
        *((a.key, a.title, a.order, "authored") for a in authored),
        (GLOSSARY_KEY, GLOSSARY_TITLE, GLOSSARY_ORDER, "glossary"),
    ]
    places = []
    for key, title, order, kind in defaults:
        chosen = settings.get(key, {})
        places.append(
            Place(
                key=key,
                title=chosen.get("title") or title,
                position=chosen.get("position", order),
                kind=kind,
                hidden=bool(chosen.get("hidden", False)),
                default_title=title,
            )
        )
    return sorted(places, key=lambda p: (p.position, p.key))


def compose(report: AnnualReport, *, edition: str) -> ComposedReport:
    """The report as data: frozen at sign-off, composed from the records before."""
    if report.is_frozen:
        return from_data(snapshot_data(report, edition))
    return compose_live(report, edition=edition)


def compose_live(report: AnnualReport, *, edition: str) -> ComposedReport:
    partnership, year = report.partnership, report.financial_year
    written = list(report.authored.all())
    places = [p for p in layout(report, written) if not p.hidden]
    authored = {a.key: a for a in written}
    built: list[ComposedSection] = []
    glossary_at: Place | None = None
    for place in places:
        if place.kind == "glossary":
            glossary_at = place
        elif place.kind == "authored" and authored[place.key].body.strip():
            body = render_markdown(authored[place.key].body)
            built.append(ComposedSection(place.key, place.title, "authored", body_html=body))
        elif place.kind == "generated":
            section = registry.REGISTRY[place.key].build(partnership, year)
            if section is not None:
                registry.require_described(section)
                built.append(ComposedSection(place.key, place.title, "generated", section=section))
    if glossary_at is not None:
        _add_glossary(built, glossary_at, places, glossary_for_report(partnership))
    composed = ComposedReport(
        partnership=partnership.name,
        partnership_slug=partnership.slug,
        year=year.label,
        edition=Edition.BOARD,
        revision=report.revision,
        correction_note=report.correction_note,
        sections=built,
    )
    if edition == Edition.PUBLISHED:
        composed = publish(composed)
    return replace(composed, sections=[_filled(s) for s in composed.sections])


@dataclass(frozen=True)
class NumberToConfirm:
    """A small number about people in the report's narrative, which a signer confirms."""

    key: str  # the section's key and the number's place in it: "foreword-2"
    section_title: str
    number: SmallNumber


def numbers_to_confirm(report: AnnualReport) -> list[NumberToConfirm]:
    """Every small number about people in the narrative the report will print."""
    written = list(report.authored.all())
    authored = {a.key: a for a in written}
    found = []
    for place in layout(report, written):
        if place.kind != "authored" or place.hidden:
            continue
        numbers = small_numbers_about_people(authored[place.key].body)
        found += [
            NumberToConfirm(f"{place.key}-{n}", place.title, number)
            for n, number in enumerate(numbers, start=1)
        ]
    return found


def layout(report: AnnualReport, authored: list[AuthoredSection] | None = None) -> list[Place]:
    """Every section of the report in the partnership's order, hidden ones included."""
    written = report.authored.all() if authored is None else authored
    return arrange(registry.registered(), written, layout_entries(report.partnership))


def _add_glossary(built: list[ComposedSection], place: Place, places: list[Place], terms) -> None:
    glossary = glossary_section(built, terms)
    if glossary is None:
        return
    before = places[: places.index(place)]
    at = sum(1 for s in built if any(p.key == s.key for p in before))
    built.insert(at, ComposedSection(place.key, place.title, "glossary", section=glossary))


def _filled(composed: ComposedSection) -> ComposedSection:
    if composed.section is None:
        return composed
    return replace(composed, section=fill_figures(composed.section))


# The glossary


def glossary_section(built: list[ComposedSection], terms) -> Section | None:
    """Only the terms the other sections use: those they name, and those in their words."""
    named = {t for s in built if s.section is not None for t in s.section.glossary_terms}
    text = "\n".join(_words(s) for s in built)
    used = [
        term
        for term in terms
        if term.term in named or _uses(text, term.term) or _uses(text, term.former_term)
    ]
    if not used:
        return None
    rows = [
        [
            registry.Cell(term.term),
            registry.Cell(term.meaning),
            registry.Cell(term.former_term),
        ]
        for term in used
    ]
    table = Table(
        key="glossary",
        caption="Terms used in this report",
        columns=["Term", "Meaning", "Former term"],
        rows=rows,
        source=registry.Source("The partnership's glossary"),
    )
    return Section(key=GLOSSARY_KEY, title=GLOSSARY_TITLE, tables=[table])


def _uses(text: str, term: str) -> bool:
    """Whole words only; short capitalised terms ("LA", "GP") match their case exactly."""
    if not term:
        return False
    flags = 0 if any(ch.isupper() for ch in term) else re.IGNORECASE
    return re.search(rf"(?<![\w]){re.escape(term)}(?![\w])", text, flags) is not None


def _words(composed: ComposedSection) -> str:
    parts = [composed.title, plain_text(composed.body_html)]
    section = composed.section
    if section is not None:
        parts += section.paragraphs
        parts += [f.label for f in section.figures]
        parts += [c.title + " " + c.description for c in section.charts]
        for table in [*section.tables, *(c.table for c in section.charts)]:
            parts += [table.caption, *table.columns]
            parts += [str(cell.value) for row in table.rows for cell in row if cell.kind == "text"]
    return "\n".join(parts)
