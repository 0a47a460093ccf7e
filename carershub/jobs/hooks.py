"""What the jobs app plugs in when the hub starts: the check of the timetable
(``manage.py check``).
"""

from carershub.jobs import checks  # noqa: F401 - registers the timetable check
