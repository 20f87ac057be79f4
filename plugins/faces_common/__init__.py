"""Helpers shared by the plugins (and later the backend): not a Pelican plugin itself."""
