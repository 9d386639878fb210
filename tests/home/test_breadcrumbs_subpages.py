"""Every routable sub-page and filtered view names itself as the last step of the breadcrumb."""

import pytest

from tests.home.pages import breadcrumb, fetch

COUNTY = "county-a.localhost"


@pytest.mark.parametrize(
    ("url", "trail"),
    [
        ("/hdjl/zmhdxx/", ["首页", "互动交流", "政民互动信箱"]),
        ("/hdjl/zmhdxx/write/", ["首页", "互动交流", "政民互动信箱", "我要写信"]),
        ("/hdjl/zmhdxx/lookup/", ["首页", "互动交流", "政民互动信箱", "办理查询"]),
        ("/hdjl/zmhdxx/statistics/", ["首页", "互动交流", "政民互动信箱", "统计数据"]),
        ("/zwgk/zcwj/", ["首页", "政务公开", "政策文件"]),
        ("/zwgk/zcwj/?validity=repealed", ["首页", "政务公开", "政策文件", "筛选结果"]),
        ("/zwgk/zcjd/?kind=expert", ["首页", "政务公开", "政策解读", "专家解读"]),
        ("/zwgk/xxgkml/", ["首页", "政务公开", "政府信息公开目录"]),
        ("/zwgk/xxgkml/?category=decision", ["首页", "政务公开", "政府信息公开目录", "决策公开"]),
        ("/sitemap/", ["首页", "网站地图"]),
        ("/search/?q=政府", ["首页", "站内搜索"]),
    ],
)
def test_sub_pages_name_themselves_in_the_breadcrumb(client, site_group, url, trail):
    soup = fetch(client, url, host=COUNTY)
    assert breadcrumb(soup) == trail
    assert " ".join(soup.select_one('nav.breadcrumbs [aria-current="page"]').get_text().split()) == trail[-1]
