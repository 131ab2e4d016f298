"""Benchmarks: synthetic corpora and build measurements (``python -m benchmarks.build_bench``)."""
