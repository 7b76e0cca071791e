"""Generated data: the demo area Northvale, its journeys, and sized areas for the bench."""
