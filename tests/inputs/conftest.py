"""The `mini` fixture: the mini data set (tests/mini_data.py) written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini_data import MiniData, write_mini


@pytest.fixture
def mini(tmp_path: Path) -> MiniData:
    return write_mini(tmp_path)
