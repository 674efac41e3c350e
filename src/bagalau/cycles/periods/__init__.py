"""Opening a period, its schedule, the period pages and the start page's work list."""
