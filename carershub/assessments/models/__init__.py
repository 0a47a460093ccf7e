from carershub.assessments.models.assessment import (
    Assessment,
    AssessmentQuerySet,
    Method,
    Participants,
    Status,
)
from carershub.assessments.models.determination import EligibilityDetermination
from carershub.assessments.models.document_link import DocumentLink
from carershub.assessments.models.plan import (
    Frequency,
    PlanAction,
    PlanService,
    PlanStatus,
    ServiceKind,
    SupportPlan,
)
from carershub.assessments.models.quality_of_life import QualityOfLifeScore, Question, QuestionSet
from carershub.assessments.models.risk import BreakdownRisk, RiskRating, Trigger

__all__ = [
    "Assessment",
    "AssessmentQuerySet",
    "Method",
    "Participants",
    "DocumentLink",
    "BreakdownRisk",
    "RiskRating",
    "Trigger",
    "EligibilityDetermination",
    "Frequency",
    "PlanAction",
    "PlanService",
    "PlanStatus",
    "QualityOfLifeScore",
    "Question",
    "QuestionSet",
    "ServiceKind",
    "Status",
    "SupportPlan",
]
