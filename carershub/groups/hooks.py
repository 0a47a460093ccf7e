"""What the groups app plugs in when the hub starts: its message templates,
added to the outbox's.
"""

from carershub.groups import messages

messages.register()
