"""Recorded calls followed again: on the chart alone, or through the whole session."""
