"""The quality-of-life wording a partnership loaded, read by the section form that asks it and by
the pages; apart from the selectors, which read the sections, which read the forms."""

from carershub.assessments.models import QuestionSet


def current_question_set(partnership_id):
    """The quality-of-life wording the partnership loaded last, with its questions, or None."""
    return (
        QuestionSet.objects.filter(partnership_id=partnership_id, is_current=True)
        .prefetch_related("questions")
        .order_by("-loaded_at")
        .first()
    )
