"""The trust audit: rules, the phrases they look for, and the reports made from their findings."""
