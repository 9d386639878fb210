"""Elasticsearch 8 with analyzers for Chinese.

Public search sends text that jieba has already segmented (SearchDocument.title_tokens/tokens), so its
fields use `govcms_segmented`: split on the spaces jieba put in, fold full-width forms and case. Every other
text field (Wagtail's own page index, used by the admin's search) uses the built-in `cjk` analyzer, which
indexes Chinese as overlapping character pairs. Both are part of Elasticsearch itself: the cluster needs no
plugin. A cluster with analysis-smartcn or IK installed can use it for the admin by overriding the `default`
analyzer in INDEX_SETTINGS (see docs/search.md).
"""

from copy import deepcopy

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.utils import deep_update

CHINESE_ANALYSIS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "govcms_segmented": {"type": "custom", "tokenizer": "whitespace", "filter": ["cjk_width", "lowercase"]},
                "default": {"type": "cjk"},
            }
        }
    }
}


class ChineseElasticsearch8SearchBackend(Elasticsearch8SearchBackend):
    settings = deep_update(deepcopy(Elasticsearch8SearchBackend.settings), CHINESE_ANALYSIS)


SearchBackend = ChineseElasticsearch8SearchBackend
