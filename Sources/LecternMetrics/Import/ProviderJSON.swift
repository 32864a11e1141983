import Foundation
import LecternDORA

/// Reading providers' exported JSON (an API response saved to a file): typed values, and errors that name
/// the file and the path of the field (`[3].created_at`).
struct ProviderJSON {
  let file: String

  /// The top-level objects of a file: a JSON array, an object holding the array under `key` (an API
  /// page such as `{"incidents": […]}`), several such documents one after another (`gh api --paginate`
  /// writes `[…][…]`), or JSON Lines.
  func objects(_ bytes: [UInt8], key: String?) throws -> [(path: String, object: [String: JSONValue])] {
    var all: [(String, [String: JSONValue])] = []
    for document in try documents(bytes) {
      var items: [JSONValue]
      switch document {
      case .array(let a): items = a
      case .object(let o):
        if let key, case .array(let a)? = o[key] { items = a } else { items = [document] }
      default:
        throw IngestError(file: file, line: nil, field: nil, message: "\(document.kindDescription); expected an array of objects")
      }
      for item in items {
        let path = "[\(all.count)]"
        guard case .object(let o) = item else {
          throw IngestError(file: file, line: nil, field: path, message: "\(item.kindDescription); expected an object")
        }
        all.append((path, o))
      }
    }
    return all
  }

  /// Each top-level JSON document in the bytes, in order.
  private func documents(_ bytes: [UInt8]) throws -> [JSONValue] {
    let decoder = JSONDecoder()
    var result: [JSONValue] = []
    var depth = 0
    var inString = false
    var escaped = false
    var start: Int?
    for (i, b) in bytes.enumerated() {
      if inString {
        if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
        continue
      }
      switch b {
      case 0x22: inString = true
      case 0x7B, 0x5B:
        if depth == 0 { start = i }
        depth += 1
      case 0x7D, 0x5D:
        depth -= 1
        if depth == 0, let s = start {
          do {
            result.append(try decoder.decode(JSONValue.self, from: Data(bytes[s...i])))
          } catch {
            throw IngestError(file: file, line: nil, field: nil, message: "invalid JSON; expected an API response saved as JSON")
          }
          start = nil
        }
      default: break
      }
    }
    guard depth == 0, !result.isEmpty else {
      throw IngestError(
        file: file, line: nil, field: nil, message: "invalid or empty JSON; expected an API response saved as JSON")
    }
    return result
  }

  /// The text of a string or number field, `nil` when absent or null; throws for anything else.
  func text(_ object: [String: JSONValue], _ key: String, at path: String) throws -> String? {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let s)?, .number(let s)?: return s
    case let other?:
      throw IngestError(
        file: file, line: nil, field: "\(path).\(key)", message: "\(other.kindDescription); expected a string or a number")
    }
  }

  func required(_ object: [String: JSONValue], _ key: String, at path: String) throws -> String {
    guard let t = try text(object, key, at: path), !t.isEmpty else {
      throw IngestError(file: file, line: nil, field: "\(path).\(key)", message: "missing; expected a value")
    }
    return t
  }

  func timestamp(_ object: [String: JSONValue], _ key: String, at path: String) throws -> Timestamp? {
    guard let t = try text(object, key, at: path) else { return nil }
    guard let stamp = Timestamp(rfc3339: t) else {
      throw IngestError(
        file: file, line: nil, field: "\(path).\(key)",
        message: "'\(t)' is not an RFC 3339 timestamp; expected e.g. 2026-03-01T09:30:00Z")
    }
    return stamp
  }

  func object(_ object: [String: JSONValue], _ key: String) -> [String: JSONValue]? {
    if case .object(let o)? = object[key] { return o }
    return nil
  }
}
