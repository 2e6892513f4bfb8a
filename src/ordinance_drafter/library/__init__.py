"""Stage 1, the clause library: its YAML read and validated into records, its templates.

``load_library()`` returns the validated :class:`Library`; later stages never read the
library's YAML themselves. Modules: ``yamlio`` (safe YAML and one-paragraph messages),
``schema`` (what each file may hold, as pydantic models), ``values`` (checks of user values),
``templates`` (the sandboxed Jinja2 environment), ``notes`` (note parts), ``loader``.
"""
