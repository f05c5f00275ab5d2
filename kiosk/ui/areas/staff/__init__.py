"""The staff's side: help (asked at the kiosk, answered at the desk), signing in with a PIN,
the desk and its tiles, the print queue, settings with the daily backup, reports and the
privacy notice.

Built in two parts: :mod:`.entry` before every other area, :mod:`.tools` after them."""
