"""The print PDF, rendered by WeasyPrint from the same partials as the site."""
