"""Quality checks of a clause library: ``lint-library`` and the provisions' samples."""
