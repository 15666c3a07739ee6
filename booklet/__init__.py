"""booklet: turn a folder of words and pictures into a print-ready commemorative booklet."""

__version__ = "0.1.0"
