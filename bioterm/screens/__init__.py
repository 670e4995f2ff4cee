"""One module per screen; list screens are imported only when first shown."""
