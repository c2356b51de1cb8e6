"""Reading inspection content from disk into validated models."""
