"""Every change to the publicity line's records goes through these functions (scope, validation with Chinese
messages, one audit row in the same transaction). Pages, the API, the ledger import, the portal and the demo all
call them."""

from .activities import record_activity, record_post, record_venue  # noqa: F401
from .common import LINE_NAME, owner_for, village_of  # noqa: F401
from .duties import add_duty_item, adopt_plan, evaluate, progress, suggested_grade  # noqa: F401
from .quiz import import_bank, missing_articles, questions_of, start_attempt, submit_attempt  # noqa: F401
from .villages import (  # noqa: F401
    apply_model_village,
    assess_backbone,
    name_model_village,
    recheck_model_village,
    register_backbone,
    withdraw_backbone,
)
