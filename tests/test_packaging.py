"""The wheel: one `kotacerdas` package whose data files are found once installed."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                    "--wheel-dir", str(folder), str(REPO)], check=True, capture_output=True)
    (found,) = folder.glob("kotacerdas-*.whl")
    return found


def test_wheel_installs_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"kotacerdas",
                                                       wheel.name.split("-py3")[0] + ".dist-info"}
    for data in ("kotacerdas/ontology/kotacerdas.ttl", "kotacerdas/shapes/kotacerdas-shapes.ttl",
                 "kotacerdas/queries/innovations-of-region.rq",
                 "kotacerdas/graph/gazetteer/wilayah-kemendagri.csv",
                 "kotacerdas/graph/reference/institutions.yaml"):
        assert data in names


def test_installed_package_builds_the_graph(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    # Run outside the checkout, with the installed copy first on the path.
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run([sys.executable, "-c", "import kotacerdas.graph; print(kotacerdas.graph.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site))
    result = subprocess.run([str(site / "bin" / "kotacerdas"), "build", "--out", "dumps"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dumps" / "kotacerdas.nq").stat().st_size > 100_000
