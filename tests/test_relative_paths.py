"""Commands take paths relative to the folder they run in, as a user types them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import run_cli


def test_analyze_reads_and_writes_relative_paths(dumps: Path, tmp_path: Path) -> None:
    shutil.copytree(dumps, tmp_path / "dumps", ignore=shutil.ignore_patterns(".store"))
    (tmp_path / "out").mkdir()
    default = run_cli("analyze", "recurrence", "--format", "json", "--export",
                      "out/net.graphml", "--plot", "out/fig.svg", cwd=tmp_path)
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout)
    assert (tmp_path / "out" / "net.graphml").stat().st_size > 1000
    assert (tmp_path / "out" / "fig.svg").read_bytes().lstrip().startswith(b"<")
    (tmp_path / "dumps").rename(tmp_path / "elsewhere")
    named = run_cli("analyze", "recurrence", "--format", "json", "--dumps", "elsewhere",
                    cwd=tmp_path)
    assert named.returncode == 0, named.stderr
    assert named.stdout == default.stdout


def test_serve_says_where_it_looked_for_missing_dumps(tmp_path: Path) -> None:
    missing = run_cli("serve", "--dumps", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert str(tmp_path / "nowhere") in missing.stderr
