"""Synthetic statutory returns: CIN census XML and SSDA903 CSV, deterministic from a seed.

Every child, date and code here is invented; only the councils are real (their DfE
numbers and regions), so the figures land on real areas. A council's children are
simulated over its whole span of years at once, so a child re-referred in a later year
keeps the same identifier and earlier years' returns give the history re-referral counts
need. Each year's file then
shows the council's records as they stood at 31 March of that year, as DfE collects them.
"""

import csv
import heapq
import multiprocessing
import os
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import codes
from .councils import by_number, councils_in

DEMO_COUNCIL = "852"  # Southampton
WARM_UP_YEARS = 2  # simulated before the first return, so caseloads are not empty at start
CHILDREN_PER_REFERRAL = 18  # 0-17 population per yearly referral, about England's ratio


@dataclass(frozen=True)
class Size:
    councils: int
    years: int
    referrals_per_year: int  # for a council of average size


SIZES = {
    "S": Size(councils=1, years=1, referrals_per_year=2_200),
    "M": Size(councils=1, years=1, referrals_per_year=10_500),
    "L": Size(councils=152, years=1, referrals_per_year=4_000),
    "XL": Size(councils=152, years=10, referrals_per_year=4_000),
}
LAST_YEAR = 2023  # financial year 2023-24, the 2023/24 schema


@dataclass
class Episode:
    referral: int  # dates are proleptic ordinals until written out
    source: str
    need: str
    nfa: bool
    closure: int | None = None
    closure_reason: str = ""
    assessments: list[tuple[int, int | None, list[str]]] = field(default_factory=list)
    s47: list[tuple[int, int, int | None]] = field(default_factory=list)
    plans: list[tuple[int, int | None, str, str, int]] = field(default_factory=list)


@dataclass
class Child:
    id: str
    upn: str
    birth: int
    sex: str
    ethnicity: str
    episodes: list[Episode] = field(default_factory=list)
    care: list[tuple[int, int | None, str, str, str, str]] = field(default_factory=list)
    missing: list[tuple[str, int, int | None]] = field(default_factory=list)


def council_population(size: Size, council_scale: float) -> int:
    return round(size.referrals_per_year * council_scale * CHILDREN_PER_REFERRAL)


def _scale(rng: random.Random, size: Size) -> float:
    # One council of each size is typical; England's councils range from tiny to huge.
    return 1.0 if size.councils == 1 else rng.choice((0.3, 0.5, 0.7, 0.9, 1.0, 1.2, 1.5, 2.5))


def simulate(number: int, size: Size, scale: float, seed: int) -> list[Child]:
    rng = random.Random(f"{seed}:{number}")
    first = date(LAST_YEAR - size.years + 1 - WARM_UP_YEARS, 4, 1).toordinal()
    last = date(LAST_YEAR + 1, 3, 31).toordinal()
    yearly = round(size.referrals_per_year * scale)
    total = yearly * (size.years + WARM_UP_YEARS)
    days = sorted(rng.randrange(first, last + 1) for _ in range(total))
    children: list[Child] = []
    closing: list[tuple[int, int]] = []  # (closure, child index) of open episodes
    free: list[int] = []  # children whose last episode has closed
    for day in days:
        while closing and closing[0][0] < day:
            free.append(heapq.heappop(closing)[1])
        if free and rng.random() < 0.22:
            index = free.pop(rng.randrange(max(0, len(free) - 500), len(free)))
        else:
            index = len(children)
            children.append(_new_child(rng, number, index, day))
        child = children[index]
        episode = _episode(rng, day)
        child.episodes.append(episode)
        if rng.random() < 0.05:
            _care(rng, child, day)
        heapq.heappush(closing, (episode.closure or last + 1, index))
    return children


def _new_child(rng: random.Random, council: int, index: int, day: int) -> Child:
    return Child(
        id=f"{council}{index:07d}",
        upn=f"{rng.choice('ABCDEFGHJKLMNPQRTUVWXYZ')}{rng.randrange(10**12):012d}",
        birth=day - rng.randrange(0, 6500),
        sex=rng.choice(("1", "2", "1", "2", "0", "9")),
        ethnicity=rng.choice(codes.ETHNICITY),
    )


