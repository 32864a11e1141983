import Foundation
import LecternMarkdown

/// Tables as CSV (RFC 4180) or as clean GFM pipe tables.
public enum TableExport {
  /// Header row first; cells quoted when they hold a comma, quote or line break; CRLF line ends.
  public static func csv(_ table: Table) -> String {
    var out = ""
    for row in [table.header] + table.rows {
      out += row.cells.map { quote($0.text) }.joined(separator: ",")
      out += "\r\n"
    }
    return out
  }

  private static func quote(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A pipe table with every row padded to the header's width and pipes in cells escaped.
  public static func markdown(_ table: Table) -> String {
    let columns = table.columnCount
    func line(_ cells: [String]) -> String {
      let padded = cells + Array(repeating: "", count: max(0, columns - cells.count))
      return "| " + padded.prefix(columns).map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    var lines = [line(table.header.cells.map(\.text))]
    lines.append(
      "|"
        + table.alignments.map { a -> String in
          switch a {
          case .none: " --- "
          case .left: " :-- "
          case .center: " :-: "
          case .right: " --: "
          }
        }.joined(separator: "|") + "|")
    for row in table.rows { lines.append(line(row.cells.map(\.text))) }
    return lines.joined(separator: "\n") + "\n"
  }
}
