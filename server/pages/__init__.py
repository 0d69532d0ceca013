"""Pages for particular kinds of resource; each module registers its kinds with
`kotacerdas.server.browse.page_kind`. Resources of no registered kind get the generic page."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask


def register(app: Flask) -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
