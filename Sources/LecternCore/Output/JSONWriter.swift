/// A small streaming JSON writer: appends UTF-8 to a byte buffer, handles commas and escaping.
///
/// Lectern's extract output can hold millions of values; writing straight to bytes keeps it
/// linear and within a small factor of cmark-gfm's own rendering time.
public struct JSONWriter {
  /// The output so far (when there is no sink, everything).
  public var bytes: [UInt8] { buffer.array }
  /// The output without its first and last byte: a finished array's elements, ready for `rawElements`.
  public var innerBytes: [UInt8] { buffer.array(droppingFirst: 1, last: 1) }
  /// Appends go straight into memory this writer owns: an `Array` checks uniqueness and capacity through
  /// generic code on every append, which was a fifth of writing a deck's JSON. A writer is used in place
  /// (`inout`), never copied.
  private let buffer = ByteBuffer()
  private var needsComma: [Bool] = [false]
  private let pretty: Bool
  /// Receives the output in chunks of about `chunkSize` bytes; `nil` keeps everything in `bytes`.
  private let sink: ((ArraySlice<UInt8>) -> Void)?
  private let chunkSize = 1 << 20

  public init(pretty: Bool = false, sink: ((ArraySlice<UInt8>) -> Void)? = nil) {
    self.pretty = pretty
    self.sink = sink
    buffer.reserve(sink == nil ? 1 << 16 : chunkSize + 4096)
  }

  /// Hands full chunks to the sink. Called between values, so chunks never split a character.
  private mutating func flushIfNeeded() {
    guard let sink, buffer.count >= chunkSize else { return }
    sink(buffer.array[...])
    buffer.count = 0
  }

  private mutating func newline() {
    guard pretty else { return }
    buffer.append(0x0A)
    // The indentation in one append: two spaces per open object or array.
    var width = (needsComma.count - 1) * 2
    while width > 0 {
      let run = min(width, Self.spaces.count)
      Self.spaces.withUnsafeBufferPointer { buffer.append(UnsafeBufferPointer(rebasing: $0[..<run])) }
      width -= run
    }
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 64)

  private mutating func separate() {
    if needsComma[needsComma.count - 1] { buffer.append(0x2C) }
    needsComma[needsComma.count - 1] = true
  }

  public mutating func beginObject() {
    flushIfNeeded()
    separateValue()
    buffer.append(0x7B)
    needsComma.append(false)
  }

  public mutating func endObject() {
    let had = needsComma.removeLast()
    if had { newline() }
    buffer.append(0x7D)
  }

  public mutating func beginArray() {
    separateValue()
    buffer.append(0x5B)
    needsComma.append(false)
  }

  public mutating func endArray() {
    let had = needsComma.removeLast()
    if had { newline() }
    buffer.append(0x5D)
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
    buffer.append(0x3A)
    if pretty { buffer.append(0x20) }
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
    if n >= 0 && n < 10 {
      buffer.append(UInt8(0x30 + n))
      return
    }
    if n < 0 {
      buffer.append(0x2D)
      // The magnitude as unsigned, so `Int.min` is written too.
      writeDigits(magnitude: n.magnitude)
    } else {
      writeDigits(magnitude: UInt(n))
    }
  }

  private mutating func writeDigits(magnitude n: UInt) {
    // Right to left into a small buffer, then one append.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var v = n
      var i = 20
      repeat {
        i -= 1
        buffer[i] = UInt8(0x30 + v % 10)
        v /= 10
      } while v > 0
      self.buffer.append(UnsafeBufferPointer(rebasing: buffer[i..<20]))
    }
  }

  /// Writes already-encoded JSON values (`a,b,c` without brackets) as elements of the current array.
  public mutating func rawElements(_ encoded: [UInt8]) {
    guard !encoded.isEmpty else { return }
    flushIfNeeded()
    separateValue()
    encoded.withUnsafeBufferPointer { buffer.append($0) }
  }

  /// Writes a source range as the string `"l1:c1-l2:c2"` without building a String.
  public mutating func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) {
    separateValue()
    buffer.append(0x22)
    writeDigits(l1)
    buffer.append(0x3A)
    writeDigits(c1)
    buffer.append(0x2D)
    writeDigits(l2)
    buffer.append(0x3A)
    writeDigits(c2)
    buffer.append(0x22)
  }

  public mutating func value(_ d: Double) {
    separateValue()
    if d.isFinite {
      buffer.append(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d))
    } else {
      buffer.append("null")
    }
  }

  public mutating func value(_ b: Bool) {
    separateValue()
    buffer.append(b ? "true" : "false")
  }

  public mutating func null() {
    separateValue()
    buffer.append("null")
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
    buffer.append(0x22)
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
        if runStart < i { buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
        switch b {
        case 0x22: buffer.append(0x5C, 0x22)
        case 0x5C: buffer.append(0x5C, 0x5C)
        case 0x0A: buffer.append(0x5C, 0x6E)
        case 0x0D: buffer.append(0x5C, 0x72)
        case 0x09: buffer.append(0x5C, 0x74)
        default:
          let hex = Self.hexDigits
          buffer.append(0x5C, 0x75)
          buffer.append(0x30, 0x30)
          buffer.append(hex[Int(b >> 4)], hex[Int(b & 0xF)])
        }
        i += 1
        runStart = i
      }
      if runStart < n { buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
    }
    buffer.append(0x22)
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Ends the document with a line break and hands over the bytes.
  public consuming func finish() -> [UInt8] {
    buffer.append(0x0A)
    if let sink {
      sink(buffer.array[...])
      return []
    }
    return buffer.array
  }
}

/// A growable byte buffer in memory of its own: appends are a capacity check and a copy.
private final class ByteBuffer {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  var count = 0

  init() {
    capacity = 256
    base = .allocate(capacity: capacity)
  }

  deinit { base.deallocate() }

  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  func array(droppingFirst first: Int, last: Int) -> [UInt8] {
    guard count > first + last else { return [] }
    return Array(UnsafeBufferPointer(start: base + first, count: count - first - last))
  }

  func reserve(_ wanted: Int) {
    guard wanted > capacity else { return }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted)
    grown.update(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = wanted
  }

  @inline(__always) private func room(_ n: Int) {
    if count + n > capacity { reserve(max(capacity * 2, count + n)) }
  }

  @inline(__always) func append(_ b: UInt8) {
    room(1)
    base[count] = b
    count += 1
  }

  @inline(__always) func append(_ a: UInt8, _ b: UInt8) {
    room(2)
    base[count] = a
    base[count + 1] = b
    count += 2
  }

  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    room(bytes.count)
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }
}
