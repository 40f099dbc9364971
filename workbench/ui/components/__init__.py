"""Parts of the page: sidebar inputs, review rows, annotation, corrections, tabs."""
