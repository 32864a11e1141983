import Foundation

/// The base protocol's framing: `Content-Length: N\r\n` (other headers allowed), a blank line, then N bytes of
/// JSON. Reads from a file descriptor with its own buffer, so a message split across reads or several messages
/// in one read are both handled.
public struct MessageReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []

  public init(descriptor: Int32) { self.descriptor = descriptor }

  /// Why a stream cannot be read as framed messages.
  public enum FramingError: Error, CustomStringConvertible, Equatable {
    case missingContentLength(header: String)
    case badContentLength(String)

    public var description: String {
      switch self {
      case .missingContentLength(let header):
        "message header '\(header)' has no Content-Length; expected 'Content-Length: <bytes>'"
      case .badContentLength(let value): "Content-Length '\(value)' is not a number of bytes"
      }
    }
  }

  /// The next message's body, or `nil` at the end of the input.
  public mutating func next() throws -> Data? {
    guard let headerEnd = try fill(until: { $0.firstRange(of: Self.headerTerminator)?.upperBound }) else { return nil }
    let header = String(decoding: buffer[..<(headerEnd - 4)], as: UTF8.self)
    let length = try Self.contentLength(header)
    buffer.removeSubrange(..<headerEnd)
    guard try fill(until: { $0.count >= length ? length : nil }) != nil else { return nil }
    let body = Data(buffer[..<length])
    buffer.removeSubrange(..<length)
    return body
  }

  static let headerTerminator: [UInt8] = Array("\r\n\r\n".utf8)

  static func contentLength(_ header: String) throws -> Int {
    for line in header.split(separator: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" else {
        continue
      }
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      guard let n = Int(value), n >= 0 else { throw FramingError.badContentLength(value) }
      return n
    }
    throw FramingError.missingContentLength(header: header)
  }

  /// Reads until `ready` finds what it needs in the buffer; `nil` when the input ends first.
  private mutating func fill(until ready: ([UInt8]) -> Int?) throws -> Int? {
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      if let found = ready(buffer) { return found }
      let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return nil }
      buffer.append(contentsOf: chunk[..<n])
    }
  }
}

/// Writes framed messages to a file handle.
public struct MessageWriter: Sendable {
  private let handle: FileHandle

  public init(handle: FileHandle) { self.handle = handle }

  public func write(_ body: Data) {
    handle.write(Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
  }
}
