import Foundation
import LecternCore

/// One deck to build and where its products go (`nil` html: standard output).
public struct BuildJob: Sendable, Hashable {
  public var input: String
  public var html: String?

  public init(input: String, html: String?) {
    self.input = input
    self.html = html
  }
}

/// Maps inputs to outputs: beside the source, into a named file, or mirrored into a directory.
public struct BuildPlanner {
  public var inputs: [String]
  public var output: String?

  public init(inputs: [String], output: String?) {
    self.inputs = inputs
    self.output = output
  }

  public enum Failure: Error, CustomStringConvertible {
    case manyToOne(String)
    case stdinNeedsOutput

    public var description: String {
      switch self {
      case .manyToOne(let path):
        "\(path): error: several decks cannot be written to one file; give a directory (ending in '/') for -o"
      case .stdinNeedsOutput: "-: error: a deck read from standard input needs -o FILE or -o -"
      }
    }
  }

  public func jobs() throws -> [BuildJob] {
    var pairs: [(file: String, root: String?)] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      let isDir =
        input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
      for file in try InputFiles.expand([input]) { pairs.append((file, isDir ? input : nil)) }
    }
    var seen: Set<String> = []
    pairs = pairs.filter { seen.insert($0.file).inserted }
    guard let output else {
      if pairs.contains(where: { $0.file == "-" }) { throw Failure.stdinNeedsOutput }
      return pairs.map { BuildJob(input: $0.file, html: Self.replacingExtension($0.file, with: "html")) }
    }
    if output == "-" {
      guard pairs.count == 1 else { throw Failure.manyToOne("-") }
      return [BuildJob(input: pairs[0].file, html: nil)]
    }
    var isDirectory: ObjCBool = false
    let existsAsDirectory = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue
    let asDirectory = existsAsDirectory || output.hasSuffix("/") || pairs.count > 1 || pairs.contains { $0.root != nil }
    guard asDirectory else {
      let target = output.lowercased().hasSuffix(".pdf") ? Self.replacingExtension(output, with: "html") : output
      return [BuildJob(input: pairs[0].file, html: target)]
    }
    if pairs.count > 1 && !asDirectory { throw Failure.manyToOne(output) }
    return pairs.map { pair in
      var relative = (pair.file as NSString).lastPathComponent
      if let root = pair.root {
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        let filePath = URL(fileURLWithPath: pair.file).standardizedFileURL.path
        if filePath.hasPrefix(rootPath + "/") { relative = String(filePath.dropFirst(rootPath.count + 1)) }
      }
      if pair.file == "-" { relative = "stdin.md" }
      let target = (output as NSString).appendingPathComponent(relative)
      return BuildJob(input: pair.file, html: Self.replacingExtension(target, with: "html"))
    }
  }

  public static func replacingExtension(_ path: String, with ext: String) -> String {
    let ns = path as NSString
    let base = ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
    return base + "." + ext
  }
}
