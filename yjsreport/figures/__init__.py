"""Figures from outside the case data (surveys, statistics with their sources, pooled
and compared figures), quoted by the same references in single and annual reports."""
