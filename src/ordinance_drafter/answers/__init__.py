"""Stage 3, answers: what the user chose, checked against the library.

``schema`` is the answers file format, ``sets`` the ``--set`` overrides, ``sources`` the
order in which answers are merged, ``resolve`` the check against the library that yields a
:class:`~ordinance_drafter.answers.resolve.Resolved` set of choices, ``jurisdiction`` the
vocabulary that follows from the jurisdiction, ``store`` saving an answers file.
"""
