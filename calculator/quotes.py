"""Sentences of the guideline that the calculator shows again, each with its own citation numbers.

The guideline's wording lives in docs/; these are quotes of it, not a second source: the site build
fails unless every quote here stands on the guideline pages word for word, with the same citation
numbers, and every item of a quoted list in the source's order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    """A sentence of the guideline as the source gives it; `items` is its list, each with its own citations."""

    text: str
    citations: tuple[int, ...] = ()
    items: tuple[Quote, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "citations": list(self.citations),
            "items": [item.to_dict() for item in self.items],
        }


SUMMARY_CLAUSE = Quote(
    "patients with severe or progressive neurologic deficits require urgent surgical decompression within "
    "hours to days to optimize nerve recovery",
    (1, 2),
)
IMAGING_WITHIN_WEEKS = Quote(
    "For isolated unilateral foot drop without red flags, imaging can be performed within 1-4 weeks if "
    "symptoms persist despite conservative care",
    (1,),
)
NATURAL_HISTORY = Quote(
    "Most patients with disc herniation and radiculopathy improve within 4 weeks with conservative care", (1,)
)
PERSISTENT_FOOT_DROP = Quote("Persistent foot drop despite conservative management", (1,))
DOCUMENTED_COMPRESSION = Quote("L5 radiculopathy with documented nerve root compression on MRI", (1, 5))
ELECTIVE_SURGERY = Quote(
    "Surgery is reasonable after 4-6 weeks for:",
    (),
    (
        PERSISTENT_FOOT_DROP,
        Quote("Significant functional impairment affecting daily activities", (4,)),
        DOCUMENTED_COMPRESSION,
    ),
)
URGENT_SURGERY = Quote(
    "Surgery should be performed urgently (within 4-24 hours) for:",
    (),
    (
        Quote("Progressive neurologic deterioration", (1,)),
        Quote("Cauda equina syndrome", (1,)),
        Quote("Bilateral foot drop from disc herniation", (3,)),
    ),
)
BILATERAL_PITFALL = Quote(
    "Do not overlook bilateral symptoms—bilateral foot drop requires urgent surgical evaluation", (3,)
)
DELAYED_SURGERY = Quote("Delayed surgery beyond several weeks may result in incomplete recovery", (1,))
TITLE = Quote("Treatment of Foot Drop Due to Disc Herniation")
DISCECTOMY_ALONE = Quote(
    "Discectomy alone (without fusion) is the standard surgical treatment for foot drop due to disc herniation", (1,)
)
FUSION_CIRCUMSTANCES = Quote(
    "Fusion should only be added in specific circumstances:",
    (),
    (
        Quote("Preoperative radiographic instability (spondylolisthesis)", (1,)),
        Quote("Recurrent disc herniation with chronic axial low-back pain", (1,)),
        Quote("Heavy manual laborers with significant preoperative axial back pain (Level IV evidence only)", (1,)),
    ),
)

PROGNOSIS = Quote(
    "Preoperative motor strength is the strongest predictor of recovery",
    (4,),
    (
        Quote("Patients with better preoperative dorsiflexion strength achieve better final outcomes", (4,)),
        Quote("Most surgical patients experience some degree of improvement", (4, 5)),
        Quote("Mean motor recovery rate of 52-53% can be expected", (6, 5)),
        Quote("Complete recovery occurs in a minority of cases", (3,)),
    ),
)

PROGRESSIVE_WEAKNESS = Quote("Progressive motor weakness (strength declining over hours to days)", (1,))
RED_FLAGS = Quote(
    "Immediate MRI is mandatory when foot drop presents with:",
    (),
    (
        PROGRESSIVE_WEAKNESS,
        Quote("Bilateral foot drop", (3,)),
        Quote("Urinary retention or bowel dysfunction (cauda equina syndrome)", (1,)),
        Quote("Multiple level motor deficits", (1,)),
    ),
)

QUOTES: tuple[Quote, ...] = (
    RED_FLAGS,
    SUMMARY_CLAUSE,
    IMAGING_WITHIN_WEEKS,
    NATURAL_HISTORY,
    ELECTIVE_SURGERY,
    URGENT_SURGERY,
    BILATERAL_PITFALL,
    DELAYED_SURGERY,
    TITLE,
    DISCECTOMY_ALONE,
    FUSION_CIRCUMSTANCES,
    PROGNOSIS,
)
