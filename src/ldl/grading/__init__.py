"""Grading: run a learner's exercise in a sandbox and compare it with the reference solution."""
