"""Section inference for articles without headings: boundaries, then titles."""

from exporter.parsers.sections.planner import SectionPlan, infer_sections
from exporter.parsers.sections.titles import infer_title

__all__ = ["SectionPlan", "infer_sections", "infer_title"]
