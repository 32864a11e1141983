import LecternMarkdown

/// A GFM table as a real PowerPoint table (`a:tbl` in a `p:graphicFrame`): one cell per source cell, the
/// header row bold on the theme's tint, column alignment kept, widths shared by the columns' text lengths.
struct TableFrame {
  var table: Table
  var width: Double
  var body: TextBody
  /// The live annotation of a DORA benchmark table: an extra "Now" column and the current tiers marked.
  var annotation: BenchmarkCells?

  var rows: [Table.Row] { [table.header] + table.rows }
  var cellPadding: Double { body.style.fontSize * body.scale * 0.3 }
  var fontSize: Double { body.style.fontSize * body.scale * body.style.tableScale }

  /// Column widths in pixels: proportional to each column's longest text, none narrower than a third of a share.
  var columnWidths: [Double] {
    let count = max(table.columnCount, 1)
    var lengths = (0..<count).map { column in
      rows.map { $0.cells.indices.contains(column) ? Double($0.cells[column].text.count) : 0 }.max() ?? 0
    }
    if let annotation { lengths.append(Double((annotation.now + ["Now"]).map(\.count).max() ?? 3)) }
    let floor = (lengths.reduce(0, +) / Double(count)) / 3
    let weights = lengths.map { max($0, floor, 1) }
    let sum = weights.reduce(0, +)
    return weights.map { width * $0 / sum }
  }

  /// The rows' estimated heights.
  var rowHeights: [Double] {
    let widths = columnWidths
    return rows.map { row in
      let lines =
        row.cells.enumerated().map { index, cell -> Int in
          let perLine = max(1, Int((widths[min(index, widths.count - 1)] - cellPadding * 2) / (fontSize * 0.52)))
          return max(1, (cell.text.count + perLine - 1) / perLine)
        }.max() ?? 1
      return Double(lines) * fontSize * 1.25 + cellPadding * 2
    }
  }

  var height: Double { rowHeights.reduce(0, +) }

  /// The table's `p:graphicFrame`, its id and name from `tree`.
  func xml(frame: Frame, runs: InlineRuns, tree: inout ShapeTree) -> String {
    // Cell text runs carry link placeholders that the slide part swaps for its relationship ids.
    let id = tree.takeID()
    let widths = columnWidths
    let grid = widths.map { XMLText.element("a:gridCol", [("w", EMU.px($0).description)]) }.joined()
    var rowsXML = ""
    for (index, (row, height)) in zip(rows, rowHeights).enumerated() {
      var cells = ""
      for column in 0..<widths.count {
        var content = row.cells.indices.contains(column) ? runs.runs(row.cells[column].inlines) : []
        var current = false
        if let annotation, column == table.columnCount {
          content = [TextRun(text: index == 0 ? "Now" : annotation.now[index - 1], bold: true)]
        } else if let annotation, index > 0 {
          current = annotation.current[index - 1] == column
        }
        cells += cellXML(content, column: column, header: index == 0, band: index % 2 == 0, current: current)
      }
      rowsXML += XMLText.element("a:tr", [("h", EMU.px(height).description)], cells)
    }
    let tbl = XMLText.element(
      "a:tbl", [], XMLText.element("a:tblPr", [("firstRow", "1"), ("bandRow", "1")]) + grid.wrapped("a:tblGrid") + rowsXML)
    let nv =
      XMLText.element("p:cNvPr", [("id", String(id)), ("name", "Table \(id)")])
      + "<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/>"
    let graphic = XMLText.element(
      "a:graphic", [], XMLText.element("a:graphicData", [("uri", "http://schemas.openxmlformats.org/drawingml/2006/table")], tbl))
    return XMLText.element(
      "p:graphicFrame", [], nv.wrapped("p:nvGraphicFramePr") + frame.xfrm("p:xfrm") + graphic)
  }

  private func cellXML(_ runs: [TextRun], column: Int, header: Bool, band: Bool, current: Bool) -> String {
    var textRuns = runs
    if header || current {
      textRuns = textRuns.map {
        var r = $0; r.bold = true; return r
      }
    }
    var paragraph = TextParagraph(runs: textRuns)
    if column < table.alignments.count {
      paragraph.alignment = [.center: .center, .right: .right][table.alignments[column]] ?? .left
    }
    var cellBody = body
    cellBody.scale = body.scale * body.style.tableScale
    let bodyXML = cellBody.xml([paragraph], tag: "a:txBody")
    let margin = EMU.px(cellPadding).description
    let line = XMLText.element(
      "a:lnB", [("w", header ? "25400" : "9525")], (header ? body.style.accent : body.style.text).solidFill)
    let style = body.style
    let fill =
      current
      ? style.accent.mixed(with: style.background, 0.55).solidFill
      : header
        ? style.accent.mixed(with: style.background, 0.85).solidFill
        : (band ? "<a:noFill/>" : style.text.mixed(with: style.background, 0.95).solidFill)
    let properties = XMLText.element(
      "a:tcPr", [("marL", margin), ("marR", margin), ("marT", margin), ("marB", margin), ("anchor", "ctr")],
      "<a:lnL w=\"0\"><a:noFill/></a:lnL><a:lnR w=\"0\"><a:noFill/></a:lnR><a:lnT w=\"0\"><a:noFill/></a:lnT>" + line + fill)
    return XMLText.element("a:tc", [], bodyXML + properties)
  }
}
