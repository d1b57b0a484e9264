"""Tests of the offline voice."""
