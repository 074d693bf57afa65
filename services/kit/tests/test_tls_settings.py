"""TLS between hosts: what DATABASE_SSL_CA and a rediss:// URL make of the services' connections."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from redis.asyncio.connection import SSLConnection

from kit.db import connect_arguments
from kit.redis import make_redis
from kit.settings import ServiceSettings


@pytest.fixture
def ca_file(tmp_path: Path) -> Path:
    """A CA certificate as the playbooks' internal CA issues it (/etc/aarya/tls/ca.crt)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Aarya test CA")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = tmp_path / "ca.crt"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


@pytest.fixture(autouse=True)
def _no_env_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AARYA_ENV_FILE", raising=False)
    monkeypatch.delenv("DATABASE_SSL_CA", raising=False)


def test_a_database_ca_makes_every_connection_verify_the_server(
    ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTGRES_HOST", "172.31.250.30")
    monkeypatch.setenv("DATABASE_SSL_CA", str(ca_file))

    url = ServiceSettings.from_environment().database_url
    assert url.query == {"sslmode": "verify-full", "sslrootcert": str(ca_file)}

    engine_url, arguments = connect_arguments(url)
    context = arguments["ssl"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname  # the certificate must name 172.31.250.30
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2
    assert [ca["subject"] for ca in context.get_ca_certs()] == [((("commonName", "Aarya test CA"),),)]
    # asyncpg takes no libpq URL parameters: they leave the URL it is given
    assert engine_url.query == {}
    assert engine_url.host == "172.31.250.30"


@pytest.mark.parametrize("value", [None, ""])
def test_without_a_database_ca_the_connection_is_plain(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is not None:
        monkeypatch.setenv("DATABASE_SSL_CA", value)

    settings = ServiceSettings.from_environment()

    assert settings.database_ssl_ca is None
    assert settings.database_url.query == {}
    assert connect_arguments(settings.database_url)[1] == {}


@pytest.mark.parametrize(
    "query", ["?sslmode=require", "?sslmode=verify-ca&sslrootcert=/ca.crt", "?sslrootcert=/ca.crt"]
)
def test_a_weaker_or_partial_database_tls_is_refused(query: str) -> None:
    with pytest.raises(ValueError, match="verify-full"):
        connect_arguments(f"postgresql+asyncpg://aarya@172.31.250.30/aarya{query}")


def test_a_database_ca_that_cannot_be_read_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        connect_arguments(
            f"postgresql+asyncpg://aarya@172.31.250.30/aarya?sslmode=verify-full&sslrootcert={tmp_path}/none"
        )


def test_a_rediss_url_connects_over_tls_verifying_the_ca_and_the_address(
    ca_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", f"rediss://core:secret@172.31.250.30:6380/0?ssl_ca_certs={ca_file}")

    redis = make_redis(ServiceSettings.from_environment().redis_url.get_secret_value())

    pool = redis.connection_pool
    assert pool.connection_class is SSLConnection
    assert (pool.connection_kwargs["host"], pool.connection_kwargs["port"]) == ("172.31.250.30", 6380)
    context = pool.make_connection().ssl_context  # type: ignore[no-untyped-call]
    assert context.ca_certs == str(ca_file)
    assert context.cert_reqs == ssl.CERT_REQUIRED
    assert context.check_hostname
