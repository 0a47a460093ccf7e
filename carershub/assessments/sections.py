"""Which sections make up each kind of assessment, in task-list order.

Each kind has its own form: a young carer's needs assessment asks whether caring is appropriate
and whether tasks are excessive for the child's age, and has no regulation 3 outcomes; a carer's
assessment asks the eight outcomes of regulation 3. A review asks what has changed, then the
sections of the kind of assessment it reviews.
"""

from dataclasses import dataclass

from carershub.assessments import forms
from carershub.assessments.situations import AssessmentType


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form_class: type


CARING_ROLE = Section("caring-role", "The caring role", forms.CaringRoleForm)
ABLE_AND_WILLING = Section("able-and-willing", "Able and willing to care", forms.AbleAndWillingForm)
OWN_HEALTH = Section("own-health", "Their own health", forms.OwnHealthForm)
OUTCOMES = Section("outcomes", "Day-to-day outcomes", forms.OutcomesForm)
WELLBEING = Section("wellbeing", "Wellbeing", forms.WellbeingForm)
WORK_EDUCATION = Section(
    "work-education-recreation",
    "Work, education, training and recreation",
    forms.WorkEducationRecreationForm,
)
WHAT_MATTERS = Section("what-matters", "What matters to them", forms.WhatMattersForm)
PEOPLE_INVOLVED = Section("people-involved", "People they want involved", forms.PeopleInvolvedForm)

APPROPRIATENESS = Section(
    "appropriateness", "Whether caring is appropriate", forms.AppropriatenessForm
)
TASKS_FOR_AGE = Section("tasks-for-age", "Tasks for their age", forms.TasksForAgeForm)
EDUCATION_AND_DEVELOPMENT = Section(
    "education-and-development", "Education and development", forms.EducationAndDevelopmentForm
)
YOUNG_CARER_HEALTH = Section(
    "health-and-wellbeing", "Health and wellbeing", forms.YoungCarerHealthForm
)
YOUNG_CARER_WISHES = Section("wishes", "What they want", forms.YoungCarerWishesForm)

FAMILY = Section("family", "The child and the family", forms.FamilyForm)
CHANGES = Section("changes", "What has changed", forms.ChangesForm)
QUALITY_OF_LIFE = Section("quality-of-life", "Quality of life", forms.QualityOfLifeForm)
WHOLE_FAMILY = Section("whole-family", "The whole family", forms.WholeFamilyForm)
TRANSITION_CONDITIONS = Section(
    "transition-conditions",
    "Conditions for a transition assessment",
    forms.TransitionConditionsForm,
)

# The regulation 3 sections: a carer's assessment and the transition assessments (which look
# ahead to 18) ask the questions the eligibility criteria turn on.
# Every Care Act carer's assessment looks at the whole family, and at any child involved in caring
# (SI 2014/2827 reg 4).
ADULT = (
    CARING_ROLE,
    ABLE_AND_WILLING,
    OWN_HEALTH,
    OUTCOMES,
    WELLBEING,
    WORK_EDUCATION,
    WHAT_MATTERS,
    PEOPLE_INVOLVED,
    WHOLE_FAMILY,
)

# Adult carers of adults are also asked the six quality-of-life questions (scored by the ASCOF 1D
# method), at assessment and at each review, so the change can be seen.
ADULT_WITH_QUALITY_OF_LIFE = (*ADULT, QUALITY_OF_LIFE)

SECTIONS = {
    AssessmentType.ADULT_CARER: ADULT_WITH_QUALITY_OF_LIFE,
    AssessmentType.SUPPORTED_SELF: ADULT_WITH_QUALITY_OF_LIFE,
    # A transition assessment first records the conditions of Care Act s60 or s63 that make it due.
    AssessmentType.YOUNG_CARER_TRANSITION: (TRANSITION_CONDITIONS, *ADULT),
    AssessmentType.CHILDS_CARER_TRANSITION: (TRANSITION_CONDITIONS, *ADULT),
    AssessmentType.YOUNG_CARER: (
        CARING_ROLE,
        APPROPRIATENESS,
        TASKS_FOR_AGE,
        EDUCATION_AND_DEVELOPMENT,
        YOUNG_CARER_HEALTH,
        YOUNG_CARER_WISHES,
        PEOPLE_INVOLVED,
    ),
    AssessmentType.PARENT_CARER: (
        CARING_ROLE,
        ABLE_AND_WILLING,
        FAMILY,
        OWN_HEALTH,
        WELLBEING,
        WORK_EDUCATION,
        WHAT_MATTERS,
        PEOPLE_INVOLVED,
    ),
}


def sections_for(assessment_type, reviewed_type=None):
    """The sections of one kind of assessment, in order."""
    if assessment_type == AssessmentType.REVIEW:
        return (CHANGES, *SECTIONS[AssessmentType(reviewed_type)])
    return SECTIONS[AssessmentType(assessment_type)]


def section_for(assessment, slug):
    for section in sections_for(assessment.type, assessment.reviewed_type or None):
        if section.slug == slug:
            return section
    return None
