"""Benchmarks that print figures (never assert: these machines are shared and noisy)."""
