"""Every area answers in the same shape: the contract's functions with the same signatures, a kind of
record that snapshots know, and change topics."""

from __future__ import annotations

import inspect

import pytest

from desktop_app.services.areas import AREA_SERVICES, CONTRACT
from desktop_app.storage import snapshots


@pytest.mark.parametrize("area", sorted(AREA_SERVICES))
def test_area_offers_the_whole_contract(area):
    module = AREA_SERVICES[area]
    for name, leading in CONTRACT.items():
        function = getattr(module, name, None)
        assert callable(function), f"{area}.{name} is missing"
        parameters = list(inspect.signature(function).parameters)
        assert tuple(parameters[:len(leading)]) == leading, f"{area}.{name}{tuple(parameters)}"
    assert module.KIND in snapshots.KINDS
    assert isinstance(module.TOPICS, frozenset) and module.TOPICS
