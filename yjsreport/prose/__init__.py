"""Prose: house-style numbers, data references in Markdown, and Markdown rendering."""
