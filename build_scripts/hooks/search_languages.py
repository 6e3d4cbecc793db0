"""MkDocs hook: drop the lunr language packs an English-only search never loads.

Material copies stemmers for 30 languages into every build; the search worker
fetches one only for a configured non-English language. Leaving them out keeps
the offline copy and the service worker's precache smaller.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError


def on_post_build(config: MkDocsConfig) -> None:
    search = next((plugin for name, plugin in config.plugins.items() if name.endswith("search")), None)
    languages = search.config.lang if search else None
    if languages and set(languages) != {"en"}:
        raise PluginError(f"search languages {languages}: remove the prune_search_languages hook to keep them")
    shutil.rmtree(Path(config.site_dir) / "assets" / "javascripts" / "lunr", ignore_errors=True)
