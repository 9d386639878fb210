"""The page cache: public pages served from a shared cache, renewed when what they show changes.

pagecache.middleware answers and stores; pagecache.wagtail_hooks says which pages may be stored;
pagecache.generations keys entries by site; pagecache.invalidation renews sites and purges the proxy;
deploy/nginx/govcms.conf is the proxy. docs/operations.md, "Page cache".
"""
