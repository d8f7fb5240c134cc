"""File › Take offline… and File › Bring back changes…: the window's side of offline copies.

The composition root's opener does the work (ui/app.py, core/offline) on a worker thread; this
module asks what to take or what to keep, and says what happened. Bringing back always runs a dry
run first, shows it (with every conflict side by side), and applies only what the person chose.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from correspondence_desk.core.errors import DeskError, ServerPasswordNeeded
from correspondence_desk.core.offline.records import CheckinPlan, CheckoutResult
from correspondence_desk.core.offline.sealing import is_sealed
from correspondence_desk.paths import needs_password, with_password
from correspondence_desk.ui.common import dialogs
from correspondence_desk.ui.common.background import BackgroundOp, Task
from correspondence_desk.ui.shell import offline_dialogs as od
from correspondence_desk.ui.shell.startup import open_existing

if TYPE_CHECKING:
    from correspondence_desk.ui.shell.main_window import MainWindow

STEPS = 4  # the progress messages each operation reports


def _stepper(task: Task) -> Any:
    done = [0]

    def step(_what: str) -> None:
        done[0] = min(STEPS, done[0] + 1)
        task.progress(done[0], STEPS)

    return step


class OfflineActions:
    def __init__(self, window: MainWindow) -> None:
        self._window = window

    @property
    def _opener(self) -> Any:
        return self._window.databases.opener

    def _folder(self) -> str:
        services = self._window.services
        path = services.path if services is not None else None
        return str(path.parent) if path else str(Path.home())

    # --- take offline ---------------------------------------------------------------------------

    def take_offline(self) -> None:
        window, services = self._window, self._window.services
        if services is None:
            return
        if not window.pages_can_leave():
            return
        origin = self._origin()
        if origin is not None:
            dialogs.show_info(
                window,
                f"This window is on an offline copy of {origin.server}: take copies from that database.",
                "Take offline",
            )
            return

        def load(_task: Task) -> tuple[list[Any], int]:
            return services.reports.list(), self._opener.marked_letters(services, [])

        (
            BackgroundOp(window, load, doing="listing the reports")
            .success(lambda found: self._choose(*found))
            .run_in_background()
        )

    def _choose(self, reports: list[Any], marked: int) -> None:
        window, services = self._window, self._window.services
        if not reports:
            dialogs.show_info(window, "There are no reports to take offline.", "Take offline")
            return
        dialog = od.TakeOfflineDialog(reports, marked, self._folder(), window)
        if not od.ask_take_offline(dialog):
            return
        refs, out, passphrase = dialog.chosen(), dialog.out_path(), dialog.passphrase()

        def work(task: Task) -> CheckoutResult:
            result: CheckoutResult = self._opener.take_offline(
                services, out, refs, passphrase, _stepper(task)
            )
            return result

        (
            BackgroundOp(window, work, doing="taking the copy offline")
            .with_progress(f"Taking {len(refs)} reports offline…")
            .success(lambda result: self._taken(result))
            .run_in_background()
        )

    def _taken(self, result: CheckoutResult) -> None:
        dialogs.show_info(self._window, "\n".join(result.lines()), "Taken offline")
        self._window.refresh_all()

    # --- bring back -----------------------------------------------------------------------------

    def bring_back(self) -> None:
        window = self._window
        if window.services is None or not window.pages_can_leave():
            return
        origin = self._origin()
        if origin is not None:
            self._bring_back_here(origin)
            return
        path = od.ask_copy_file(window, self._folder())
        if not path:
            return
        copy = Path(path)
        passphrase = None
        if is_sealed(copy):
            passphrase = od.ask_passphrase(window, f"{copy.name} is sealed. Its passphrase:")
            if passphrase is None:
                return
        self._run(copy, passphrase, dry_run=True, resolutions={})

    # --- bring back, from a window on the copy itself --------------------------------------------

    def _bring_back_here(self, origin: Any, problem: str = "", server: str = "") -> None:
        """The copy knows where it came from (without the password): ask for the password when the
        server needs one (or said so), then the same dry run → conflicts → apply."""
        window = self._window
        if origin.brought_back_at is not None:
            dialogs.show_info(window, origin.banner() + ".", "Bring back changes")
            return
        server, password = server or origin.server, ""
        if problem or needs_password(server):
            answer = od.ask_connection(window, server, problem)
            if answer is None:
                return
            server, password = answer
        self._run_here(with_password(server, password), server, dry_run=True, resolutions={})

    def _run_here(self, url: str, server: str, *, dry_run: bool, resolutions: dict[str, Any]) -> None:
        window, services = self._window, self._window.services

        def work(task: Task) -> CheckinPlan:
            plan: CheckinPlan = self._opener.bring_back_here(
                services, url, dry_run=dry_run, resolutions=resolutions, progress=_stepper(task)
            )
            return plan

        def failed(error: BaseException) -> None:
            if isinstance(error, ServerPasswordNeeded):
                self._bring_back_here(self._origin(), str(error), server)
                return
            dialogs.show_failure(window, error, "bringing the changes back")

        def planned(plan: CheckinPlan) -> None:
            if plan.already:
                dialogs.show_info(window, plan.already, "Bring back changes")
                return
            dialog = od.BringBackDialog(plan, window)
            if od.ask_bring_back(dialog):
                self._run_here(url, server, dry_run=False, resolutions=dialog.resolutions())

        doing = f"comparing this copy with {server}" if dry_run else f"bringing the changes back to {server}"
        (
            BackgroundOp(window, work, doing=doing)
            .with_progress(f"{doing[0].upper()}{doing[1:]}…")
            .success(planned if dry_run else lambda plan: self._brought_here(plan, url, server))
            .failure(failed)
            .run_in_background()
        )

    def _brought_here(self, plan: CheckinPlan, url: str, server: str) -> None:
        window = self._window
        if plan.unresolved:  # the server changed between the dry run and now: look again
            dialogs.show_error(window, plan.summary(), "Bring back changes")
            return
        window.refresh_all()
        window.show_origin()
        if dialogs.confirm_action(
            window,
            f"{plan.summary()}\n\nThis copy is marked as brought back: changes made in it now will not "
            f"be brought back. Open {server} now?",
            "Changes brought back",
            "Open the server",
        ):
            window.switch_to(open_existing(self._opener, url, window))

    def _origin(self) -> Any:
        services = self._window.services
        try:
            return services.offline.origin() if services is not None else None
        except DeskError:
            return None

    def _run(self, copy: Path, passphrase: str | None, *, dry_run: bool, resolutions: dict[str, Any]) -> None:
        window, services = self._window, self._window.services

        def work(task: Task) -> CheckinPlan:
            plan: CheckinPlan = self._opener.bring_back(
                services, copy, dry_run=dry_run, resolutions=resolutions, passphrase=passphrase,
                progress=_stepper(task),
            )  # fmt: skip
            return plan

        doing = "comparing the copy with this database" if dry_run else "bringing the changes back"
        (
            BackgroundOp(window, work, doing=doing)
            .with_progress(f"{doing[0].upper()}{doing[1:]}…")
            .success(lambda plan: self._planned(copy, passphrase, plan) if dry_run else self._brought(plan))
            .run_in_background()
        )

    def _planned(self, copy: Path, passphrase: str | None, plan: CheckinPlan) -> None:
        if plan.already:
            dialogs.show_info(self._window, plan.already, "Bring back changes")
            return
        dialog = od.BringBackDialog(plan, self._window)
        if od.ask_bring_back(dialog):
            self._run(copy, passphrase, dry_run=False, resolutions=dialog.resolutions())

    def _brought(self, plan: CheckinPlan) -> None:
        if plan.unresolved:  # the server changed between the dry run and now: look again
            dialogs.show_error(self._window, plan.summary(), "Bring back changes")
            return
        dialogs.show_info(self._window, plan.summary(), "Changes brought back")
        self._window.refresh_all()
