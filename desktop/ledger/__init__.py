"""Ledger rules without Qt: numbering, the 四有 check, deadlines and overdue."""
