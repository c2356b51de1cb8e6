"""Helping inspectors start and write an inspection: scaffolds, codebooks, schemas."""
