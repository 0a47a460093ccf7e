"""What the partnership answers for core: the helpline's opening times on the too-many-attempts
page.
"""

from carershub.core import ratelimits
from carershub.partnerships import selectors


@ratelimits.helpline_opening_times.answer_with
def helpline_opening_times():
    return selectors.helpline_opening_times(selectors.current_partnership())
