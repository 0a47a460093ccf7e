"""Carers Hub: identify, register, assess and support unpaid carers across a local partnership."""
