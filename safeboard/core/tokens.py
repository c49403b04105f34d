"""Personal API tokens as text: how one is made, recognised and hashed.

A token reads `sbt_<prefix>_<secret>`. The prefix is stored in clear so a person can tell
their tokens apart and the database can find one; only the SHA-256 of the whole token
is stored, so a copy of the database gives nobody a working token.
"""

import hashlib
import hmac
import secrets

MARK = "sbt"
PREFIX_BYTES = 5  # ten hexadecimal characters
SECRET_BYTES = 32  # 256 bits from the operating system's generator


def make_token() -> tuple[str, str]:
    """A new token and its prefix."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return f"{MARK}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}", prefix


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def prefix_of(token: str) -> str | None:
    """The prefix of something that looks like a token, else None."""
    mark, _, rest = token.partition("_")
    prefix, _, secret = rest.partition("_")
    if mark != MARK or len(prefix) != PREFIX_BYTES * 2 or not secret:
        return None
    return prefix


def matches(token: str, stored_hash: str) -> bool:
    """Compared in constant time, so the answer's timing says nothing of the hash."""
    return hmac.compare_digest(token_hash(token), stored_hash)
