"""Idea polls: votes and suggestions posted from the blog's pages, results read back."""
