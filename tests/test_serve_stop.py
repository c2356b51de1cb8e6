"""Ctrl+C stops the preview even when a library's shutdown never finishes (MkDocs waits
for watchdog's threads on the way out, and that wait has been seen to hang)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from tests.conftest import ROOT

HANGS_ON_THE_WAY_OUT = """
import threading, sys
from yjsreport.cli import _stopped_within
with _stopped_within(1):
    try:  # 'ready' once the handler is in place: a Ctrl+C before it would be ignored
        print("ready", flush=True)  # where the runner's worker ignores SIGINT (xdist)
        threading.Event().wait()
    except KeyboardInterrupt:
        threading.Event().wait()  # an orderly stop that never ends
sys.exit(3)
"""


def test_ctrl_c_ends_a_preview_whose_shutdown_hangs() -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", HANGS_ON_THE_WAY_OUT],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGINT)
    try:
        code = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("still running a minute after Ctrl+C") from None
    assert code == 0


def test_without_a_hang_the_stop_is_the_orderly_one() -> None:
    """Where the stop finishes, nothing cuts it short: its own exit code stands."""
    script = HANGS_ON_THE_WAY_OUT.replace(
        "        threading.Event().wait()  # an orderly stop that never ends", "        pass"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    time.sleep(0.1)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 3
