"""Retention of the evaluation documents (R-RETAIN, 004 p14): listing what is past its
retention period and removing it once confirmed."""
