"""The SPARQL endpoint and linked-data browser (not built yet)."""
