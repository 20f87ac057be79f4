"""Tests for faces_common.receivers: a plugin's generator handed to Pelican once per build."""

from __future__ import annotations

import gc

from blinker import Signal
from faces_common.receivers import generator_receiver
from pelican.generators import Generator


class WallGenerator(Generator):
    """A plugin's generator, as the receiver hands it over."""


add_wall = generator_receiver(WallGenerator)


def test_get_generators_receives_the_class_once_though_register_runs_twice() -> None:
    # Pelican's signals are blinker signals; every Pelican object runs each register() again.
    get_generators = Signal()
    get_generators.connect(add_wall)
    get_generators.connect(add_wall)
    gc.collect()  # the weak reference holds: the receiver is bound to a module-level name
    assert [answer for _, answer in get_generators.send(object())] == [WallGenerator]


def test_the_receiver_says_which_generator_it_adds() -> None:
    assert add_wall.__doc__ == "Return WallGenerator, the generator this plugin adds."
    assert add_wall.__qualname__ == "generator_receiver(WallGenerator)"
