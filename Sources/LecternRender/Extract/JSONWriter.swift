/// A small streaming JSON writer: appends UTF-8 to a byte buffer, handles commas and escaping.
///
/// Lectern's extract output can hold millions of values; writing straight to bytes keeps it
/// linear and within a small factor of cmark-gfm's own rendering time.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]
  private let pretty: Bool

  public init(pretty: Bool = false, capacity: Int = 1 << 16) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  private mutating func newline() {
    guard pretty else { return }
    bytes.append(0x0A)
    for _ in 0..<(needsComma.count - 1) {
      bytes.append(0x20)
      bytes.append(0x20)
    }
  }

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
    needsComma[needsComma.count - 1] = true
  }

  public mutating func beginObject() {
    separateValue()
    bytes.append(0x7B)
    needsComma.append(false)
  }

  public mutating func endObject() {
    let had = needsComma.removeLast()
    if had { newline() }
    bytes.append(0x7D)
  }

  public mutating func beginArray() {
    separateValue()
    bytes.append(0x5B)
    needsComma.append(false)
  }

  public mutating func endArray() {
    let had = needsComma.removeLast()
    if had { newline() }
    bytes.append(0x5D)
  }

  private var pendingKey = false

  private mutating func separateValue() {
    if pendingKey {
      pendingKey = false
    } else {
      separate()
      if needsComma.count > 1 { newline() }
    }
  }

  /// Writes `"key":`; the next value call writes the value.
  public mutating func key(_ key: String) {
    separate()
    newline()
    string(raw: key)
    bytes.append(0x3A)
    if pretty { bytes.append(0x20) }
    pendingKey = true
  }

  public mutating func value(_ s: String) {
    separateValue()
    string(raw: s)
  }

  public mutating func value(_ n: Int) {
    separateValue()
    bytes.append(contentsOf: String(n).utf8)
  }

  public mutating func value(_ d: Double) {
    separateValue()
    if d.isFinite {
      bytes.append(contentsOf: (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8)
    } else {
      bytes.append(contentsOf: "null".utf8)
    }
  }

  public mutating func value(_ b: Bool) {
    separateValue()
    bytes.append(contentsOf: (b ? "true" : "false").utf8)
  }

  public mutating func null() {
    separateValue()
    bytes.append(contentsOf: "null".utf8)
  }

  // Convenience: key + value.
  public mutating func field(_ k: String, _ v: String) {
    key(k)
    value(v)
  }
  public mutating func field(_ k: String, _ v: Int) {
    key(k)
    value(v)
  }
  public mutating func field(_ k: String, _ v: Bool) {
    key(k)
    value(v)
  }
  public mutating func field(_ k: String, _ v: String?) {
    key(k)
    if let v { value(v) } else { null() }
  }
  public mutating func field(_ k: String, _ v: Int?) {
    key(k)
    if let v { value(v) } else { null() }
  }
  public mutating func field(_ k: String, strings: [String]) {
    key(k)
    beginArray()
    for s in strings { value(s) }
    endArray()
  }

  private mutating func string(raw s: String) {
    bytes.append(0x22)
    for b in s.utf8 {
      switch b {
      case 0x22:
        bytes.append(0x5C)
        bytes.append(0x22)
      case 0x5C:
        bytes.append(0x5C)
        bytes.append(0x5C)
      case 0x0A:
        bytes.append(0x5C)
        bytes.append(0x6E)
      case 0x0D:
        bytes.append(0x5C)
        bytes.append(0x72)
      case 0x09:
        bytes.append(0x5C)
        bytes.append(0x74)
      case 0x00..<0x20:
        bytes.append(contentsOf: "\\u00".utf8)
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(hex[Int(b >> 4)])
        bytes.append(hex[Int(b & 0xF)])
      default:
        bytes.append(b)
      }
    }
    bytes.append(0x22)
  }
}
