"""Public references for records, such as C-7KQ2-MX9P: unguessable and easy to read aloud."""

import secrets

# Unambiguous characters only (no 0/O, 1/I/L), so a reference read over the phone is typed right.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def make_reference(prefix, rng=None):
    """``prefix`` and eight random characters in two groups (31**8, about 8.5e11, possibilities)."""
    choose = rng.choice if rng is not None else secrets.choice
    chars = "".join(choose(ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"
