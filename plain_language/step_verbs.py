"""The words that may start a step: a curated list, not a language model.

A step must start with what the patient does: "Keep your back flat.", not
"Your back should stay flat." Telling a verb from a noun in general needs a
tagger and its downloaded data; this project runs offline and keeps no such
data. So the check is deliberately narrow and honest about it:

* the first word of a step (after an optional adverb such as "slowly", or
  "do not" / "don't" / "never") must be one of ``STEP_VERBS``, the plain
  imperative verbs that home-exercise instructions use;
* a clinic adds its own verbs with ``step_verbs:`` in ``data/plain_language.yml``.

It will not recognise a verb that is missing from the list (add it), and it
cannot tell whether "Rock" is meant as a verb; at the start of a step, it is.
"""

from __future__ import annotations

# Plain verbs for movement, position and breathing, as a patient would read them
# at the start of an instruction. Keep them lowercase and one word each.
STEP_VERBS = frozenset(
    """
    add aim allow arch avoid bend begin breathe bring brace carry change check
    choose circle clasp come count cross curl do draw drop ease face feel finish
    get go grab grip hang hinge hold hook hop hug jump keep kick kneel lay lead
    lean let lie lift lock look lower make march move nod open pause place point
    press pull push put raise reach relax repeat rest return reverse rise roll
    rock rotate scoot set shift sit slide sink slip spread squat squeeze stand
    start stay step stop straighten stretch swap swing switch take tap tighten
    tilt tip touch try tuck turn twist use wait walk wrap
    """.split()
)

# Words that may come before the verb without changing that the step is an
# instruction: "Slowly rock...", "Gently pull...", "Do not arch...".
LEADING_WORDS = frozenset(
    """
    again also always carefully don't first firmly gently just lightly never
    next not now only quickly simply slowly smoothly softly steadily then
    """.split()
)

# ("Do not arch": "do" is in the verb list already.)
# Words that join a second action to the first: "Kneel on one knee and put...".
ACTION_JOINERS = frozenset({"and", "then"})
