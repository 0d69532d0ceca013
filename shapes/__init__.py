"""SHACL shapes the build enforces (Turtle files read as package data)."""
