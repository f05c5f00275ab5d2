"""The Qt binding in use keeps Python's reference counts: some PySide6 releases lose a
reference to None on every setEnabled()/parentWidget() call on Python 3.11, and a kiosk that
runs all day would then abort."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QToolButton, QWidget


def test_common_widget_calls_keep_reference_counts(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    button = QToolButton(parent)
    before = sys.getrefcount(None)
    for _ in range(200):
        button.setEnabled(True)
        parent.parentWidget()
        parent.childAt(9999, 9999)
    assert sys.getrefcount(None) - before > -50
