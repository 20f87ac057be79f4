"""Page views: counted as aggregates per page and day, or not at all."""
