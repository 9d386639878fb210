"""The demo sites, portal first: a fictional city (示例市), two counties, a department and a special topic.

Names, numbers, people and addresses are fictional. The State Council
opinion of 2014 (国办发〔2014〕57号) is real and quoted from public reporting.
"""

from demo.content import jiaoyu, portal, qingshan, yingshang, yunxi

PORTAL = portal.SITE
SUBSITES = (qingshan.SITE, yunxi.SITE, jiaoyu.SITE, yingshang.SITE)
SITES = (PORTAL, *SUBSITES)
