"""Turning computed results and prose into HTML, for the site and for print."""
