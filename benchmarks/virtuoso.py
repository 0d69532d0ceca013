"""A private Virtuoso 7 for benchmarks: started on free loopback ports with a throwaway database
folder, bulk-loaded with N-Triples into one graph, queried through its /sparql endpoint, and
shut down cleanly.

Virtuoso is Debian's `virtuoso-opensource` (`virtuoso-t` and `isql-vt` on the PATH). Nothing
outside the scratch folder is touched: the generated virtuoso.ini puts the database, logs and
the lock file there and lets the server read only the folder being loaded.

    with Virtuoso(Path("/tmp/v"), load_dir=Path("/work/data/1m")) as virtuoso:
        seconds = virtuoso.load("kotacerdas.nt")
        status, body = virtuoso.get(virtuoso.path("SELECT * WHERE { ?s ?p ?o } LIMIT 1"))
"""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import urlencode

GRAPH = "https://w3id.org/kotacerdas/bench"  # the one graph, sent as default-graph-uri
ACCEPT = "application/sparql-results+json"
# 8 kB pages: 170 000 buffers is Virtuoso's own suggestion for 2 GB of free memory, more than
# a million triples need (about 150 MB of pages) and a small part of the 24 GB machine.
BUFFERS = 170_000
INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 16
CheckpointInterval   = 0
O_DIRECT             = 0
CaseMode             = 2
DirsAllowed          = ., {load_dir}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {dirty}
MaxQueryMem          = 1G
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 10
VADInstallDir        = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {db}/vsp
ServerThreads        = 16
MaxClientConnections = 16
MaxKeepAlives        = 16
KeepAliveTimeout     = 10
EnabledDavVSP        = 0
EnabledGzipContent   = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = {cap}
DefaultGraph               = {graph}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def installed() -> bool:
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


class Virtuoso:
    """One private server; `start()`/`stop()` or use it as a context manager."""

    def __init__(self, folder: Path, load_dir: Path, max_rows: int = 10_000,
                 cap_seconds: int = 60, buffers: int = BUFFERS) -> None:
        self.folder, self.load_dir = folder, load_dir.resolve()
        self.sql_port, self.http_port = free_port(), free_port()
        self.max_rows, self.cap, self.buffers = max_rows, cap_seconds, buffers
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Virtuoso:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def start(self, ready_seconds: float = 120) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "vsp").mkdir(exist_ok=True)
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(db=self.folder, sql_port=self.sql_port,
                                  http_port=self.http_port, load_dir=self.load_dir,
                                  buffers=self.buffers, dirty=self.buffers * 3 // 4,
                                  max_rows=self.max_rows, cap=self.cap, graph=GRAPH))
        with (self.folder / "stdout.log").open("ab") as log:
            self.process = subprocess.Popen(
                ["virtuoso-t", "+foreground", "+configfile", str(ini)], cwd=self.folder,
                stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + ready_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited: see {self.folder / 'virtuoso.log'}")
            try:
                if self.get(self.path("ASK {}"), timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"Virtuoso did not answer within {ready_seconds:g} s")

    def sql(self, statements: str, timeout: float = 1800) -> str:
        """Run SQL through isql-vt as dba (a fresh database's own password, loopback only)."""
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF",
             "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
            input=statements, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql-vt failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def load(self, pattern: str) -> float:
        """Bulk-load the files of the load folder matching `pattern` into GRAPH, then make a
        checkpoint; returns the seconds taken."""
        started = time.monotonic()
        self.sql(f"ld_dir('{self.load_dir}', '{pattern}', '{GRAPH}');\n"
                 "rdf_loader_run();\ncheckpoint;\n")
        failed = self.sql("SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;\n")
        if int(failed.split()[0]) != 0:
            raise RuntimeError("Virtuoso could not load a file: "
                               + self.sql("SELECT ll_file, ll_error FROM DB.DBA.load_list;\n"))
        return time.monotonic() - started

    def triples(self) -> int:
        status, body = self.get(self.path(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), accept="text/csv")
        if status != 200:
            raise RuntimeError(body.decode("utf-8", "replace"))
        return int(body.decode().splitlines()[1].strip('"'))

    def path(self, query: str) -> str:
        """The GET path of `query` over GRAPH as the default graph (Virtuoso's default
        dataset is otherwise every graph it holds, its own system graphs included)."""
        return "/sparql?" + urlencode({"query": query, "default-graph-uri": GRAPH})

    def get(self, path: str, accept: str = ACCEPT, timeout: float = 300,
            connection: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
        own = connection is None
        connection = connection or http.client.HTTPConnection("127.0.0.1", self.http_port,
                                                              timeout=timeout)
        try:
            connection.request("GET", path, headers={"Accept": accept})
            response = connection.getresponse()
            body = response.read()
            # Past MaxQueryExecutionTime Virtuoso answers 200 with partial rows ("anytime
            # query") and says so in this header: count it as a timeout, not an answer.
            if response.getheader("X-SQL-State"):
                return 504, body
            return response.status, body
        finally:
            if own:
                connection.close()

    def stop(self) -> None:
        """Shut down through SQL (a clean checkpointed stop), else terminate the process."""
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                self.sql("shutdown;\n", timeout=60)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(30)
        self.process = None
