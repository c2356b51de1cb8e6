"""The annual report's computed exhibits, a module per subject; registry.py lists them."""
