"""``exporter check``: are the built outputs sound?"""
