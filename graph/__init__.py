"""Building the knowledge graph: sources, gazetteer, IRIs, validation and dumps."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kotacerdas")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0"
