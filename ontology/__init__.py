"""The Kota Cerdas KG ontology (Turtle files read as package data)."""
