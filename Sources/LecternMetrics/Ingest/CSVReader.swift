import LecternDORA

/// RFC 4180 CSV: quoted fields with `""` escapes, commas and line breaks inside quotes, CRLF or LF.
///
/// Rows come with the physical line they start on, so errors can name it. A byte-level reader:
/// ingesting a million records must not be dominated by CSV splitting.
struct CSVReader {
  struct Row {
    var fields: [String]
    var line: Int
  }

  enum Failure: Error {
    case unterminatedQuote(line: Int)
    case quoteInUnquotedField(line: Int)
    case textAfterClosingQuote(line: Int)
  }

  /// Calls `body` for each row (the header included) in order.
  static func read(_ bytes: [UInt8], _ body: (Row) throws -> Void) throws {
    var i = 0
    let n = bytes.count
    var line = 1
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    var fields: [String] = []
    var rowLine = 1
    var field: [UInt8] = []
    while i < n {
      // Start of a field.
      if bytes[i] == 0x22 {
        let quoteLine = line
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
          if b == 0x0A { line += 1 }
          field.append(b)
          i += 1
        }
        guard closed else { throw Failure.unterminatedQuote(line: quoteLine) }
        guard i >= n || bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else {
          throw Failure.textAfterClosingQuote(line: line)
        }
      } else {
        let start = i
        while i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
          if bytes[i] == 0x22 { throw Failure.quoteInUnquotedField(line: line) }
          i += 1
        }
        field.append(contentsOf: bytes[start..<i])
      }
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
      if i < n, bytes[i] == 0x2C {
        i += 1
        if i == n { fields.append("") }
        continue
      }
      // End of row.
      if i < n, bytes[i] == 0x0D { i += 1 }
      if i < n, bytes[i] == 0x0A { i += 1 }
      if !(fields.count == 1 && fields[0].isEmpty) { try body(Row(fields: fields, line: rowLine)) }
      fields.removeAll(keepingCapacity: true)
      line += 1
      rowLine = line
    }
    if !fields.isEmpty, !(fields.count == 1 && fields[0].isEmpty) { try body(Row(fields: fields, line: rowLine)) }
  }
}
