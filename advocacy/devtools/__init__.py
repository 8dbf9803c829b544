"""Developer tools: a local fake of the public APIs (for tests and `make demo`) and the demo runner."""
