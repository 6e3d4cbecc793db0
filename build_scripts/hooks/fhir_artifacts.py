"""MkDocs hook: write the FHIR artifacts into the downloads (`sitebuild.fhir`); a problem fails the build.
Runs before the offline zip and the service worker, which both hold them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.fhir import write_plan_definition, write_questionnaire


def on_post_build(config: MkDocsConfig) -> None:
    try:
        write_questionnaire(Path(config.site_dir))
        write_plan_definition(Path(config.site_dir))  # after the shortcodes hook wrote the statements' index
    except ValueError as problem:
        raise PluginError(str(problem)) from problem
