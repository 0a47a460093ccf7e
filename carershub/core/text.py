"""Text that must stay on one line: email subjects, HTTP headers, download file names.

A line feed or carriage return in a group's name, an organisation's name or a reference would
start a new header line (header injection) or, in Django, refuse the whole response. Such text
goes through ``one_line`` (or ``download_name``) on its way out, whatever was stored.
"""

import re
import unicodedata

from django.utils.http import content_disposition_header

_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(value):
    """``value`` as text with every line break and control character made a single space."""
    return _BREAKS_AND_CONTROLS.sub(" ", str(value if value is not None else "")).strip()


def download_name(name, *, fallback="download"):
    """A file name safe in a Content-Disposition header and a downloads folder: one line, no path
    separators or quotes, no leading dot."""
    text = unicodedata.normalize("NFC", one_line(name))
    text = re.sub(r'[\\/"<>:|?*;]+', "-", text).strip(" .-")
    return text[:150] or fallback


def set_download(response, filename, *, inline=False):
    """Name the file a response downloads as (``attachment``, or ``inline`` for a feed)."""
    response["Content-Disposition"] = content_disposition_header(
        not inline, download_name(filename)
    )
    return response
