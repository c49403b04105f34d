"""Who may do what with the performance dataset: every member reads it; the business unit
imports figures, records them and chooses the indicators shown. Read by services
(`require`), views and templates alike."""

from safeboard.core import rules as core_rules


def can_manage(user, partnership_id: int) -> bool:
    """The business unit imports and records figures and chooses the indicators shown."""
    return core_rules.can_manage(user, partnership_id)
