"""Reads about the worker (stub until the jobs app lands)."""


def worker_status():
    return {"ok": False, "error": "no worker has reported"}
