"""Benchmarks: read literature instances, solve them with magroute's engine and its peers, and
score every result with one independent evaluator."""
