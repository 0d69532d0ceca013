"""Building the knowledge graph: sources, gazetteer, IRIs, validation and dumps."""
