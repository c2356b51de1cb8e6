"""The published rating rules, as pure functions with no I/O.

Every threshold the reports publish lives here once, so the engine, the
methodology annexe and the tests all read the same numbers.
"""
