"""Documentation keeps up with the code: a field or query that is not documented fails."""

from __future__ import annotations

import typing

from kotacerdas.graph import sources
from tests.conftest import REPO


def section_models() -> dict[str, type]:
    models = {}
    for name in (*sources.SECTIONS, "article"):
        annotation = sources.SourceFile.model_fields[name].annotation
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        model = args[0] if args else annotation
        models[name] = model
    return models


def test_every_source_field_is_documented() -> None:
    doc = (REPO / "docs" / "source-format.md").read_text(encoding="utf-8")
    for section, model in section_models().items():
        assert f"`{section}`" in doc, f"section {section} is not in docs/source-format.md"
        for field in model.model_fields:
            assert f"`{field}`" in doc, f"{section}.{field} is not in docs/source-format.md"


def test_readme_names_every_canned_query() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for query in (REPO / "queries").glob("*.rq"):
        assert query.name in readme, f"{query.name} is not listed in README.md"
