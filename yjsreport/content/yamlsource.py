"""Moved to yjsreport.sources.yamldoc; kept so older imports still work."""

from yjsreport.sources.yamldoc import YamlDocument, YamlProblem, parse_yaml, read_yaml

__all__ = ["YamlDocument", "YamlProblem", "parse_yaml", "read_yaml"]
