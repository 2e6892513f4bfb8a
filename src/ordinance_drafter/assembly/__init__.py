"""Stage 5, assembly: resolved answers + clause library -> the document model.

``assemble`` runs the clause templates, numbers sections, resolves cross-references and
attaches notes; ``markup`` parses the rendered text; ``terms`` finds the definitions the
text uses; ``model`` is the typed document every renderer reads.
"""
