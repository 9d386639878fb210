"""The demo site group loaded by `manage.py load_demo` (see docs/demo.md).

`spec` describes what a demo site holds, `content` holds the sites and their
articles as plain data, `files` draws the images and documents locally, and
`loader` and `users` put it all into the database.
"""
