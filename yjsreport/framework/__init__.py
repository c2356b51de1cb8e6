"""The inspection framework (domains, standards, key questions, prompts) as data."""
