"""Writes to the partnership's glossary."""

from django.db import transaction

from .. import audit
from ..access import require as require_permission
from ..models import GlossaryTerm, Partnership, Person
from ..rules import can_manage


@transaction.atomic
def glossary_term_create(
    *, actor: Person, partnership: Partnership, term: str, meaning: str, former_term: str = ""
) -> GlossaryTerm:
    require_permission(can_manage(actor, partnership.pk))
    entry = GlossaryTerm(
        partnership=partnership,
        term=term.strip(),
        meaning=meaning.strip(),
        former_term=former_term.strip(),
    )
    entry.full_clean()
    entry.save()
    audit.record(
        actor=actor,
        action="glossary.create",
        target=entry,
        partnership_id=partnership.pk,
        changed=["term", "meaning", "former_term"],
    )
    return entry


@transaction.atomic
def glossary_term_update(
    *,
    actor: Person,
    entry: GlossaryTerm,
    expected_version: int,
    term: str,
    meaning: str,
    former_term: str,
) -> GlossaryTerm:
    require_permission(can_manage(actor, entry.partnership_id))
    audit.audited_update(
        actor=actor,
        instance=entry,
        expected_version=expected_version,
        changes={
            "term": term.strip(),
            "meaning": meaning.strip(),
            "former_term": former_term.strip(),
        },
        action="glossary.update",
        partnership_id=entry.partnership_id,
    )
    return entry


@transaction.atomic
def glossary_term_delete(*, actor: Person, entry: GlossaryTerm) -> None:
    require_permission(can_manage(actor, entry.partnership_id))
    audit.record(
        actor=actor, action="glossary.delete", target=entry, partnership_id=entry.partnership_id
    )
    entry.delete()
