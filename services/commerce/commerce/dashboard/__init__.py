"""The business at a glance: sales, refunds, top products and low stock, by SQL over the real tables."""
