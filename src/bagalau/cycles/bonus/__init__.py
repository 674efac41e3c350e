"""Bonus points (Almaty 2017, 002 p17-18)."""
