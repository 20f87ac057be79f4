"""The editors' preview server and build runner: imports Pelican; the backend never imports this."""
