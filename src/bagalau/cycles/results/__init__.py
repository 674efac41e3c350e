"""Results: their page, the year's mean, and how their citations are stored."""
