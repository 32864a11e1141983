#!/usr/bin/env python3
"""Reads a .pptx back with python-pptx and prints what a test compares with the deck as JSON:
the slide size, and per slide its title, table cells (row by row), notes text, text and picture count."""
import json
import sys

from pptx import Presentation


def slide_summary(slide):
    tables, texts, pictures = [], [], 0
    for shape in slide.shapes:
        if shape.has_table:
            tables.append([[cell.text for cell in row.cells] for row in shape.table.rows])
        elif shape.has_text_frame:
            texts.append(shape.text_frame.text)
        elif shape.shape_type == 13:
            pictures += 1
    title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else None
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None
    return {"title": title, "tables": tables, "notes": notes, "texts": texts, "pictures": pictures}


def main(path):
    deck = Presentation(path)
    print(json.dumps({
        "width": deck.slide_width, "height": deck.slide_height,
        "title": deck.core_properties.title,
        "slides": [slide_summary(s) for s in deck.slides],
    }))


if __name__ == "__main__":
    main(sys.argv[1])
