import pytest

from macros.components import Components, PageContext
from macros.registry import Registry


class Page:
    """Where components are being rendered; tests move it between pages."""

    def __init__(self):
        self.context = PageContext("steps/connect.md", "steps/connect/", "connect")


@pytest.fixture
def page():
    return Page()


@pytest.fixture
def registry():
    return Registry()


@pytest.fixture
def components(registry, page):
    return Components(registry, lambda: page.context).macros()
