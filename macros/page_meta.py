"""Page-meta keys the macros and hooks share, each named once."""

# Whether the build adds the call to action at the end of a page (true unless set). False where
# the page places it itself: front matter (`call_to_action: false`), a {{ call_to_action() }}
# marker, or a macro whose printed footer holds it (handouts, the handout builder, drill pages).
CALL_TO_ACTION = "call_to_action"
