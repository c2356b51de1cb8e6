"""The HTML site: a MkDocs plugin that turns inspections into pages."""
