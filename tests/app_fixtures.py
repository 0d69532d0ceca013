"""The app in the test process: `create_app(store=...)` over the built dumps, talked to with
Flask's test client, for page logic. Only protocol, safety and end-to-end tests start real
server processes (server_fixtures.py)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from kotacerdas.server import create_app
from kotacerdas.server.store import OxigraphStore, QueryRequest, QueryResult, TripleStore
from tests.server_fixtures import Reply

# The address the app is asked at (Flask's test client sends no request over the network).
TEST_URL = "http://127.0.0.1:8765"


@dataclass
class AppClient:
    """The `LiveServer` interface (get, request, url, port) over Flask's test client."""

    app: Flask
    url: str = TEST_URL
    port: int = 8765

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
        # No cookie jar: like the live server's client, each request sends only its headers.
        client = self.app.test_client(use_cookies=False)
        response = client.open(path, method=method, data=body, headers=headers or {},
                               base_url=self.url)
        try:
            return Reply(response.status_code,
                         {k.lower(): v for k, v in response.headers.items()},
                         response.get_data())
        finally:
            response.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, headers={k.replace("_", "-"): v
                                                  for k, v in headers.items()})


@dataclass(eq=False)  # hashable, as stores are (pages cache per store)
class CountingStore:
    """A real store that counts the round trips made to it (`query` and `query_many`)."""

    store: TripleStore
    calls: list[str] = field(default_factory=list)

    @property
    def dataset_version(self) -> str:
        return self.store.dataset_version

    @property
    def last_modified(self) -> float:
        return self.store.last_modified

    def query(self, request: QueryRequest, timeout: float) -> QueryResult:
        self.calls.append(request.query)
        return self.store.query(request, timeout)

    def query_many(self, requests: Sequence[QueryRequest], timeout: float
                   ) -> list[QueryResult]:
        self.calls.append(" ;; ".join(r.query for r in requests))
        return self.store.query_many(requests, timeout)

    def graph_names(self) -> frozenset[str]:
        return self.store.graph_names()

    def triple_count(self) -> int:
        return self.store.triple_count()

    def workers(self) -> dict[str, int]:
        return self.store.workers()

    def close(self) -> None:
        self.store.close()


@contextmanager
def app_client(dumps: Path) -> Iterator[AppClient]:
    """The app over `dumps` (a real store of its own), in this process."""
    store = OxigraphStore(dumps, workers=1)
    try:
        yield AppClient(create_app({"DUMPS": str(dumps), "WARM": False}, store=store))
    finally:
        store.close()
