"""Imports every model so SQLAlchemy and Alembic see all tables. Each capability owns its models."""

from .actions.models import Action, ActionAsk  # noqa: F401
from .supporters.models import Supporter  # noqa: F401
from .lookup.models import Constituency, DirectoryMP, MPSyncRun  # noqa: F401
from .elections.models import MPReminder  # noqa: F401
from .localdata.models import CouncilLookup, Dataset, Figure  # noqa: F401
from .campaigns.store import CampaignFileVersion, CampaignStatus  # noqa: F401
from .staff.models import ActionDayCount, ActionPlaceCount, StaffUser  # noqa: F401
from .spread.models import CaseStudy, CaseStudyContact  # noqa: F401
from .sending.models import FollowUpResult, OutboxMessage, SendRequest, SendToken  # noqa: F401
from .similarity.models import LetterFingerprint  # noqa: F401
from .personalisation.models import LetterChoice  # noqa: F401
from .motions.models import Council, CouncilConstituency, MotionProposer, MotionReport, MotionReportChange  # noqa: F401,E501
from .letters.models import LetterDraft  # noqa: F401
from .councilrules.models import CouncilMeeting, CouncilRules  # noqa: F401
from .seconders.models import SeconderInvite  # noqa: F401
from .contacts.models import CouncilContact  # noqa: F401
from .data.models import DataRelease  # noqa: F401
