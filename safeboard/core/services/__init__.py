"""Every write to the core records. Each runs in one transaction with its audit event.

One module per part: partnerships and their arrangements, agencies and their services,
people and their memberships, signing in, the glossary, the installation's founder, and
personal API tokens.
"""

from .agencies import (
    SharedChangeUnconfirmed,
    agency_create,
    agency_join,
    agency_service_create,
    agency_service_update,
    agency_terms_update,
    agency_update,
)
from .arrangements import arrangement_create
from .glossary import glossary_term_create, glossary_term_delete, glossary_term_update
from .installation import founder_create
from .partnerships import (
    la_code_set,
    partnership_create,
    partnership_update,
    statistical_neighbours_set,
)
from .people import (
    invitation_accept,
    invitation_resend,
    membership_deactivate,
    membership_reactivate,
    membership_update,
    person_invite,
)
from .signing_in import lockout_clear
from .tokens import (
    API_TOKEN_DAYS,
    API_TOKEN_MAX_DAYS,
    api_token_create,
    api_token_revoke,
    api_token_use,
)

__all__ = [
    "la_code_set",
    "partnership_create",
    "partnership_update",
    "statistical_neighbours_set",
    "arrangement_create",
    "agency_create",
    "agency_join",
    "agency_service_create",
    "agency_service_update",
    "agency_terms_update",
    "agency_update",
    "SharedChangeUnconfirmed",
    "invitation_accept",
    "invitation_resend",
    "membership_deactivate",
    "membership_reactivate",
    "membership_update",
    "person_invite",
    "lockout_clear",
    "glossary_term_create",
    "glossary_term_delete",
    "glossary_term_update",
    "founder_create",
    "api_token_create",
    "API_TOKEN_DAYS",
    "API_TOKEN_MAX_DAYS",
    "api_token_revoke",
    "api_token_use",
]