def _episode(rng: random.Random, day: int) -> Episode:
    nfa = rng.random() < 0.1
    episode = Episode(
        referral=day,
        source=rng.choice(codes.REFERRAL_SOURCE),
        need=rng.choice(codes.PRIMARY_NEED[1:]),
        nfa=nfa,
    )
    if nfa:
        episode.closure, episode.closure_reason = day + rng.randrange(0, 4), "RC8"
        return episode
    start = day + rng.randrange(0, 8)
    authorised = start + rng.randrange(5, 46)
    factors = rng.sample(codes.ASSESSMENT_FACTORS, rng.randrange(1, 4))
    episode.assessments.append((start, authorised, factors))
    end = authorised + rng.randrange(30, 400)
    if rng.random() < 0.25:
        s47_start = day + rng.randrange(0, 16)
        conference = s47_start + rng.randrange(5, 21) if rng.random() < 0.45 else None
        episode.s47.append((s47_start, s47_start + 15, conference))
        if conference is not None and rng.random() < 0.85:
            plan_end = conference + rng.randrange(60, 700)
            category = rng.choice(codes.CATEGORY_OF_ABUSE)
            episode.plans.append((conference, plan_end, category, category, rng.randrange(1, 4)))
            end = max(end, plan_end + rng.randrange(0, 90))
    episode.closure = end
    episode.closure_reason = rng.choice(("RC1", "RC3", "RC4", "RC5", "RC6", "RC7", "RC7", "RC7"))
    return episode


def _care(rng: random.Random, child: Child, referral: int) -> None:
    start = referral + rng.randrange(0, 60)
    if child.care and (child.care[-1][1] is None or child.care[-1][1] >= start):
        return
    legal = rng.choice(("C2", "C2", "C1", "V2", "E1", "J1", "V3"))
    end = start + rng.randrange(30, 1500)
    need = rng.choice(codes.EPISODE_NEED)
    moves = sorted(rng.sample(range(start + 1, end), min(rng.randrange(0, 4), end - start - 1)))
    bounds = [start, *moves, end]
    for number, (begin, finish) in enumerate(zip(bounds, bounds[1:], strict=False)):
        first, last = number == 0, finish == end
        reason = "X1" if not last else rng.choice(("E11", "E12", "E13", "E41", "E45", "E8", "E2"))
        child.care.append((begin, finish, "S" if first else "P", legal, need, reason))
    for _ in range(rng.randrange(0, 7) if rng.random() < 0.12 else 0):
        away = rng.randrange(start, end)
        child.missing.append((rng.choice(("M", "M", "A")), away, away + rng.randrange(0, 5)))


def councils(size: Size, seed: int = 2024) -> Iterator[tuple[int, str, float]]:
    """Real councils (DfE number, ONS region) of the last year, so the synthetic returns map
    onto real areas: a one-council size is Southampton, the demo's council; larger sizes take
    England's councils in DfE number order."""
    rng = random.Random(f"{seed}:{size}:councils")
    real = councils_in(LAST_YEAR)
    chosen = [c for c in real if c.la == DEMO_COUNCIL] if size.councils == 1 else real
    for council in chosen[: size.councils]:
        yield int(council.la), council.region, _scale(rng, size)


# ---------------------------------------------------------------------------------------
# Writing the returns as they stood at 31 March of each year.

_ISO: dict[int, str] = {}


def _iso(day: int) -> str:
    text = _ISO.get(day)
    if text is None:
        text = _ISO[day] = date.fromordinal(day).isoformat()
    return text


def _uk(day: int | None) -> str:
    if day is None:
        return ""
    iso = _iso(day)
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def _upto(day: int | None, cut: int) -> int | None:
    return day if day is not None and day <= cut else None


