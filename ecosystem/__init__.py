"""Map the delivery ecosystem of mental health social support in a local area."""

from .app import Ecosystem
from .config import Settings

__all__ = ["Ecosystem", "Settings"]
