"""Nations and names: which body runs children's services in each UK nation (rules.py, nations.toml) and
how to say a council's or area's name in a sentence (names.py)."""

from .names import CouncilName, capfirst, council_names, place_of, possessive, with_article
from .rules import NATIONS, Nation, nation, nation_of_code

__all__ = ["NATIONS", "CouncilName", "Nation", "capfirst", "council_names", "nation", "nation_of_code",
           "place_of", "possessive", "with_article"]
