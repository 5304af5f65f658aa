"""High-precision patterns, one module per family; they fire rarely but are almost always right, so their
candidates get a higher confidence than generic wh-questions and often come in both directions."""
