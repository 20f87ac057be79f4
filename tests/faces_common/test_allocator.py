"""Free memory malloc keeps goes back to the system; elsewhere than glibc nothing happens."""

from __future__ import annotations

import platform
from collections.abc import Iterator

import pytest
from faces_common import allocator

glibc_only = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)


def resident_mib() -> float:
    """This process's resident memory now, MiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.fixture
def not_glibc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process looks as if it ran on another C library."""
    allocator._glibc.cache_clear()
    monkeypatch.setattr(platform, "libc_ver", lambda: ("", ""))
    yield
    allocator._glibc.cache_clear()


@glibc_only
def test_freed_holes_go_back_to_the_system() -> None:
    # 2-KiB texts are malloc's (CPython's own allocator stops at 512 bytes); keeping every
    # sixteenth leaves holes of 30 KiB that malloc keeps until it is asked to give them back.
    texts = [bytes(2048) + i.to_bytes(4, "little") for i in range(60_000)]
    kept = texts[::16]
    del texts
    holding = resident_mib()
    assert allocator.give_back()
    assert holding - resident_mib() > 40
    assert len(kept) == 3750


def test_elsewhere_nothing_happens(not_glibc: None) -> None:
    assert allocator.give_back() is False
