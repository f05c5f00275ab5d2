"""Printed slips: reportlab layouts of every kind (kinds), their common frame (frame), the
voucher numbers with a check digit (numbers), fonts and pictograms. No Qt, no database."""
