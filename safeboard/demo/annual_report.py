"""The demo partnership's 2017-18 annual report: the narrative its authors wrote.

The foreword and the next steps are the seed report's own words, abridged; every figure
in the report comes from the records the modules load, never from this text.
"""

from safeboard.annual import services
from safeboard.core.models import Partnership, Person

FOREWORD = """\
It is with real pleasure that I write this foreword to the Local Safeguarding Children
Board's Annual Report. This is my fifth year as Independent Chair of the Board, a period
in which real and demonstrable change and development has taken place.

The priorities for the Board in this period remained unchanged from the year before. Real
progress has been made:

- The "Think family" approach, working across both the Adults' and Children's Boards, was
  developed throughout the year.
- Neglect has been a continuing key theme for attention, building on the successful
  earlier partnership work.
- Improving the lives of vulnerable young people has been a key priority. The Board set
  out to constructively challenge the reshaping of the front door, MASH services and the
  concentration on helping to avoid the need for young people to come into the care system.
- The Quality Assurance work of the Board has been greatly enhanced by a new approach to
  the Section 11 audit process.

We are particularly keen on ensuring that we hear the voices of children and young people
in the City so that we understand better what helps to keep them safe.
"""

NEXT_STEPS = """\
Southampton Local Safeguarding Children Board has had a productive and challenging year.
Real progress has been made on its priorities, and there is further work to do in some
areas to embed them. The Board will consider the learning gained during the year from its
case review and quality assurance work as part of the review of the business plan in
autumn 2018.

The changes to the safeguarding system set out in Working Together 2018 will be
implemented as part of our review of the Board, ensuring that any changes positively add
to our collective ability to safeguard and protect children in the City.
"""


def load(founder: Person, partnership: Partnership) -> None:
    report = services.report_create(actor=founder, partnership=partnership, year=2017)
    for key, body in (("foreword", FOREWORD), ("next-steps", NEXT_STEPS)):
        section = report.authored.get(key=key)
        services.authored_section_update(
            actor=founder,
            section=section,
            expected_version=section.version,
            title=section.title,
            body=body,
        )
