"""Data files of the checker (matching thresholds, name rules, labels); no code."""
