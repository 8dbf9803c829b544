"""Personal data: what is kept, for how long, and how one person's data is exported or erased.

Each capability that stores personal data registers its model here with the column holding the time it
was stored and the column holding the person's email. Purging deletes those rows once they are older than
ADVOCACY_RETENTION_DAYS; action records (the counts) never hold personal data and are never touched.
"""

from .registry import PersonalData, personal_data_models, register_personal_data
from .service import erase_person, export_person, purge_expired

__all__ = ["PersonalData", "erase_person", "export_person", "personal_data_models", "purge_expired",
           "register_personal_data"]
