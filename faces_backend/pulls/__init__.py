"""Pulling the backend's data into the repository (results, suggestions, views), never losing any.

Its own package rather than inside the features: one pull merges what several features
stored (poll results with suggestions, page views), so like cli.py it stands above them.
"""
