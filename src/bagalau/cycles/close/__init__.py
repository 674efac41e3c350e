"""Closing a quarter or a year (R-PERIODS, 004 p4)."""
