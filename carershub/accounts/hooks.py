"""What the accounts app plugs in when the hub starts:
its answer to django-axes's lockout signal.
"""

from axes.signals import user_locked_out

from carershub.accounts.security import on_locked_out

user_locked_out.connect(on_locked_out, dispatch_uid="carershub.accounts.security.on_locked_out")
