"""Decision module for the guideline "Treatment of foot drop due to disc herniation".

Pure Python, standard library only: it runs on CPython and, unchanged, under
Pyodide in the browser.
"""

from .api import assess, respond
from .findings import InvalidFindings, parse_findings
from .rules import assess_findings
from .schema import findings_schema

__version__ = "2.0.0"
__all__ = ["InvalidFindings", "assess", "assess_findings", "findings_schema", "parse_findings", "respond"]
