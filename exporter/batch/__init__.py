"""``exporter batch``: convert only new and changed articles, in parallel, resumably."""
