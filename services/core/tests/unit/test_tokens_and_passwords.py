"""Core's building blocks without servers: token round trip, password hashing and rules."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from pydantic import ValidationError

from core.auth.passwords import Passwords
from core.auth.schemas import RegisterRequest
from core.otp.schemas import VerifyOtpRequest
from kit.auth import TokenIssuer, decode_access_token, generate_keys
from kit.errors import Unauthorized


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("keys")
    generate_keys(directory)
    return directory


def issuer(keys: Path, ttl: int = 900) -> TokenIssuer:
    return TokenIssuer(
        private_key=(keys / "jwt-private.pem").read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
        ttl_seconds=ttl,
    )


def test_an_issued_token_verifies_with_the_public_key(keys: Path) -> None:
    user_id = uuid.uuid4()
    token = issuer(keys).issue(user_id=user_id, role="admin", session_id="s1")

    claims = decode_access_token(
        token.token,
        key=(keys / "jwt-public.pem").read_text(),
        algorithm="EdDSA",
        issuer="aarya-core",
        audience="aarya",
    )

    assert claims["sub"] == str(user_id)
    assert claims["role"] == "admin"
    assert claims["jti"] == token.jti
    assert claims["exp"] == token.expires_at


def test_tokens_carry_the_email_and_whether_it_is_verified(keys: Path) -> None:
    public = (keys / "jwt-public.pem").read_text()
    verified = issuer(keys).issue(
        user_id=uuid.uuid4(), role="customer", session_id="s1", email="a@example.com", email_verified=True
    )
    legacy = issuer(keys).issue(user_id=uuid.uuid4(), role="customer", session_id="s1")

    claims = decode_access_token(
        verified.token, key=public, algorithm="EdDSA", issuer="aarya-core", audience="aarya"
    )
    old = decode_access_token(
        legacy.token, key=public, algorithm="EdDSA", issuer="aarya-core", audience="aarya"
    )

    assert claims["email"] == "a@example.com"
    assert claims["email_verified"] is True
    assert "email" not in old  # a token without the claims still decodes
    assert old["email_verified"] is False


@pytest.mark.parametrize(("audience", "issuer_name"), [("other", "aarya-core"), ("aarya", "someone-else")])
def test_tokens_for_another_audience_or_issuer_are_refused(
    keys: Path, audience: str, issuer_name: str
) -> None:
    token = issuer(keys).issue(user_id=uuid.uuid4(), role="customer", session_id="s1").token

    with pytest.raises(Unauthorized):
        decode_access_token(
            token,
            key=(keys / "jwt-public.pem").read_text(),
            algorithm="EdDSA",
            issuer=issuer_name,
            audience=audience,
        )


async def test_passwords_hash_with_argon2id_and_verify() -> None:
    passwords = Passwords(time_cost=1, memory_cost_kib=1024, parallelism=1, concurrency=2)

    hashed = await passwords.hash("Corr3ct-horse")

    assert hashed.startswith("$argon2id$")
    assert await passwords.verify(hashed, "Corr3ct-horse")
    assert not await passwords.verify(hashed, "wrong-horse1")
    assert not await passwords.verify(None, "Corr3ct-horse")  # unknown user: dummy hash, always false
    assert not await passwords.verify("not-a-hash", "Corr3ct-horse")


@pytest.mark.parametrize("password", ["short1", "onlyletters", "12345678", "x" * 129 + "1"])
def test_weak_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationError):
        RegisterRequest(email="a@example.com", password=password, full_name="A")


def test_a_reset_needs_a_new_password() -> None:
    with pytest.raises(ValidationError, match="new_password is required"):
        VerifyOtpRequest(email="a@example.com", code="123456", purpose="reset_password")
