"""Stage 4, the interview: questions worked out from the library, asked on a terminal.

``questions`` defines a question and its options; ``parse`` turns what the user typed into
an answer; ``answered`` holds the answers so far and what follows from them;
``compose`` builds the questions from the library; ``questionnaire`` decides what to ask
and checks each answer (no terminal); ``display`` shows a question on a Rich console;
``terminal`` asks the questions; ``describe`` shows one provision in full for ``?``.
"""
