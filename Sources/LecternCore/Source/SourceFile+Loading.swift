import Foundation

extension SourceFile {
  /// Reads a file (or standard input for `-`) and checks that it is text Lectern can read.
  ///
  /// Throws ``InputError`` for a missing or unreadable file, a binary file (a NUL byte) and
  /// invalid UTF-8, naming the line and column of the first bad byte. Records the file as an input,
  /// which no ``OutputSink`` will then replace.
  public static func load(path: String) throws -> SourceFile {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError.missingFile(path: path)
      }
      if isDirectory.boolValue { throw InputError.isDirectory(path: path) }
      FileIdentity.recordInput(path)
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      } catch {
        throw InputError.unreadable(path: path, reason: error.localizedDescription)
      }
    }
    return try decode(data, path: path == "-" ? "<stdin>" : path)
  }

  /// Checks and decodes bytes as UTF-8 text.
  public static func decode(_ data: Data, path: String) throws -> SourceFile {
    // Straight from the file's bytes (`memchr` for a NUL, the standard library's validation): a copy as
    // an array only to point at a problem.
    let (hasNul, decoded) = data.withUnsafeBytes { raw -> (Bool, String?) in
      let bytes = raw.bindMemory(to: UInt8.self)
      if let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil { return (true, nil) }
      return (false, String(validating: bytes, as: UTF8.self))
    }
    if hasNul {
      let bytes = [UInt8](data)
      let (line, column) = Self.lineAndColumn(in: bytes, offset: bytes.firstIndex(of: 0) ?? 0)
      throw InputError.binary(path: path, line: line, column: column)
    }
    guard let text = decoded else {
      let bytes = [UInt8](data)
      let bad = Self.firstInvalidUTF8(bytes) ?? 0
      let (line, column) = Self.lineAndColumn(in: bytes, offset: bad)
      throw InputError.invalidUTF8(path: path, line: line, column: column, byte: bytes[bad])
    }
    return SourceFile(path: path, text: text)
  }

  private static func lineAndColumn(in bytes: [UInt8], offset: Int) -> (Int, Int) {
    var line = 1
    var lineStart = 0
    var i = 0
    while i < offset {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    var column = 1
    for b in bytes[lineStart..<offset] where b & 0xC0 != 0x80 { column += 1 }
    return (line, column)
  }

  /// The offset of the first byte that is not part of well-formed UTF-8, or `nil`.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var minScalar: UInt32
      if b & 0xE0 == 0xC0 {
        length = 2
        minScalar = 0x80
      } else if b & 0xF0 == 0xE0 {
        length = 3
        minScalar = 0x800
      } else if b & 0xF8 == 0xF0 {
        length = 4
        minScalar = 0x10000
      } else {
        return i
      }
      guard i + length <= n else { return i }
      var scalar = UInt32(b) & (0xFF >> UInt32(length + 1))
      for k in 1..<length {
        let c = bytes[i + k]
        guard c & 0xC0 == 0x80 else { return i }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
      minScalar = 0
      i += length
    }
    return nil
  }
}

/// A failure to read an input file at all. Problems *inside* a readable file are ``Diagnostic``s.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
  case missingFile(path: String)
  case isDirectory(path: String)
  case unreadable(path: String, reason: String)
  case binary(path: String, line: Int, column: Int)
  case invalidUTF8(path: String, line: Int, column: Int, byte: UInt8)

  public var description: String {
    switch self {
    case .missingFile(let path): return "\(path): error: no such file"
    case .isDirectory(let path): return "\(path): error: is a directory; expected a Markdown file"
    case .unreadable(let path, let reason): return "\(path): error: cannot read file: \(reason)"
    case .binary(let path, let line, let column):
      return "\(path):\(line):\(column): error: binary file (NUL byte); expected UTF-8 Markdown text"
    case .invalidUTF8(let path, let line, let column, let byte):
      return
        "\(path):\(line):\(column): error: invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); expected UTF-8 Markdown text"
    }
  }
}
