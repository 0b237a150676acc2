"""salestrain: interactive courseware for 营销体系建设 (Building a Marketing System).

Layers, left to right: `salestrain.content` (course data) → model modules (pure Python) →
`salestrain.widgets` (thin ipywidgets views) → notebooks → the course site. Importing the
package is cheap: heavy libraries load only when a function that needs them runs.
"""

from salestrain.i18n import get_language, language, set_language

__version__ = "0.1.0"
__all__ = ["__version__", "get_language", "language", "set_language"]
