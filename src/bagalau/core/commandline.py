"""What the ``bagalau`` console command tells the settings before they load.

The read-only domain commands (working days, methodology versions, deadlines) sign
nothing and write nothing, so they run without a SECRET_KEY; ``bagalau.cli`` sets
``read_only_command`` for them alone. Serving, migrating and every other command still
require the key: nothing outside this process can set the flag.
"""

from __future__ import annotations

READ_ONLY_COMMANDS = frozenset({"calendar", "methodology", "deadlines"})

read_only_command = False
