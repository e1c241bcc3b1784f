"""Windows, dialogs and widgets (Qt)."""
