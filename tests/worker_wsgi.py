"""The app as gunicorn serves it, plus an ``X-Worker-Pid`` header naming the process.

Only the multi-process tests serve this (tests/servers.py): production never
says which worker answered.
"""

import os

from casebook.wsgi import application as casebook_application


def application(environ, start_response):
    """``casebook.wsgi.application`` with the answering worker's pid in ``X-Worker-Pid``."""

    def start_with_pid(status, headers, exc_info=None):
        return start_response(status, [*headers, ("X-Worker-Pid", str(os.getpid()))], exc_info)

    return casebook_application(environ, start_with_pid)
