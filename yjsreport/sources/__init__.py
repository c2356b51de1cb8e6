"""Reading source files: text as UTF-8 and YAML with positions, each failure a located
Problem. The bottom layer: content/ and framework/ both read through it."""
