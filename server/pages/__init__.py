"""Pages for particular kinds of resource; each module registers its kinds with
`kotacerdas.server.browse.page_kind`. Resources of no registered kind get the generic page."""

from __future__ import annotations

import importlib
import pkgutil

from flask import Flask

from kotacerdas.server.i18n import language_switch_href


def register(app: Flask) -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    from kotacerdas.server.pages.lists import coverage
    from kotacerdas.server.state import most_specific

    app.add_template_global(language_switch_href)
    app.add_template_global(most_specific, "most_specific")
    app.add_template_global(coverage, "programme_coverage")
