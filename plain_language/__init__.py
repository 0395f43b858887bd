"""The plain-language checker, and the other checks that read the pages.

Beside the data contract (``content_model``), which it reads: it measures every
patient text in ``data/`` and in ``docs/`` and reports what is hard to read,
with file and line (``make readability``, and ``make check`` through
``python -m content_model check``).

* readability.py: the reading level of each text and page, the report and its limits;
* clarity.py and step_verbs.py: the clarity checks (sentence length, one action per
  step, lists, jargon, vague phrases);
* data_text.py: the patient texts of the data files, with their places in the files;
* page_prose.py: the prose of each Markdown page, read with the extensions in mkdocs.yml;
* located_text.py: text that knows where each of its words stands in its file;
* page_html.py: HTML in a page that could run code or send a patient elsewhere (it reads
  the pages the same way as page_prose.py).

This package imports Markdown, Jinja and MkDocs; content_model does not.
"""
