"""Section inference for articles without headings: boundaries and titles."""
