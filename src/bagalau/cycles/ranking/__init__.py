"""Ranking sheets (R-RANK): the team page, its review, paper sheets and their results."""
