import Foundation

/// A JSON value as Foundation's `JSONDecoder` reads it, typed: a number keeps its decimal text (`1` stays
/// `"1"`, `12345678901234567890` keeps every digit) and a boolean stays a boolean, never bridged to `1`/`0`
/// as `JSONSerialization` does on Linux.
enum JSONValue: Decodable, Sendable {
  case string(String)
  /// The number's decimal text: integers exactly (any size up to 38 digits); other numbers in their
  /// shortest exact decimal form (`1.50` → `1.5`, `1e3` → `1000`).
  case number(String)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])
  case null

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Int64.self) {
      self = .number(String(n))
    } else if let n = try? c.decode(UInt64.self) {
      self = .number(String(n))
    } else if let n = try? c.decode(Decimal.self) {
      self = .number(n.description)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// What it is, for messages: `a boolean (true)`, `an array`, `an object`.
  var kindDescription: String {
    switch self {
    case .string(let s): "a string ('\(s)')"
    case .number(let n): "a number (\(n))"
    case .bool(let b): "a boolean (\(b))"
    case .array: "an array"
    case .object: "an object"
    case .null: "null"
    }
  }
}
