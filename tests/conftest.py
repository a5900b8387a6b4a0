import sys
from pathlib import Path

import pytest

# Let tests import the shared fixtures module `factories` regardless of the working directory.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True, scope="session")
def _private_travel_cache(tmp_path_factory):
    """Road-graph matrices are cached on disk; tests keep theirs out of the user's home."""
    import os

    os.environ["MAGROUTE_CACHE_DIR"] = str(tmp_path_factory.mktemp("travel-cache"))
    yield
