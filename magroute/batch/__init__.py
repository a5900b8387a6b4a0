"""The nightly batch: the pickup queue in, tomorrow's routes and the next queue out."""
