"""Anki interop in one package, laid out like Anki's own ``import_export``.

* ``package_archive``: opening an .apkg/.colpkg safely (limits, members, media map).
* ``collection_reader``: the collection SQLite file inside it, read without trusting it.
* ``package_reading``: a package's notes → our cards (``foreign_cards``).
* ``package_writing``: the collection file of an .apkg we export.
* ``text_files``: Anki's CSV/TSV note files, both ways.
* ``field_html``: card text ↔ field HTML.
* ``notes``, ``note_types``: our cards grouped into Anki notes, and our note types.
* ``schedule``, ``review_log``: card state and review history in Anki's terms.

Its own layer between storage and services: it may use ``sqlite3`` on Anki's
files, never our database (which only ``studyapp.storage`` touches).
"""
