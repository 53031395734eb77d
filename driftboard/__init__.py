"""Driftboard: the operations, goal-steering and improvement boards of an operations team."""

__version__ = "0.1.0"
