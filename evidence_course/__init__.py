"""Shared code for the teaching collection on Chapter 3 of *Cyber crime: A review of the evidence*
(McGuire and Dowling, 2013): loading the data package, statistics, widgets, plotting style,
and the content note every notebook shows.
"""
from .data import DataError, data_file, fact, fact_value, load_table, package, resource, table_names, validate, validate_all
from .style import PALETTE, show_figure, use_course_style
from .text import show_content_note, show_terminology

__all__ = [
    "DataError", "data_file", "fact", "fact_value", "load_table", "package", "resource", "table_names", "validate", "validate_all",
    "PALETTE", "use_course_style", "show_figure", "show_content_note", "show_terminology",
]
