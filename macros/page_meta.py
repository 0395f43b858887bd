"""Page-meta keys the macros and hooks share, each named once."""

# Whether the build adds the call to action at the end of a page (true unless set). False where
# the page places it itself: front matter (`call_to_action: false`), a {{ call_to_action() }}
# marker, or a macro whose printed footer holds it (handouts, the handout builder, drill pages).
CALL_TO_ACTION = "call_to_action"

# Whether the build adds the urgent-care box ("Call 911 or go to the emergency room if ...") at the
# end of a page, before the call to action (true unless set, when data/clinic.yml has urgent_care).
# False where the page places it itself (drill pages, handouts, the handout builder) or where a
# page is only a list of other pages (front matter `urgent_care: false`: home, indexes).
URGENT_CARE = "urgent_care"

# Whether Material's site search box is in the page's header (true unless set). False where the page
# has a finder of its own (the handout builder's "Find a drill"): two search boxes on one page would
# confuse, and Material's script loads the whole site's search index at start wherever the box is
# (hooks/site_search_box.py takes it out).
SITE_SEARCH = "site_search"
