"""Applying the rules to an inspection's content: the figures every output reads."""
