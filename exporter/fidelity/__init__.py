"""Checks of a summary against its article that share no code with the summariser."""
