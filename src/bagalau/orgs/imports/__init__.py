"""The staff import and export: reading files (read, cells, columns), checking them
(rules*, issues, state, kept), writing a checked plan in chunks (apply), the services
that tie them together, the background task that applies a job, and the pages."""