def _cin_episode_xml(episode: Episode, cut: int) -> str:
    parts = [
        f"<CINdetails><CINreferralDate>{_iso(episode.referral)}</CINreferralDate>"
        f"<ReferralSource>{episode.source}</ReferralSource>"
        f"<PrimaryNeedCode>{episode.need}</PrimaryNeedCode>"
    ]
    closure = _upto(episode.closure, cut)
    if closure is not None:
        parts.append(
            f"<CINclosureDate>{_iso(closure)}</CINclosureDate>"
            f"<ReasonForClosure>{episode.closure_reason}</ReasonForClosure>"
        )
    for start, authorised, factors in episode.assessments:
        if start > cut:
            continue
        parts.append(
            f"<Assessments><AssessmentActualStartDate>{_iso(start)}</AssessmentActualStartDate>"
        )
        if authorised is not None and _upto(authorised, cut) is not None:
            parts.append(
                f"<AssessmentAuthorisationDate>{_iso(authorised)}</AssessmentAuthorisationDate>"
                "<FactorsIdentifiedAtAssessment>"
                + "".join(f"<AssessmentFactors>{f}</AssessmentFactors>" for f in factors)
                + "</FactorsIdentifiedAtAssessment>"
            )
        parts.append("</Assessments>")
    for start, target, conference in episode.s47:
        if start > cut:
            continue
        held = _upto(conference, cut)
        parts.append(
            f"<Section47><S47ActualStartDate>{_iso(start)}</S47ActualStartDate>"
            f"<InitialCPCtarget>{_iso(target)}</InitialCPCtarget>"
            + (f"<DateOfInitialCPC>{_iso(held)}</DateOfInitialCPC>" if held else "")
            + f"<ICPCnotRequired>{'false' if conference else 'true'}</ICPCnotRequired></Section47>"
        )
    parts.append(f"<ReferralNFA>{'true' if episode.nfa else 'false'}</ReferralNFA>")
    for start, end, initial, latest, previous in episode.plans:
        if start > cut:
            continue
        ended = _upto(end, cut)
        parts.append(
            f"<ChildProtectionPlans><CPPstartDate>{_iso(start)}</CPPstartDate>"
            + (f"<CPPendDate>{_iso(ended)}</CPPendDate>" if ended else "")
            + f"<InitialCategoryOfAbuse>{initial}</InitialCategoryOfAbuse>"
            f"<LatestCategoryOfAbuse>{latest}</LatestCategoryOfAbuse>"
            f"<NumberOfPreviousCPP>{previous}</NumberOfPreviousCPP></ChildProtectionPlans>"
        )
    parts.append("</CINdetails>")
    return "".join(parts)


def _in_year(episode: Episode, start: int, cut: int) -> bool:
    return episode.referral <= cut and (episode.closure is None or episode.closure >= start)


def write_cin(path: Path, number: int, year: int, children: list[Child]) -> int:
    """One council's census for financial year `year`; returns the number of children."""
    start, cut = date(year, 4, 1).toordinal(), date(year + 1, 3, 31).toordinal()
    written = 0
    with path.open("w", encoding="utf-8", buffering=1 << 20) as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Message><Header><CollectionDetails>'
            f"<Collection>CIN</Collection><Year>{year + 1}</Year>"
            f"<ReferenceDate>{year + 1}-03-31</ReferenceDate></CollectionDetails>"
            f"<Source><SourceLevel>L</SourceLevel><LEA>{number}</LEA>"
            "<SoftwareCode>Safeboard synthetic</SoftwareCode><Release>1</Release>"
            f"<SerialNo>001</SerialNo><DateTime>{year + 1}-04-02T09:00:00</DateTime>"
            "</Source></Header><Children>\n"
        )
        for child in children:
            episodes = [e for e in child.episodes if _in_year(e, start, cut)]
            if not episodes:
                continue
            written += 1
            out.write(
                f"<Child><ChildIdentifiers><LAchildID>{child.id}</LAchildID>"
                f"<UPN>{child.upn}</UPN><PersonBirthDate>{_iso(child.birth)}</PersonBirthDate>"
                f"<GenderCurrent>{child.sex}</GenderCurrent></ChildIdentifiers>"
                f"<ChildCharacteristics><Ethnicity>{child.ethnicity}</Ethnicity>"
                "</ChildCharacteristics>"
                + "".join(_cin_episode_xml(e, cut) for e in episodes)
                + "</Child>\n"
            )
        out.write("</Children></Message>\n")
    return written


