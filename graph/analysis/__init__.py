"""Which innovations recur across regions: networkx analyses of the knowledge graph."""
