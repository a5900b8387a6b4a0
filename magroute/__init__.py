"""magroute: plan pickups of end-of-life rare-earth magnets across India.

Data flow: inputs -> domain.Problem -> travel -> solver -> domain.Plan -> analysis/export -> cli.
"""

__version__ = "0.1.0"