HEADER = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODES = [
    "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
    "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
]  # fmt: skip
MISSING = ["CHILD", "MISSING", "MIS_START", "MIS_END"]


def write_903(folder: Path, number: int, year: int, children: list[Child]) -> None:
    start, cut = date(year, 4, 1).toordinal(), date(year + 1, 3, 31).toordinal()
    stem = f"SSDA903_{number}_{year + 1}"
    rng = random.Random(f"903:{number}:{year}")
    with (
        (folder / f"{stem}_header.csv").open("w", newline="") as h,
        (folder / f"{stem}_episodes.csv").open("w", newline="") as e,
        (folder / f"{stem}_missing.csv").open("w", newline="") as m,
    ):
        header, episodes, missing = csv.writer(h), csv.writer(e), csv.writer(m)
        header.writerow(HEADER)
        episodes.writerow(EPISODES)
        missing.writerow(MISSING)
        for child in children:
            spells = [c for c in child.care if c[0] <= cut and (c[1] is None or c[1] >= start)]
            if not spells:
                continue
            header.writerow(
                [child.id, "1" if child.sex == "1" else "2", _uk(child.birth),
                 child.ethnicity, child.upn, "", ""]
            )  # fmt: skip
            for begin, end, reason_new, legal, need, reason_end in spells:
                ended = _upto(end, cut)
                episodes.writerow(
                    [child.id, _uk(begin), reason_new, legal, need, rng.choice(codes.PLACEMENT),
                     rng.choice(codes.PLACEMENT_PROVIDER), _uk(ended),
                     reason_end if ended else "", "", "", "", ""]
                )  # fmt: skip
            for kind, away, back in child.missing:
                if start <= away <= cut:
                    missing.writerow([child.id, kind, _uk(away), _uk(_upto(back, cut))])


def generate(
    size: str | Size, out: Path, seed: int = 2024, workers: int | None = None
) -> dict[str, int]:
    """Write every council-year of the size (S, M, L, XL or a `Size` of one's own) under
    `out`; returns what was written. A council formed in a reorganisation makes no return
    for the years before it existed, as England's list of councils says.

    Councils are independent (each has its own seeded random numbers), so they are written
    in `workers` processes at once (every core by default): the files are the same however
    many there are."""
    size = SIZES[size] if isinstance(size, str) else size
    out.mkdir(parents=True, exist_ok=True)
    chosen = list(councils(size, seed))
    workers = min(workers or os.cpu_count() or 1, len(chosen))
    jobs = [(number, size, scale, seed, out) for number, _region, scale in chosen]
    if workers > 1:
        # Spawned, not forked: the caller may hold threads a fork would copy.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            written = list(pool.map(_write_council, *zip(*jobs, strict=True)))
    else:
        written = [_write_council(*job) for job in jobs]
    manifest = ["la,region,population_0_17,synthetic"] + [
        f"{number},{region},{council_population(size, scale)},yes"
        for number, region, scale in chosen
    ]
    # The manifest comes last: a folder without it was not finished.
    (out / "councils.csv").write_text("\n".join(manifest) + "\n")
    return {
        "files": sum(files for files, _children in written),
        "children": sum(children for _files, children in written),
    }


def _write_council(number: int, size: Size, scale: float, seed: int, out: Path) -> tuple[int, int]:
    """One council's files for every year of the size: (files, CIN children) written."""
    children = simulate(number, size, scale, seed)
    files = written = 0
    for year in range(LAST_YEAR - size.years + 1, LAST_YEAR + 1):
        if by_number(str(number), year) is None:
            continue
        folder = out / str(number) / f"{year}-{(year + 1) % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        written += write_cin(folder / f"CIN_{number}_{year + 1}.xml", number, year, children)
        write_903(folder, number, year, children)
        files += 4
    return files, written
