import LecternDORA

/// RFC 4180 CSV: quoted fields with `""` escapes, commas and line breaks inside quotes, CRLF or LF.
///
/// Rows come with the physical line they start on and the column each field starts at, so errors can
/// name them. A byte-level reader: ingesting a million records must not be dominated by CSV splitting.
struct CSVReader {
  struct Row {
    var fields: [String]
    var line: Int
    /// 1-based byte column where each field starts (on the line it starts on).
    var columns: [Int]
    /// The line and column just past the last field.
    var endLine: Int
    var endColumn: Int
  }

  enum Failure: Error {
    case unterminatedQuote(line: Int, column: Int)
    case quoteInUnquotedField(line: Int, column: Int)
    case textAfterClosingQuote(line: Int, column: Int)
  }

  /// Calls `body` for each row (the header included) in order.
  static func read(_ bytes: [UInt8], _ body: (Row) throws -> Void) throws {
    var i = 0
    let n = bytes.count
    var line = 1
    var lineStart = 0
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    var fields: [String] = []
    var columns: [Int] = []
    var rowLine = 1
    var field: [UInt8] = []
    while i < n {
      // Start of a field.
      columns.append(i - lineStart + 1)
      if bytes[i] == 0x22 {
        let quoteLine = line
        let quoteColumn = i - lineStart + 1
        i += 1
        var closed = false
        while i < n {
          let b = bytes[i]
          if b == 0x22 {
            if i + 1 < n, bytes[i + 1] == 0x22 {
              field.append(0x22)
              i += 2
              continue
            }
            closed = true
            i += 1
            break
          }
          if b == 0x0A {
            line += 1
            lineStart = i + 1
          }
          field.append(b)
          i += 1
        }
        guard closed else { throw Failure.unterminatedQuote(line: quoteLine, column: quoteColumn) }
        guard i >= n || bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else {
          throw Failure.textAfterClosingQuote(line: line, column: i - lineStart + 1)
        }
      } else {
        let start = i
        while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
          if bytes[i] == 0x22 { throw Failure.quoteInUnquotedField(line: line, column: i - lineStart + 1) }
          i += 1
        }
        field.append(contentsOf: bytes[start..<i])
      }
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      if i < n, bytes[i] == 0x2C {
        i += 1
        if i == n {
          columns.append(i - lineStart + 1)
          fields.append("")
        }
        continue
      }
      // End of row.
      let row = Row(fields: fields, line: rowLine, columns: columns, endLine: line, endColumn: i - lineStart + 1)
      if i < n, bytes[i] == 0x0D { i += 1 }
      if i < n, bytes[i] == 0x0A { i += 1 }
      if !(fields.count == 1 && fields[0].isEmpty) { try body(row) }
      fields.removeAll(keepingCapacity: true)
      columns.removeAll(keepingCapacity: true)
      line += 1
      lineStart = i
      rowLine = line
    }
    if !fields.isEmpty, !(fields.count == 1 && fields[0].isEmpty) {
      try body(Row(fields: fields, line: rowLine, columns: columns, endLine: line, endColumn: i - lineStart + 1))
    }
  }

  /// The line and column of every byte sequence that is not UTF-8 (empty for valid text).
  static func invalidUTF8(_ bytes: [UInt8]) -> [(line: Int, column: Int, byte: UInt8)] {
    if String(validating: bytes, as: UTF8.self) != nil { return [] }
    var found: [(line: Int, column: Int, byte: UInt8)] = []
    var line = 1
    var lineStart = 0
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        // Lines end as rows do: LF, CRLF or a lone CR (found by FuzzRecords: a lone CR shifted the lines here).
        if b == 0x0A || (b == 0x0D && (i + 1 == n || bytes[i + 1] != 0x0A)) {
          line += 1
          lineStart = i + 1
        }
        i += 1
        continue
      }
      let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0
      if length > 0, i + length <= n, String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil {
        i += length
        continue
      }
      found.append((line, i - lineStart + 1, b))
      i += 1
    }
    return found
  }
}
