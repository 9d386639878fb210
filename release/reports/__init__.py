"""The release process's reports: 发布审核记录 (the audit log) and 信息报送统计 (statistics).

* views: the two Wagtail report views, and what lets site staff in (used by other apps' reports too);
* statistics: the counting behind 信息报送统计;
* scoping: the pages and log entries of a site, deleted pages included, and those a user may see;
* hooks: the report URLs and menu entries, registered in release/wagtail_hooks.py.
"""
