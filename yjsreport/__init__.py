"""yjsreport: youth justice inspection reports from structured inspection data."""

from importlib import metadata

try:  # the version the package was installed as: from git tags, by setuptools-scm
    __version__ = metadata.version("yjsreport")
except metadata.PackageNotFoundError:  # imported from a clone that was never installed
    __version__ = "0+unknown"
