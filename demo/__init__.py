"""The demo site group loaded by `manage.py load_demo` (see docs/demo.md).

`spec` describes what a demo site holds, `content` holds the sites and their
articles as plain data, `files` draws the images and documents locally, and
`loader` puts it all into the database with `policies`, `users`, `mailbox`
(letters) and `submissions` (信息报送). The app sits above every other one and
nothing imports it; production installs it only with GOVCMS_DEMO=true.
"""
