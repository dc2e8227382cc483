"""The command line: a thin layer that calls pure functions and renders their typed results."""
