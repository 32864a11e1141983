/// Finds the top-level JSON documents of a provider's export and the line each record starts on, so that
/// an error can name the line: the elements of a top-level array, or of the array under the page's key
/// (`{"workflow_runs": [ … ]}`).
///
/// Only brackets, quotes and escapes are read; the decoder checks the rest. Text between documents that
/// is not white space is an error with its line.
enum ProviderJSONScanner {
  struct Document {
    var range: Range<Int>
    var line: Int
    /// The line of each record in the document's record array, in order (empty for a single object).
    var elementLines: [Int]
  }

  private struct State {
    var line = 1
    var stack: [UInt8] = []
    var inString = false
    var escaped = false
    var stringStart = 0
    var lastString: ArraySlice<UInt8> = []
    var pendingKey: ArraySlice<UInt8>?
    /// The nesting depth inside the record array, when in one.
    var recordDepth: Int?
    var atElementStart = false
    var documentStart = 0
    var documentLine = 1
    var elementLines: [Int] = []
  }

  /// Whether the object key just read is the page's record key.
  private static func isKey(_ pending: ArraySlice<UInt8>?, _ key: [UInt8]?) -> Bool {
    guard let pending, let key else { return false }
    return pending.elementsEqual(key)
  }

  static func documents(_ bytes: [UInt8], file: String, key: String?) throws -> [Document] {
    let keyBytes = key.map { Array($0.utf8) }
    var s = State()
    var documents: [Document] = []
    for (i, b) in bytes.enumerated() {
      if b == 0x0A { s.line += 1 }
      if s.inString {
        if s.escaped {
          s.escaped = false
        } else if b == 0x5C {
          s.escaped = true
        } else if b == 0x22 {
          s.inString = false
          s.lastString = bytes[(s.stringStart + 1)..<i]
        }
        continue
      }
      let space = b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
      if space { continue }
      if s.stack.isEmpty, b != 0x7B, b != 0x5B {
        throw IngestError(
          file: file, line: s.line, field: nil, message: "unexpected text outside JSON; expected an API response saved as JSON")
      }
      if s.atElementStart, s.stack.count == s.recordDepth, b != 0x5D {
        s.elementLines.append(s.line)
      }
      s.atElementStart = false
      switch b {
      case 0x22:
        s.inString = true
        s.stringStart = i
      case 0x3A:
        if s.stack == [0x7B] { s.pendingKey = s.lastString }
      case 0x2C:
        if s.stack.count == s.recordDepth { s.atElementStart = true }
      case 0x7B, 0x5B:
        if s.stack.isEmpty {
          s.documentStart = i
          s.documentLine = s.line
          s.elementLines = []
        }
        let opensRecords = b == 0x5B && (s.stack.isEmpty || (s.stack == [0x7B] && isKey(s.pendingKey, keyBytes)))
        s.stack.append(b)
        if opensRecords {
          s.recordDepth = s.stack.count
          s.atElementStart = true
        }
      case 0x7D, 0x5D:
        if s.stack.count == s.recordDepth { s.recordDepth = nil }
        s.stack.removeLast()
        if s.stack.isEmpty {
          documents.append(Document(range: s.documentStart..<(i + 1), line: s.documentLine, elementLines: s.elementLines))
          s.pendingKey = nil
        }
      default: break
      }
    }
    guard s.stack.isEmpty, !s.inString, !documents.isEmpty else {
      throw IngestError(
        file: file, line: s.stack.isEmpty ? nil : s.documentLine, field: nil,
        message: documents.isEmpty && s.stack.isEmpty
          ? "empty; expected an API response saved as JSON" : "JSON is never closed; expected a complete API response")
    }
    return documents
  }
}
