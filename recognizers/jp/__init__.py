"""Japanese recognizers, one module per entity type (discovered by `recognizers.registry`)."""
