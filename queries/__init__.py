"""Canned SPARQL queries, one per .rq file (read as package data)."""
