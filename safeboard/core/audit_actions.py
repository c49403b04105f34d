"""What the partnership's own records, its people and their sign-in are audited as."""

from django.db import models

from .audit import audit_actions


@audit_actions
class AuditAction(models.TextChoices):
    PARTNERSHIP_CREATE = "partnership.create", "Partnership set up"
    PARTNERSHIP_UPDATE = "partnership.update", "Partnership's details changed"
    PARTNERSHIP_LA_CODE_SET = "partnership.la_code.set", "Partnership's council code set"
    PARTNERSHIP_NEIGHBOURS_SET = "partnership.neighbours.set", "Partnership's neighbours set"
    ARRANGEMENT_CREATE = "arrangement.create", "Arrangement of partnerships made"
    ARRANGEMENT_PROPOSAL_PROPOSE = "arrangement.proposal.propose", "Arrangement proposed"
    ARRANGEMENT_PROPOSAL_AGREE = "arrangement.proposal.agree", "Proposed arrangement agreed to"
    ARRANGEMENT_PROPOSAL_DECLINE = "arrangement.proposal.decline", "Proposed arrangement declined"
    ARRANGEMENT_PROPOSAL_WITHDRAW = (
        "arrangement.proposal.withdraw",
        "Proposed arrangement withdrawn",
    )
    AGENCY_CREATE = "agency.create", "Agency added"
    AGENCY_JOIN = "agency.join", "Agency of another partnership added"
    AGENCY_UPDATE = "agency.update", "Agency's details changed"
    AGENCY_TERMS_UPDATE = "agency.terms.update", "How an agency works with the partnership changed"
    AGENCY_SERVICE_CREATE = "agency.service.create", "Service of an agency added"
    AGENCY_SERVICE_UPDATE = "agency.service.update", "Service of an agency changed"
    GLOSSARY_CREATE = "glossary.create", "Glossary term added"
    GLOSSARY_UPDATE = "glossary.update", "Glossary term changed"
    GLOSSARY_DELETE = "glossary.delete", "Glossary term removed"
    MEMBERSHIP_CREATE = "membership.create", "Person added to the partnership"
    MEMBERSHIP_UPDATE = "membership.update", "Person's role or agency changed"
    MEMBERSHIP_DEACTIVATE = "membership.deactivate", "Person deactivated"
    MEMBERSHIP_REACTIVATE = "membership.reactivate", "Person reactivated"
    PERSON_CREATE = "person.create", "Person invited"
    PERSON_UPDATE = "person.update", "Person's details changed"
    PERSON_DEACTIVATE = "person.deactivate", "Person's account deactivated"
    PERSON_INVITATION_RESEND = "person.invitation.resend", "Invitation sent again"
    PERSON_INVITATION_ACCEPT = "person.invitation.accept", "Invitation accepted"
    PERSON_PASSWORD_RESET = "person.password.reset", "Password reset"
    PERSON_LOCKOUT_CLEAR = "person.lockout.clear", "Sign-in lockout cleared"
    PERSON_SECOND_FACTOR_START = "person.second_factor.start", "Second factor started"
    PERSON_SECOND_FACTOR_CONFIRM = "person.second_factor.confirm", "Second factor confirmed"
    PERSON_SECOND_FACTOR_PRESET = "person.second_factor.preset", "Demo second factor given"
    PERSON_SECOND_FACTOR_RESET = "person.second_factor.reset", "Second factor reset"
    PERSON_RECOVERY_CODES_GENERATE = "person.recovery_codes.generate", "Recovery codes made"
    PERSON_RECOVERY_CODE_USE = "person.recovery_code.use", "Recovery code used"
    PERSON_IDENTITY_CHANGE_PROPOSE = (
        "person.identity_change.propose",
        "Change of a shared person's details proposed",
    )
    PERSON_IDENTITY_CHANGE_APPROVE = (
        "person.identity_change.approve",
        "Change of a shared person's details approved",
    )
    PERSON_IDENTITY_CHANGE_DECLINE = (
        "person.identity_change.decline",
        "Change of a shared person's details declined",
    )
    API_TOKEN_CREATE = "api.token.create", "API token made"
    API_TOKEN_REVOKE = "api.token.revoke", "API token revoked"
    API_TOKEN_USE = "api.token.use", "API token used"
    DATABASE_ROLE_SET_UP = "database.role.set_up", "Database role set up"
    RECORD_VIEW = "record.view", "Restricted record seen"
