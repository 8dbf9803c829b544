"""Personal data (names, addresses, emails), kept apart from counts so it can be purged on schedule."""

from .models import Supporter

__all__ = ["Supporter"]
