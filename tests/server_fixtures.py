"""A live endpoint for tests: `kotacerdas serve` in its own process, talked to over HTTP."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import COMMAND, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen[str]
    log: Path

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            connection.request(method, path, body=data, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                         response.read())
        finally:
            connection.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, headers={k.replace("_", "-"): v
                                                  for k, v in headers.items()})


def wait_until_serving(server: LiveServer, timeout: float) -> None:
    """Until /health answers 200; the log in the error if the process stops or never does."""
    deadline = time.monotonic() + timeout
    while True:
        if server.process.poll() is not None:
            raise RuntimeError("the server stopped:\n" + server.log.read_text())
        try:
            if server.get("/health").status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start:\n" + server.log.read_text())
        time.sleep(0.2)


@contextmanager
def live_server(dumps: Path | None, tmp: Path, *options: str, env: dict[str, str] | None = None,
                cwd: Path = REPO, timeout: float = 120) -> Iterator[LiveServer]:
    """`kotacerdas serve --dumps DUMPS` run in `cwd`; with `dumps` None, no --dumps at all:
    the default, ./dumps of `cwd`, as `make run` serves it."""
    port = free_port()
    log = tmp / f"server-{port}.log"
    dumps_option = [] if dumps is None else ["--dumps", str(dumps)]
    with log.open("w") as stream:
        process = subprocess.Popen(
            [str(COMMAND), "serve", *dumps_option, "--port", str(port),
             *options], cwd=cwd, stdout=stream, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    server = LiveServer(f"http://127.0.0.1:{port}", port, process, log)
    try:
        wait_until_serving(server, timeout)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
