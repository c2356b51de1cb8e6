"""yjsreport: youth justice inspection reports from structured inspection data."""

__version__ = "0.1.0"
