"""Benchmarks of the guide builder (not part of the test suite: tests never time anything)."""
