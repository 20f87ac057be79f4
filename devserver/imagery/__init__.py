"""Scripts that drew the sample site's imagery (run by hand, not by the build)."""
