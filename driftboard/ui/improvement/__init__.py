"""The improvement board's views, one module a part of the page: ``board`` (the PDCA kanban,
new cards, standards, the shared screen), ``card`` (the card dialog), ``matrix``, ``coordination``
and ``pareto``. The rules live in ``driftboard.improvement``; every click goes to one service call
through ``run_intent``."""
