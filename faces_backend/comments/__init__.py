"""Comments on posts (issue 15): submit, store, moderate, pull into the repository."""
