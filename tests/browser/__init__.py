"""Helpers for the tests of the built site: building a scratch copy of the project,
serving it, and driving the checkers (Chromium with axe-core, the Nu HTML Checker)."""
