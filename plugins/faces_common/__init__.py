"""Shared kernel of the plugins, the tasks and the backend: helpers used in several places."""
