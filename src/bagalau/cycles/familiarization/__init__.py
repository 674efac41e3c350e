"""Familiarization with a result and the application against it (R-FAMILIARIZE, R-DISAGREE)."""
