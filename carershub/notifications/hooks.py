"""What the notifications app plugs in when the hub starts: the checks of its sending settings."""

from carershub.notifications import checks  # noqa: F401 - registers the settings checks
