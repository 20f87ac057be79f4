"""The backend's storage: one write path (the writer thread) and a read connection."""
