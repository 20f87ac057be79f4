"""Scripts that drew the sample site's imagery (run by hand), and the preview's social cards."""
