"""Receivers of Pelican's signals that every plugin would otherwise write out alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

GeneratorClass = TypeVar("GeneratorClass", bound=type)


def generator_receiver(generator: GeneratorClass) -> Callable[[Any], GeneratorClass]:
    """Return the get_generators receiver that hands Pelican one plugin's generator class.

    Bind it to a module-level name and connect that name in register(): Pelican holds its
    receivers by weak reference, so a receiver made inside register() would vanish with the call
    (and one name keeps a second register() of the same plugin from adding it twice).
    """

    def add_generator(pelican: Any) -> GeneratorClass:
        return generator

    add_generator.__doc__ = f"Return {generator.__name__}, the generator this plugin adds."
    add_generator.__qualname__ = f"generator_receiver({generator.__name__})"
    return add_generator
