"""Services: one function per user intent. Each validates its input, opens one write
transaction as the acting user, checks versions, writes (the audit log is written by the
session itself) and returns the new state or raises a ``DomainError``."""
