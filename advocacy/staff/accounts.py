"""Staff accounts: creating them, checking passwords (argon2), changing passwords."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from ..actions.models import utcnow
from ..db import db
from .models import ROLES, StaffUser

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200  # argon2 hashes anything, but a megabyte "password" is only a way to burn CPU

_hasher = PasswordHasher()
# Checked when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A request to create or change an account that cannot be met; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"The password must be at most {MAX_PASSWORD_LENGTH} characters long"
    return None


def find_staff(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def create_staff(email: str, password: str, role: str) -> StaffUser:
    """Create a staff account and commit. Raises AccountError with a message a person can act on."""
    email = normalise_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@") or len(email) > 320:
        raise AccountError(f"{email!r} is not an email address, like name@example.org")
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}")
    if problem := password_problem(password):
        raise AccountError(problem)
    if find_staff(email) is not None:
        raise AccountError(f"There is already a staff account for {email}")
    user = StaffUser(email=email, password_hash=_hasher.hash(password), role=role,
                     session_token=secrets.token_hex(16))
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: StaffUser, password: str) -> None:
    """Change a password and commit. Every session signed in with the old password ends."""
    if problem := password_problem(password):
        raise AccountError(problem)
    user.password_hash = _hasher.hash(password)
    end_sessions(user)


def set_role(user: StaffUser, role: str) -> None:
    """Change an account's role and commit. Every session ends, so no page keeps the old role's rights."""
    if role not in ROLES:
        raise AccountError(f"The role must be one of: {', '.join(ROLES)}")
    user.role = role
    end_sessions(user)


def end_sessions(user: StaffUser) -> None:
    """End every session of this account, in every browser, and commit: a session cookie names the
    account's session token, and a new token makes every cookie naming the old one worthless."""
    user.session_token = secrets.token_hex(16)
    db.session.commit()


def authenticate(email: str, password: str) -> StaffUser | None:
    """The account when the email and password match, otherwise None (the same work either way)."""
    user = find_staff(email)
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):  # parameters were raised since it was hashed
        user.password_hash = _hasher.hash(password)
    user.last_signed_in_at = utcnow()
    db.session.commit()
    return user


def load_session_user(user_id: str) -> StaffUser | None:
    """The user a session cookie names, if the session is still valid (see StaffUser.session_token)."""
    number, _, token = user_id.partition(":")
    if not number.isdigit() or not token:
        return None
    user = db.session.get(StaffUser, int(number))
    return user if user is not None and secrets.compare_digest(user.session_token, token) else None


def list_staff() -> list[StaffUser]:
    return list(db.session.scalars(select(StaffUser).order_by(func.lower(StaffUser.email))))


def remove_staff(user: StaffUser) -> None:
    db.session.delete(user)
    db.session.commit()
