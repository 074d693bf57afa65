"""Run a service with uvicorn, draining its connections before it stops: `python -m kit.serve <options>`.

uvicorn, told to stop, closes its listening socket and at once every idle kept-alive connection. nginx may be
sending a request on such a connection at that very moment: the request is lost, and nginx resends only an
idempotent one, so a POST (an add to cart, a checkout) answered 502 during a deploy. Here, once told to stop,
the server first stops accepting (nginx's new connections are refused and go to another instance, safe for
any request), then for up to `AARYA_DRAIN_SECONDS` (default 3) answers each request on its open connections
with `Connection: close`, so nginx drops each connection after its answer and closes the idle ones itself
(nginx's upstream `keepalive_timeout` is shorter); only then does uvicorn's own shutdown run. With several
workers the supervising process closes its copy of the listening socket too, or the kernel would go on
queueing connections that no worker accepts.

uvicorn has no option for the server class, so this module puts its own where uvicorn builds one (the
command, and the worker processes of the supervisor) and then runs uvicorn's command line unchanged.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import socket
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn
import uvicorn.supervisors.multiprocess

# `uvicorn.main` is the command (the package re-exports it over the module's name): the module itself
uvicorn_main = importlib.import_module("uvicorn.main")

DEFAULT_DRAIN_SECONDS = 3.0

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def drain_seconds() -> float:
    """How long a stopping server keeps serving its open connections (AARYA_DRAIN_SECONDS)."""
    value = os.environ.get("AARYA_DRAIN_SECONDS", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_DRAIN_SECONDS
    except ValueError as error:
        raise SystemExit(f"AARYA_DRAIN_SECONDS must be a number of seconds, not {value!r}") from error


class CloseWhileDraining:
    """ASGI wrapper: once the server drains, every HTTP answer carries `Connection: close`."""

    def __init__(self, app: ASGIApp, server: DrainingServer) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and self.server.draining:
                headers = [item for item in message.get("headers", []) if item[0].lower() != b"connection"]
                message = {**message, "headers": [*headers, (b"connection", b"close")]}
            await send(message)

        await self.app(scope, receive, send_closing)


class DrainingServer(uvicorn.Server):
    """uvicorn's server, draining its connections before its own shutdown (see the module's docstring)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.draining = False
        self.drain_seconds = drain_seconds()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        if not isinstance(self.config.loaded_app, CloseWhileDraining):
            self.config.loaded_app = CloseWhileDraining(self.config.loaded_app, self)
        await super().startup(sockets=sockets)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        self.draining = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.drain_seconds
        # uvicorn's connection set has no event to wait on: poll it, as uvicorn's own shutdown does
        while self.server_state.connections and loop.time() < deadline and not self.force_exit:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await super().shutdown(sockets=sockets)


class DrainingProcess(uvicorn.supervisors.multiprocess.Process):
    """A worker process running the draining server (unpickled in the spawned worker, so it must say so)."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = DrainingServer(config=self.config)
        return self._server


class DrainingMultiprocess(uvicorn.supervisors.multiprocess.Multiprocess):
    """uvicorn's worker supervisor, closing its copy of the listening sockets before it stops the workers."""

    def terminate_all(self) -> None:
        for sock in self.sockets:
            sock.close()
        super().terminate_all()


def main() -> None:
    """uvicorn's command line, with the draining server and supervisor."""
    uvicorn_main.Server = DrainingServer  # type: ignore[attr-defined]
    uvicorn_main.Multiprocess = DrainingMultiprocess  # type: ignore[attr-defined]
    uvicorn.supervisors.multiprocess.Process = DrainingProcess  # type: ignore[misc]
    uvicorn_main.main()


if __name__ == "__main__":
    main()
