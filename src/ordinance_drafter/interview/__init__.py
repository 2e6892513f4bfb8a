"""Stage 4, the interview: questions worked out from the library, asked on a terminal.

``questionnaire`` decides what to ask and checks each answer (no terminal); ``terminal``
asks on a Rich console; ``describe`` shows one provision in full for ``?``.
"""
