"""Map the delivery ecosystem of mental health social support in a local area."""

from ecosystem.config import Settings
from ecosystem.core import Ecosystem

__all__ = ["Ecosystem", "Settings"]
