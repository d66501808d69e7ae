"""The one mechanism for long work: run a function off the GUI thread with progress and cancel.

    runner.run(lambda progress: services.import_file(db, path, progress), title=_("Importing…"),
               on_done=show_result)

The function receives a :class:`desktop_app.domain.progress.Progress`; raising ``Cancelled`` (via
``progress.check_cancelled()``) rolls its transaction back. Results and errors come back on the GUI
thread: a :class:`UserError` is shown as its message, anything else goes to the error dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.progress import Progress
from desktop_app.i18n import _


class Task(QObject):
    """One piece of background work. Lives on the GUI thread; its slots run there."""

    _progressed = Signal(int, int, str)
    _succeeded = Signal(object)
    _failed = Signal(object)
    _was_cancelled = Signal()
    finished = Signal()

    def __init__(self, function: Callable[[Progress], Any], title: str, parent: QObject | None = None):
        super().__init__(parent)
        self.function = function
        self.title = title
        self.progress = Progress(lambda done, total, message: self._progressed.emit(done, total, message))
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.on_done: Callable[[Any], None] | None = None
        self.on_error: Callable[[BaseException], None] | None = None
        self.on_cancelled: Callable[[], None] | None = None
        self.on_progress: Callable[[int, int, str], None] | None = None
        #: The widget the answer is for: when it is gone (its window closed while the work ran), the answer
        #: is dropped quietly instead of reaching a deleted widget.
        self.receiver: QObject | None = None
        self._progressed.connect(self._deliver_progress, Qt.ConnectionType.QueuedConnection)
        self._succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)
        self._was_cancelled.connect(self._deliver_cancelled, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.progress.cancel()

    def execute(self) -> None:  # worker thread
        try:
            result = self.function(self.progress)
        except Cancelled:
            self._was_cancelled.emit()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the GUI thread
            self._failed.emit(error)
        else:
            self._succeeded.emit(result)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress:
            self.on_progress(done, total, message)

    def _receiver_gone(self) -> bool:
        return self.receiver is not None and not shiboken6.isValid(self.receiver)

    @Slot(object)
    def _deliver_result(self, result) -> None:
        self.result = result
        self._finish()
        if self.on_done and not self._receiver_gone():
            self.on_done(result)

    @Slot(object)
    def _deliver_error(self, error) -> None:
        self.error = error
        self._finish()
        if self.on_error and not self._receiver_gone():
            self.on_error(error)

    @Slot()
    def _deliver_cancelled(self) -> None:
        self._finish()
        if self.on_cancelled and not self._receiver_gone():
            self.on_cancelled()

    def _finish(self) -> None:
        self.done = True
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.execute()


class BackgroundRunner(QObject):
    """Starts tasks on a thread pool, shows a progress dialog for the slow ones, routes errors."""

    task_started = Signal(object)
    task_finished = Signal(object)

    def __init__(self, error_handler: Callable[[BaseException, QWidget | None], None], parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.error_handler = error_handler
        self.active: set[Task] = set()

    def run(
        self,
        function: Callable[[Progress], Any],
        *,
        title: str,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        show_progress: bool = True,
    ) -> Task:
        task = Task(function, title, self)
        owner = parent if parent is not None else getattr(on_done, "__self__", None)
        task.receiver = owner if isinstance(owner, QObject) else None
        task.on_done = on_done
        task.on_cancelled = on_cancelled
        task.on_error = on_error or (lambda error: self.error_handler(error, parent))
        dialog = self._progress_dialog(task, parent) if show_progress else None
        self.active.add(task)
        task.finished.connect(lambda: self._forget(task, dialog))
        self.task_started.emit(task)
        self.pool.start(_Runnable(task))
        return task

    def _progress_dialog(self, task: Task, parent: QWidget | None) -> QProgressDialog:
        dialog = QProgressDialog(task.title, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)  # quick work finishes without a dialog flashing up
        dialog.canceled.connect(task.cancel)
        dialog.canceled.connect(lambda: dialog.setLabelText(_("Cancelling…")))

        def show_progress(done: int, total: int, message: str) -> None:
            if total > 0:
                dialog.setMaximum(total)
                dialog.setValue(min(done, total))
            if message:
                dialog.setLabelText(message)

        task.on_progress = show_progress
        return dialog

    def _forget(self, task: Task, dialog: QProgressDialog | None) -> None:
        if dialog is not None:
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        self.active.discard(task)
        self.task_finished.emit(task)
        QTimer.singleShot(0, task.deleteLater)

    def wait_for_all(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
