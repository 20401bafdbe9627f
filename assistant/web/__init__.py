"""The web interface (Gradio). Importing it turns Gradio's usage analytics off, before Gradio is loaded."""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
