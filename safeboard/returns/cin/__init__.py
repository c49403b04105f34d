"""Reading a CIN census file, one child at a time (lxml iterparse, nothing kept behind).

Accepts the DfE layouts from 2017/18 on: the child's sex is `GenderCurrent` in the
older schemas and `Sex` in the newer. Every structural error of the file is collected;
the caller rejects the file if there is any.

Each child is read twice over only when it needs to be: a quick reading takes the
child as it stands when every value is exactly a date or code the census allows, and
on the first thing it does not accept as is (a missing element, an unknown code, a
padded or impossible date, an end before its start) it leaves the child to the
checking reading, which goes through it field by field and reports every problem.
The quick reading never accepts what the checking one would refuse, and both give the
same values (a test holds them to that).

The quick reading, the ingest's tuned path, is a module of its own (`quick`), beside the
checking reading (`checking`), what both share (`common`) and the reading of a file
(`reading`).
"""

from .common import parse_date
from .reading import read_cin

__all__ = [
    "parse_date",
    "read_cin",
]
