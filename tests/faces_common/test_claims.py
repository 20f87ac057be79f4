"""faces_common.claims: each piece taken once; a lock left by a killed process is not waited for."""

from __future__ import annotations

import os
import signal

from faces_common.claims import BUILD, FORKED, Claims


def test_a_piece_is_taken_once_and_kept_by_its_taker() -> None:
    claims = Claims()
    assert claims.take(3, FORKED)
    assert not claims.take(3, BUILD)
    assert claims.take(3, FORKED)
    assert claims.take(4, BUILD)
    claims.close()


def test_a_lock_held_by_a_process_killed_holding_it_is_passed_once_that_process_has_gone() -> None:
    claims = Claims()
    pid = os.fork()
    if pid == 0:
        claims._lock.acquire()
        os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    asked = []

    def gone() -> bool:
        asked.append(True)
        return True

    assert claims.take(5, BUILD, gone=gone)
    assert asked == [True]
    claims.close()
