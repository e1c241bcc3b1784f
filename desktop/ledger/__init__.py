"""Ledger rules without Qt: node kinds and statuses, the field registry, numbering, the 四有
check, deadlines and overdue."""
