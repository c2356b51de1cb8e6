"""Moved to yjsreport.sources.validation; kept so older imports still work."""

from yjsreport.sources.validation import validate

__all__ = ["validate"]
