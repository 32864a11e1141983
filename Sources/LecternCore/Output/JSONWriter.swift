/// A small streaming JSON writer: appends UTF-8 to a byte buffer, handles commas and escaping.
///
/// Lectern's extract output can hold millions of values; writing straight to bytes keeps it
/// linear and within a small factor of cmark-gfm's own rendering time.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]
  private let pretty: Bool
  /// Receives the output in chunks of about `chunkSize` bytes; `nil` keeps everything in `bytes`.
  private let sink: ((ArraySlice<UInt8>) -> Void)?
  private let chunkSize = 1 << 20

  public init(pretty: Bool = false, sink: ((ArraySlice<UInt8>) -> Void)? = nil) {
    self.pretty = pretty
    self.sink = sink
    bytes.reserveCapacity(sink == nil ? 1 << 16 : chunkSize + 4096)
  }

  /// Hands full chunks to the sink. Called between values, so chunks never split a character.
  private mutating func flushIfNeeded() {
    guard let sink, bytes.count >= chunkSize else { return }
    sink(bytes[...])
    bytes.removeAll(keepingCapacity: true)
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
    flushIfNeeded()
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
    writeDigits(n)
  }

  private mutating func writeDigits(_ n: Int) {
    if n < 0 {
      bytes.append(0x2D)
      writeDigits(-n)
      return
    }
    if n >= 10 { writeDigits(n / 10) }
    bytes.append(UInt8(0x30 + n % 10))
  }

  /// Writes already-encoded JSON values (`a,b,c` without brackets) as elements of the current array.
  public mutating func rawElements(_ encoded: [UInt8]) {
    guard !encoded.isEmpty else { return }
    flushIfNeeded()
    separateValue()
    bytes.append(contentsOf: encoded)
  }

  /// Writes a source range as the string `"l1:c1-l2:c2"` without building a String.
  public mutating func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) {
    separateValue()
    bytes.append(0x22)
    writeDigits(l1)
    bytes.append(0x3A)
    writeDigits(c1)
    bytes.append(0x2D)
    writeDigits(l2)
    bytes.append(0x3A)
    writeDigits(c2)
    bytes.append(0x22)
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
    var s = s
    s.withUTF8 { utf8 in
      var runStart = 0
      var i = 0
      let n = utf8.count
      while i < n {
        let b = utf8[i]
        if b >= 0x20 && b != 0x22 && b != 0x5C {
          i += 1
          continue
        }
        if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
        switch b {
        case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
        case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
        case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
        default:
          let hex: [UInt8] = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        }
        i += 1
        runStart = i
      }
      if runStart < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
    }
    bytes.append(0x22)
  }

  /// Ends the document with a line break and hands over the bytes.
  public consuming func finish() -> [UInt8] {
    bytes.append(0x0A)
    if let sink {
      sink(bytes[...])
      return []
    }
    return bytes
  }
}
