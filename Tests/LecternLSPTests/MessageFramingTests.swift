import Foundation
import Testing

@testable import LecternLSP

@Suite struct MessageFramingTests {
  /// Writes `chunks` into a pipe one by one and reads framed messages back.
  private func messages(_ chunks: [String]) throws -> [String] {
    let pipe = Pipe()
    let writer = pipe.fileHandleForWriting
    // Written with pauses, so the reader sees them as separate reads.
    Thread.detachNewThread {
      for chunk in chunks {
        writer.write(Data(chunk.utf8))
        Thread.sleep(forTimeInterval: 0.01)
      }
      try? writer.close()
    }
    var reader = MessageReader(descriptor: pipe.fileHandleForReading.fileDescriptor)
    var bodies: [String] = []
    while let body = try reader.next() { bodies.append(String(decoding: body, as: UTF8.self)) }
    return bodies
  }

  @Test func splitAndJoinedFramesAndMultiByteBodies() throws {
    let body = #"{"text":"表😀"}"#
    let frame = "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    #expect(try messages([frame + frame]) == [body, body])
    // Split inside the header and inside the body; other headers are allowed.
    let split = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" + frame
    let bytes = Array(split.utf8)
    let cut = bytes.count - 2  // `"}`: ASCII, so each chunk is whole UTF-8
    let chunks = [bytes[..<20], bytes[20..<cut], bytes[cut...]].map { String(decoding: $0, as: UTF8.self) }
    #expect(try messages([split]) == [body])
    #expect(try messages(chunks) == [body])
    #expect(try messages(["content-length: 2\r", "\n\r\n{}"]) == ["{}"])
  }

  @Test func aHeaderWithoutLengthIsAnError() {
    #expect(throws: MessageReader.FramingError.self) { try messages(["Content-Type: x\r\n\r\n{}"]) }
    #expect(throws: MessageReader.FramingError.badContentLength("ten")) { try messages(["Content-Length: ten\r\n\r\n"]) }
  }

  @Test func theEndOfInputEndsTheStream() throws {
    #expect(try messages([]) == [])
    // A body cut short by the end of input is not a message.
    #expect(try messages(["Content-Length: 10\r\n\r\n{}"]) == [])
  }
}
