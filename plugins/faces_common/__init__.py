"""Shared kernel of the plugins, the tasks and the backend (not a Pelican plugin itself)."""
