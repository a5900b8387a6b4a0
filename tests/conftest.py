import sys
from pathlib import Path

# Let tests import the shared fixtures module `factories` regardless of the working directory.
sys.path.insert(0, str(Path(__file__).parent))
