"""What `check` tells authors and reviewers: each inspection's state, and change."""
