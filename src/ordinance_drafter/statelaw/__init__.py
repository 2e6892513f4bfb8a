"""Stage 2, the state-law layer: what each state's law says about separation ordinances.

``data`` reads ``states/`` and ``federal.yaml`` of a library (on first use), ``flags``
answers "what should a user in state X know about provision Y?", ``describe`` writes a
state's summary for the terminal.
"""

from .describe import state_notice
from .flags import provision_flags

__all__ = ["provision_flags", "state_notice"]
