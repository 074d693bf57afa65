"""kit.serve: a stopping server refuses new connections, answers on open ones with Connection: close."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.testing.servers import free_port, wait_for_port

APP = """\
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})
"""


def request(connection: socket.socket) -> tuple[str, dict[str, str]]:
    """One keep-alive GET on an open connection: the status line and the headers of the answer."""
    connection.sendall(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b"ok"):
        chunk = connection.recv(4096)
        if not chunk:
            raise ConnectionError(f"connection closed after {data!r}")
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode()
    status, *lines = head.split("\r\n")
    return status, {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines)}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stopping_server_answers_its_open_connections_and_refuses_new_ones(
    tmp_path: Path, workers: int
) -> None:
    (tmp_path / "drain_app.py").write_text(APP)
    port = free_port()
    command = [sys.executable, "-m", "kit.serve", "drain_app:app", "--app-dir", str(tmp_path)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers), "--no-access-log"]
    server = subprocess.Popen(command, env={**os.environ, "AARYA_DRAIN_SECONDS": "4"})  # noqa: S603
    try:
        wait_for_port(port)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as kept_alive:
            status, headers = request(kept_alive)
            assert status == "HTTP/1.1 200 OK"
            assert headers.get("connection") != "close"

            server.send_signal(signal.SIGTERM)
            time.sleep(1.0)

            # New connections are refused (nginx sends those requests to another instance) ...
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
            # ... while a request on a connection already open is still answered, then the connection closes.
            status, headers = request(kept_alive)
            assert status == "HTTP/1.1 200 OK"
            assert headers["connection"] == "close"
            assert kept_alive.recv(1) == b""

        # uvicorn ends by re-raising the signal it handled: a clean stop (systemd counts it a success)
        assert server.wait(timeout=15) in (0, -signal.SIGTERM)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
