"""ASGI apps served by uvicorn on a free loopback port, in a thread: the Stripe emulator, the commerce
stub and the real commerce app, so payment talks real HTTP to them."""

from __future__ import annotations

import threading
import time
from typing import Literal

import uvicorn
from fastapi import FastAPI

from kit.testing.servers import free_port

Lifespan = Literal["auto", "on", "off"]


class ThreadedServer:
    def __init__(self, app: FastAPI, *, port: int | None = None, lifespan: Lifespan = "off") -> None:
        self.app = app
        self.port = port or free_port()
        self.lifespan = lifespan
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan=self.lifespan
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {self.port} did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=30)
        self._server = self._thread = None
