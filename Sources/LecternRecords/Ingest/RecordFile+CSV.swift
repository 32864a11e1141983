import Foundation
import LecternDORA

extension RecordFile {
  /// CSV records: the header names the columns (each once); every row has as many fields as the header;
  /// the text is UTF-8. Each problem is reported with its line and column and reading goes on.
  static func readCSV(
    _ bytes: [UInt8], name: String, problems: inout IngestProblems, _ add: ((Field) -> FieldValue?, Int) throws -> Void
  ) {
    let invalid = CSVReader.invalidUTF8(bytes)
    for bad in invalid {
      problems.add(
        IngestError(
          file: name, line: bad.line, column: bad.column, field: nil,
          message: "byte 0x\(String(bad.byte, radix: 16, uppercase: true)) is not UTF-8; expected UTF-8 text"))
    }
    let badLines = Set(invalid.map(\.line))
    var header: (columns: [Int?], count: Int, names: [String])?
    var headerFailed = false
    do {
      try CSVReader.read(bytes) { row in
        if headerFailed { return }
        guard let known = header else {
          header = csvHeader(row, name: name, problems: &problems)
          headerFailed = header == nil
          return
        }
        if badLines.contains(row.line) { return }
        guard row.fields.count == known.count else {
          let column = row.fields.count > known.count ? row.columns[known.count] : row.endColumn
          problems.add(
            IngestError(
              file: name, line: row.fields.count > known.count ? row.line : row.endLine, column: column, field: nil,
              message: "row has \(row.fields.count) fields; the header has \(known.count)"))
          return
        }
        do {
          try add({ field in known.columns[field.rawValue].map { .text(row.fields[$0]) } }, row.line)
        } catch var error as IngestError {
          if let field = error.field.flatMap({ Field.byName[$0] }), let index = known.columns[field.rawValue] {
            error.column = row.columns[index]
          }
          problems.add(error)
        }
      }
    } catch let failure as CSVReader.Failure {
      problems.add(csvError(failure, name: name))
    } catch {
      problems.add(IngestError(file: name, line: nil, field: nil, message: "\(error)"))
    }
  }

  /// The header's column for each contract field, or `nil` (with the problems added) when a column is
  /// named twice.
  private static func csvHeader(_ row: CSVReader.Row, name: String, problems: inout IngestProblems) -> (
    columns: [Int?], count: Int, names: [String]
  )? {
    var map: [String: Int] = [:]
    var ok = true
    let names = row.fields.map { trimSpaces($0).lowercased() }
    for (i, column) in names.enumerated() where !column.isEmpty {
      if let first = map[column] {
        problems.add(
          IngestError(
            file: name, line: row.line, column: row.columns[i], field: column,
            message:
              "column '\(row.fields[i])' is named twice (also column \(first + 1) of the header); expected each column once"))
        ok = false
      } else {
        map[column] = i
      }
    }
    return ok ? (Field.allCases.map { map[$0.name] }, row.fields.count, names) : nil
  }

  private static func csvError(_ failure: CSVReader.Failure, name: String) -> IngestError {
    switch failure {
    case .unterminatedQuote(let line, let column):
      IngestError(
        file: name, line: line, column: column, field: nil, message: "quoted field is never closed; expected a closing '\"'")
    case .quoteInUnquotedField(let line, let column):
      IngestError(
        file: name, line: line, column: column, field: nil,
        message: "'\"' inside an unquoted field; expected the whole field in quotes with '\"\"' for a quote")
    case .textAfterClosingQuote(let line, let column):
      IngestError(
        file: name, line: line, column: column, field: nil,
        message: "text after a closing quote; expected ',' or the end of the line")
    }
  }
}
