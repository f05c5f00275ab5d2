"""Printed slips: reportlab layouts of every kind (kinds), their common frame (frame), the
voucher numbers with a check digit (numbers), fonts and pictograms. No Qt, no database."""

from reportlab import rl_config

# The pictograms' shapes come from the kiosk's own files; reportlab checking every attribute
# set on every shape of every slip is about a fifth of a slip's time. Set before its shapes
# load.
rl_config.shapeChecking = 0
