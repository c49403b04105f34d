"""Writes to bodies and their seats."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from safeboard.core import audit
from safeboard.core.access import require
from safeboard.core.models import Agency, Arrangement, Partnership, Person

from ..models import Body, Seat, SeatRole
from ..rules import can_manage_body
from .common import check_serves_body, record, trails


def _manager(actor: Person | None, body: Body) -> None:
    require(actor is None or can_manage_body(actor, body))


@transaction.atomic
def body_create(
    *,
    actor: Person | None,
    partnership: Partnership | None = None,
    arrangement: Arrangement | None = None,
    name: str,
    purpose: str,
    frequency: str,
    short_name: str = "",
    parent: Body | None = None,
    chair: Person | None = None,
    terms_of_reference: str = "",
    quorum_seats: int = 0,
    quorum_agencies: Iterable[Agency] = (),
    order: int = 0,
) -> Body:
    """A body of one partnership, or (given an arrangement instead) a joint body of it."""
    if (partnership is None) == (arrangement is None):
        raise ValueError("A body belongs to a partnership or to an arrangement.")
    body = Body(
        partnership=partnership,
        arrangement=arrangement,
        name=name.strip(),
        short_name=short_name.strip(),
        parent=parent,
        purpose=purpose.strip(),
        chair=chair,
        frequency=frequency,
        terms_of_reference=terms_of_reference.strip(),
        quorum_seats=quorum_seats,
        order=order,
    )
    _manager(actor, body)
    if parent is not None and not _same_owner(parent, body):
        raise ValidationError({"parent": "The parent body belongs to another partnership."})
    body.full_clean()
    body.save()
    for agency in quorum_agencies:
        check_serves_body(body, agency, "quorum_agencies")
    body.quorum_agencies.set(quorum_agencies)
    record(
        actor=actor,
        action="body.create",
        target=body,
        body=body,
        changed=["name", "purpose", "frequency", "parent", "chair", "quorum", "arrangement"],
    )
    return body


def _same_owner(one: Body, other: Body) -> bool:
    return (one.partnership_id, one.arrangement_id) == (other.partnership_id, other.arrangement_id)


@transaction.atomic
def body_update(
    *,
    actor: Person,
    body: Body,
    expected_version: int,
    name: str,
    short_name: str,
    parent: Body | None,
    purpose: str,
    chair: Person | None,
    frequency: str,
    terms_of_reference: str,
    quorum_seats: int,
    quorum_agencies: Iterable[Agency],
) -> Body:
    _manager(actor, body)
    if parent is not None and (parent.pk == body.pk or not _same_owner(parent, body)):
        raise ValidationError({"parent": "Choose another body of this partnership."})
    quorum_agencies = list(quorum_agencies)
    for agency in quorum_agencies:
        check_serves_body(body, agency, "quorum_agencies")
    quorum_changed = set(body.quorum_agencies.all()) != set(quorum_agencies)
    audit.audited_update(
        actor=actor,
        instance=body,
        expected_version=expected_version,
        changes={
            "name": name.strip(),
            "short_name": short_name.strip(),
            "parent": parent,
            "purpose": purpose.strip(),
            "chair": chair,
            "frequency": frequency,
            "terms_of_reference": terms_of_reference.strip(),
            "quorum_seats": quorum_seats,
        },
        action="body.update",
        partnership_ids=trails(body),
        also_changed=["quorum_agencies"] if quorum_changed else [],
    )
    if quorum_changed:
        body.quorum_agencies.set(quorum_agencies)
    return body


@transaction.atomic
def seat_create(
    *,
    actor: Person | None,
    body: Body,
    position: str,
    agency: Agency | None,
    is_essential: bool = True,
    representative: Person | None = None,
    deputy: Person | None = None,
    role: str = SeatRole.MEMBER,
    order: int = 0,
    is_synthetic: bool = False,
) -> Seat:
    _manager(actor, body)
    check_serves_body(body, agency)
    seat = Seat(
        body=body,
        agency=agency,
        position=position.strip(),
        is_essential=is_essential,
        representative=representative,
        deputy=deputy,
        role=role,
        order=order,
        is_synthetic=is_synthetic,
    )
    seat.full_clean()
    seat.save()
    record(
        actor=actor,
        action="seat.create",
        target=seat,
        body=body,
        agency_id=agency.pk if agency else None,
        changed=["position", "agency", "is_essential", "representative", "deputy", "role"],
    )
    return seat


@transaction.atomic
def seat_update(
    *,
    actor: Person,
    seat: Seat,
    expected_version: int,
    position: str,
    agency: Agency | None,
    is_essential: bool,
    representative: Person | None,
    deputy: Person | None,
    is_active: bool,
    role: str = SeatRole.MEMBER,
) -> Seat:
    _manager(actor, seat.body)
    check_serves_body(seat.body, agency)
    audit.audited_update(
        actor=actor,
        instance=seat,
        expected_version=expected_version,
        changes={
            "position": position.strip(),
            "agency": agency,
            "is_essential": is_essential,
            "representative": representative,
            "deputy": deputy,
            "is_active": is_active,
            "role": role,
        },
        action="seat.update",
        partnership_ids=trails(seat.body),
        agency_id=agency.pk if agency else None,
    )
    return seat
