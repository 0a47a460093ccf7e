from carershub.emergency_plans.models.plan import (
    EmergencyContact,
    EmergencyPlan,
    EmergencyPlanQuerySet,
    PlanStatus,
)

__all__ = ["EmergencyContact", "EmergencyPlan", "EmergencyPlanQuerySet", "PlanStatus"]
