"""Kota Cerdas KG: an open knowledge graph of Indonesia's smart-city programme."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kotacerdas")
except PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0"
