"""Jinja, sandboxed: text fields and body templates become text and body markup."""
