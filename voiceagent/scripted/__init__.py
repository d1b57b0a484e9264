"""Scripted calls: caller turns from text, `simulate`, and the scenario suite."""
