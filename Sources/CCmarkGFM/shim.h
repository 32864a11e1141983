#ifndef LECTERN_CCMARKGFM_SHIM_H
#define LECTERN_CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

// Node types the GFM extensions library exports but does not declare in an
// installed header (they live in its private table.h / strikethrough.h).
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

// Accessors so Swift reads these C globals through a function (Swift 6 treats C globals as shared mutable state).
static inline cmark_node_type lectern_node_type_table(void) { return CMARK_NODE_TABLE; }
static inline cmark_node_type lectern_node_type_table_row(void) { return CMARK_NODE_TABLE_ROW; }
static inline cmark_node_type lectern_node_type_table_cell(void) { return CMARK_NODE_TABLE_CELL; }
static inline cmark_node_type lectern_node_type_strikethrough(void) { return CMARK_NODE_STRIKETHROUGH; }
#endif
