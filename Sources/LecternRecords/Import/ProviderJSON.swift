import Foundation
import LecternDORA

/// Reading providers' exported JSON (an API response saved to a file): each record with the line it starts
/// on, typed values, and errors that name the file, the line and the field (`priority.summary`).
///
/// A file is a JSON array of records, an object holding the array under the provider's key (an API page
/// such as `{"incidents": […]}`), several such documents one after another (`gh api --paginate` writes
/// `[…][…]`), or JSON Lines (one record, or one page, per line).
struct ProviderJSON {
  let file: String

  /// Every record of every file; a file that cannot be read at all, or an element that is not an object,
  /// is added to `problems` and reading goes on with the next file.
  static func records(_ files: [(name: String, bytes: [UInt8])], key: String?, problems: inout IngestProblems)
    -> [ProviderRecord]
  {
    var all: [ProviderRecord] = []
    for (name, bytes) in files {
      do {
        all += try ProviderJSON(file: name).records(bytes, key: key, problems: &problems)
      } catch let error as IngestError {
        problems.add(error)
      } catch {
        problems.add(IngestError(file: name, line: nil, field: nil, message: "\(error)"))
      }
    }
    return all
  }

  /// Maps every record with `body` (which returns `nil` to skip one), collecting each bad record in
  /// `problems` instead of stopping at the first.
  static func map<T>(
    _ files: [(name: String, bytes: [UInt8])], key: String?, problems: inout IngestProblems,
    _ body: (ProviderRecord) throws -> T?
  ) -> [T] {
    var result: [T] = []
    for record in records(files, key: key, problems: &problems) {
      do {
        if let value = try body(record) { result.append(value) }
      } catch let error as IngestError {
        problems.add(error)
      } catch {
        problems.add(IngestError(file: record.file, line: record.line, field: nil, message: "\(error)"))
      }
    }
    return result
  }

  /// The records of one file, in order.
  func records(_ bytes: [UInt8], key: String?, problems: inout IngestProblems) throws -> [ProviderRecord] {
    let decoder = JSONDecoder()
    var all: [ProviderRecord] = []
    for document in try ProviderJSONScanner.documents(bytes, file: file, key: key) {
      let value: JSONValue
      do {
        value = try decoder.decode(JSONValue.self, from: Data(bytes[document.range]))
      } catch {
        throw IngestError(
          file: file, line: document.line, field: nil, message: "invalid JSON; expected an API response saved as JSON")
      }
      var items: [JSONValue]
      var lines = document.elementLines
      switch value {
      case .array(let a): items = a
      case .object(let o):
        if let key, case .array(let a)? = o[key] {
          items = a
        } else {
          items = [value]
          lines = [document.line]
        }
      default:
        throw IngestError(
          file: file, line: document.line, field: nil, message: "\(value.kindDescription); expected an array of objects")
      }
      for (i, item) in items.enumerated() {
        let line = i < lines.count ? lines[i] : document.line
        guard case .object(let o) = item else {
          problems.add(IngestError(file: file, line: line, field: nil, message: "\(item.kindDescription); expected an object"))
          continue
        }
        all.append(ProviderRecord(file: file, line: line, object: o))
      }
    }
    return all
  }
}

/// One record of a provider's export, with where it is: typed field access whose errors name the file,
/// the record's line and the field's path.
struct ProviderRecord {
  let file: String
  let line: Int
  let object: [String: JSONValue]
  /// The path of this object inside the record (`priority.`), empty for the record itself.
  var prefix = ""

  func fail(_ key: String, _ message: String) -> IngestError {
    IngestError(file: file, line: line, field: prefix + key, message: message)
  }

  /// The text of a string or number field, `nil` when absent or null; throws for anything else.
  func text(_ key: String) throws -> String? {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let s)?, .number(let s)?: return s
    case let other?: throw fail(key, "\(other.kindDescription); expected a string or a number")
    }
  }

  /// A field that must be there, as text.
  func required(_ key: String) throws -> String {
    guard let t = try text(key), !t.isEmpty else { throw fail(key, "missing; expected a value") }
    return t
  }

  func timestamp(_ key: String) throws -> Timestamp? {
    guard let t = try text(key) else { return nil }
    guard let stamp = Timestamp(rfc3339: t) else {
      throw fail(key, "'\(t)' is not an RFC 3339 timestamp; expected e.g. 2026-03-01T09:30:00Z")
    }
    return stamp
  }

  func requiredTimestamp(_ key: String) throws -> Timestamp {
    guard let t = try timestamp(key) else { throw fail(key, "missing; expected a timestamp") }
    return t
  }

  /// A whole number of milliseconds (Opsgenie's `ackTime`), `nil` when absent or null.
  func milliseconds(_ key: String) throws -> Int64? {
    guard let t = try text(key) else { return nil }
    guard let n = Int64(t), n >= 0 else { throw fail(key, "'\(t)' is not a duration; expected whole milliseconds") }
    return n
  }

  func bool(_ key: String) throws -> Bool? {
    switch object[key] {
    case nil, .null?: return nil
    case .bool(let b)?: return b
    case let other?: throw fail(key, "\(other.kindDescription); expected true or false")
    }
  }

  /// A nested object, `nil` when absent or null; throws for anything else.
  func nested(_ key: String) throws -> ProviderRecord? {
    switch object[key] {
    case nil, .null?: return nil
    case .object(let o)?: return ProviderRecord(file: file, line: line, object: o, prefix: prefix + key + ".")
    case let other?: throw fail(key, "\(other.kindDescription); expected an object")
    }
  }

  /// The objects of an array field (`acknowledgements`), empty when absent or null.
  func objects(_ key: String) throws -> [ProviderRecord] {
    switch object[key] {
    case nil, .null?: return []
    case .array(let items)?:
      return try items.enumerated().map { index, item in
        guard case .object(let o) = item else {
          throw fail("\(key)[\(index)]", "\(item.kindDescription); expected an object")
        }
        return ProviderRecord(file: file, line: line, object: o, prefix: prefix + "\(key)[\(index)].")
      }
    case let other?: throw fail(key, "\(other.kindDescription); expected an array")
    }
  }

  /// The strings of an array field (`tags`), empty when absent or null.
  func strings(_ key: String) throws -> [String] {
    switch object[key] {
    case nil, .null?: return []
    case .array(let items)?:
      return try items.enumerated().map { index, item in
        guard case .string(let s) = item else { throw fail("\(key)[\(index)]", "\(item.kindDescription); expected a string") }
        return s
      }
    case let other?: throw fail(key, "\(other.kindDescription); expected an array of strings")
    }
  }
}
