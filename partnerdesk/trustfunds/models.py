"""Models of the trustfunds app."""
