"""The baseline of bundle_startup.py: a bare PySide6 QMainWindow that reports its first paint."""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

started = time.perf_counter()


class FirstPaint(QObject):
    fired = False

    def eventFilter(self, obj, event):
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first-paint {time.perf_counter() - started:.4f}", flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)


if __name__ == "__main__":
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("bare"))
    window.resize(1024, 700)
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    sys.exit(app.exec())
