import Foundation
import LecternCore
import LecternTestSupport
import Testing

@Suite struct OutputSafetyTests {
  private func file(_ text: String, named name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func neverPolicyRefusesAnExistingFileAndWritesANewOne() throws {
    let dir = TestPaths.temporaryDirectory()
    let existing = try file("# my postmortem\n", named: "existing.md", in: dir)
    #expect(throws: OutputError.self) { try OutputSink.write("skeleton", to: existing, overwrite: .never) }
    do {
      try OutputSink.write("skeleton", to: existing, overwrite: .never)
    } catch let error as OutputError {
      #expect("\(error)" == "\(existing): error: already exists; give --force to replace it")
    }
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "# my postmortem\n")
    let fresh = dir.appendingPathComponent("new.md").path
    try OutputSink.write("skeleton", to: fresh, overwrite: .never)
    #expect(try String(contentsOfFile: fresh, encoding: .utf8) == "skeleton")
    try OutputSink.write("forced", to: existing, overwrite: .exceptInputs)
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "forced")
  }

  @Test func aFileReadAsInputIsOnlyReplacedWhenAskedTo() throws {
    let dir = TestPaths.temporaryDirectory()
    let input = try file("# deck\n", named: "deck.md", in: dir)
    _ = try SourceFile.load(path: input)
    #expect(throws: OutputError.self) { try OutputSink.write("<html>", to: input) }
    #expect(try String(contentsOfFile: input, encoding: .utf8) == "# deck\n")
    try OutputSink.write("# fixed deck\n", to: input, overwrite: .inputsToo)
    #expect(try String(contentsOfFile: input, encoding: .utf8) == "# fixed deck\n")
  }

  @Test func replacingKeepsTheModeAndASymbolicLinkStaysALink() throws {
    let dir = TestPaths.temporaryDirectory()
    let target = try file("old", named: "target.html", in: dir)
    #expect(chmod(target, 0o640) == 0)
    let link = dir.appendingPathComponent("link.html").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.html")
    try OutputSink.write("new", to: link)
    var info = stat()
    #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o640)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
  }

  @Test func aFifoIsWrittenInPlaceAsTheBytesCome() throws {
    let dir = TestPaths.temporaryDirectory()
    let fifo = dir.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let received = Locked<Data>(Data())
    let done = DispatchSemaphore(value: 0)
    Thread {
      // Plain read(2): each call returns what the writer has written so far.
      let fd = open(fifo, O_RDONLY)
      var buffer = [UInt8](repeating: 0, count: 64)
      while fd >= 0 {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        received.withLock { $0.append(contentsOf: buffer[0..<n]) }
      }
      if fd >= 0 { close(fd) }
      done.signal()
    }.start()
    let sink = try OutputSink(path: fifo)
    sink.write(Array("first ".utf8)[...])
    // The reader has the first chunk before the sink is committed: written in place, not renamed.
    var waited = 0
    while received.snapshot.isEmpty && waited < 500 {
      Thread.sleep(forTimeInterval: 0.01)
      waited += 1
    }
    #expect(String(decoding: received.snapshot, as: UTF8.self) == "first ")
    sink.write(Array("second".utf8)[...])
    try sink.commit()
    done.wait()
    #expect(String(decoding: received.snapshot, as: UTF8.self) == "first second")
    var info = stat()
    #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }

  @Test func aDirectoryIsNotAFile() throws {
    let dir = TestPaths.temporaryDirectory()
    #expect(throws: OutputError.self) { try OutputSink.write("x", to: dir.path) }
  }
}
