"""One module per public source; each knows its own file format and nothing about the others."""
