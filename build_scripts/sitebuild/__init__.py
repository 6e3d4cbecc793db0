"""The site build's library: what the MkDocs hooks in build_scripts/hooks/ call.

Each module holds one kind of thing: `paths` (where each output goes), `facts` (about the build in
progress), `guideline` (reading the Markdown), `pages` (what the shortcodes render), `form`,
`flowchart`, `test_cases`, `runtime` (Pyodide, the wheel, the snapshot), `handout` (the PDF),
`offline_copy` (the zip), `service_worker`, `browser` and `static_server`.
"""
