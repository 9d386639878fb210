"""The demo sites, portal first: a fictional city (示例市), two counties and a department.

Names, numbers, people and addresses are fictional. The State Council
opinion of 2014 (国办发〔2014〕57号) is real and quoted from public reporting.
"""

from demo.content import jiaoyu, portal, qingshan, yunxi

PORTAL = portal.SITE
SUBSITES = (qingshan.SITE, yunxi.SITE, jiaoyu.SITE)
SITES = (PORTAL, *SUBSITES)
