"""Who may do what with the statutory child-level returns: the business unit sends the
files, reads what they gave and recomputes the figures. Read by services (`require`),
views and templates alike."""

from safeboard.core import rules as core_rules


def can_manage(user, partnership_id: int) -> bool:
    """The business unit sends returns, reads their results and recomputes the figures."""
    return core_rules.can_manage(user, partnership_id)
