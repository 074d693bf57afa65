"""`make dev`: PostgreSQL, Redis and every service on this machine for development.

Data lives in .dev/ (kept between runs); services reload when their code changes; e-mail (OTP codes) is
caught as files in .dev/mail instead of being sent (never in a log). Stop with Ctrl-C.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from kit.testing.servers import PostgresServer, RedisServer

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / ".dev"
# name -> port; each is the package `<name>` with `<name>.main:app` and `<name>.cli migrate`
SERVICES = {
    name: port
    for name, port in (("core", 8001), ("commerce", 8010), ("payment", 8020))
    if (ROOT / "services" / name / name / "main.py").exists()
}
POSTGRES_PORT = 55432
REDIS_PORT = 56379


def secret(name: str) -> str:
    path = DEV / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text()


def service_env(name: str, postgres: PostgresServer) -> dict[str, str]:
    return {
        **os.environ,
        "ENVIRONMENT": "development",
        "DEBUG": "true",
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": str(postgres.port),
        "POSTGRES_DB": f"aarya_{name}",
        "POSTGRES_USER": postgres.user,
        "POSTGRES_PASSWORD": postgres.password,
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "JWT_PRIVATE_KEY_FILE": str(DEV / "keys" / "jwt-private.pem"),
        "JWT_PUBLIC_KEY_FILE": str(DEV / "keys" / "jwt-public.pem"),
        "OTP_SECRET": secret("otp-secret"),
        "EMAIL_BACKEND": "catcher",
        "MAIL_CATCHER_DIR": str(DEV / "mail"),
        "COOKIE_SECURE": "false",
        "INTERNAL_API_TOKEN": secret("internal-api-token"),
        "INTERNAL_CALLER_TOKENS": f"payment={secret('internal-api-token')}",
        # The storefront's dev server (another origin) calls the services directly.
        "CORS_ALLOWED_ORIGINS": "http://localhost:3000,http://127.0.0.1:3000",
        "COMMERCE_INTERNAL_URL": "http://127.0.0.1:8010",
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secret("stripe-webhook-secret"),
        "PAYMENT_FINGERPRINT_SECRET": secret("payment-fingerprint-secret"),
    }


def write_env_file(path: Path, env: dict[str, str]) -> None:
    """The service's own variables, for running its CLI by hand against the dev databases."""
    own = {k: v for k, v in env.items() if k not in os.environ or os.environ[k] != v}
    path.write_text("".join(f"{key}={value}\n" for key, value in own.items()))
    path.chmod(0o600)


def main() -> None:
    DEV.mkdir(exist_ok=True)
    python = sys.executable
    if not (DEV / "keys" / "jwt-private.pem").exists():
        subprocess.run([python, "-m", "core.cli", "generate-keys", str(DEV / "keys")], check=True)
    postgres = PostgresServer(port=POSTGRES_PORT, directory=DEV / "postgres", keep=True)
    redis = RedisServer(port=REDIS_PORT, directory=DEV / "redis", keep=True)
    postgres.start()
    redis.start()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for name, port in SERVICES.items():
            env = service_env(name, postgres)
            write_env_file(DEV / f"{name}.env", env)
            postgres.create_database(env["POSTGRES_DB"])
            subprocess.run([python, "-m", f"{name}.cli", "migrate"], check=True, env=env)
            if name == "commerce":  # the demo catalog, so the shop has something to show (idempotent)
                subprocess.run([python, "-m", "commerce.cli", "seed"], check=True, env=env)
            processes.append(
                subprocess.Popen(
                    [
                        python,
                        "-m",
                        "uvicorn",
                        "--factory",
                        f"{name}.main:app",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                        "--reload",
                        "--reload-dir",
                        str(ROOT / "services"),
                    ],
                    env=env,
                )
            )
            print(f"{name:9} http://127.0.0.1:{port}/docs")
        print(
            "an admin: set -a; . .dev/core.env; set +a; .venv/bin/python -m core.cli create-admin --email ME"
        )
        print(f"e-mail (one-time codes): a file per message in {DEV / 'mail'}, named by the time it was sent")
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        while all(process.poll() is None for process in processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)
        redis.stop()
        postgres.stop()


if __name__ == "__main__":
    main()
