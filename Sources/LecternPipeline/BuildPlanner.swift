import Foundation
import LecternCore
import LecternDeck

/// What `lectern build` can write, chosen by `-o`'s extension (one list: adding a format adds it here).
public enum OutputFormat: String, Sendable, Hashable, CaseIterable {
  case html
  case pdf
  case pptx
  /// The title slide as an image (Marp's `-o talk.png`); `--images` writes every slide.
  case png
  case jpeg

  /// Extensions each format is written under.
  public var extensions: [String] {
    switch self {
    case .html: ["html", "htm"]
    case .pdf: ["pdf"]
    case .pptx: ["pptx"]
    case .png: ["png"]
    case .jpeg: ["jpeg", "jpg"]
    }
  }

  /// A picture of slides, taken with headless Chromium.
  public var isImage: Bool { self == .png || self == .jpeg }

  /// The format for a path's extension (case-insensitive); `nil` when Lectern cannot write it.
  public init?(path: String) {
    let ext = (path as NSString).pathExtension.lowercased()
    guard let format = OutputFormat.allCases.first(where: { $0.extensions.contains(ext) }) else { return nil }
    self = format
  }

  static var known: String { allCases.flatMap { $0.extensions.map { "." + $0 } }.joined(separator: ", ") }
}

/// One deck to build and where its product goes (`nil` output: HTML on standard output).
public struct BuildJob: Sendable, Hashable {
  public var input: String
  /// The main product's path; `nil` writes HTML to standard output.
  public var output: String?
  public var format: OutputFormat

  public init(input: String, output: String?, format: OutputFormat = .html) {
    self.input = input
    self.output = output
    self.format = format
  }

  /// The HTML page's path when the main product is a page.
  public var html: String? { format == .html ? output : nil }
}

/// Maps inputs to outputs: beside the source, into a named file (its extension picks the format), or
/// mirrored into a directory.
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
    case unknownFormat(String)
    case outputIsInput(String)
    case noDecks([String])

    public var description: String {
      switch self {
      case .manyToOne(let path):
        "\(path): error: several decks cannot be written to one file; give a directory (ending in '/') for -o"
      case .stdinNeedsOutput: "-: error: a deck read from standard input needs -o FILE or -o -"
      case .unknownFormat(let path):
        "\(path): error: lectern cannot write '.\((path as NSString).pathExtension)' files; "
          + "expected -o with \(OutputFormat.known), a directory ending in '/', or '-'"
      case .outputIsInput(let path):
        "\(path): error: -o names an input file; building would overwrite the deck"
      case .noDecks(let inputs):
        "\(inputs.joined(separator: ", ")): error: no deck found (a deck has 'marp: true' or a Marp directive in its front matter)"
      }
    }
  }

  /// The jobs, refused when there is no deck or when an output would replace an input (the same file by
  /// device and inode, so symbolic and hard links count).
  public func jobs() throws -> [BuildJob] {
    let pairs = try expandedInputs()
    guard !pairs.isEmpty else { throw Failure.noDecks(inputs) }
    let jobs = try plan(pairs)
    let inputs = Set(pairs.map { Self.standardized($0.file) })
    let inputFiles = Set(pairs.compactMap { FileIdentity(path: $0.file) })
    for job in jobs {
      guard let output = job.output else { continue }
      if inputs.contains(Self.standardized(output)) || FileIdentity(path: output).map(inputFiles.contains) == true {
        throw Failure.outputIsInput(output)
      }
    }
    return jobs
  }

  private func expandedInputs() throws -> [(file: String, root: String?)] {
    var pairs: [(file: String, root: String?)] = []
    for input in inputs {
      var isDirectory: ObjCBool = false
      let isDir =
        input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue
      // Inside a directory only decks are built; a file named on the command line always is.
      for file in try InputFiles.expand([input]) where !isDir || Self.isDeck(file) {
        pairs.append((file, isDir ? input : nil))
      }
    }
    if pairs.isEmpty, !inputs.isEmpty { throw Failure.noDecks(inputs) }
    var seen: Set<String> = []
    return pairs.filter { seen.insert($0.file).inserted }
  }

  /// Markdown files inside directory inputs that are not decks, for the one line that names them.
  public func skippedDocuments() -> [String] {
    inputs.flatMap { input -> [String] in
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
      return ((try? InputFiles.expand([input])) ?? []).filter { !Self.isDeck($0) }
    }
  }

  /// Whether a file found in a directory reads as a deck; an unreadable file is kept, so its error is reported.
  static func isDeck(_ path: String) -> Bool {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return true }
    return DocumentKind.detect(SourceFile(path: path, text: text)) == .deck
  }

  private func plan(_ pairs: [(file: String, root: String?)]) throws -> [BuildJob] {
    guard let output else {
      if pairs.contains(where: { $0.file == "-" }) { throw Failure.stdinNeedsOutput }
      return pairs.map { BuildJob(input: $0.file, output: Self.replacingExtension($0.file, with: "html")) }
    }
    if output == "-" {
      guard pairs.count == 1 else { throw Failure.manyToOne("-") }
      return [BuildJob(input: pairs[0].file, output: nil)]
    }
    var isDirectory: ObjCBool = false
    let existsAsDirectory = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue
    let hasExtension = !(output as NSString).pathExtension.isEmpty
    // A device or FIFO (`/dev/null`, `/dev/stdout`) is a file to write HTML into, whatever its name.
    var info = stat()
    let special = !existsAsDirectory && stat(output, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
    let asDirectory = existsAsDirectory || output.hasSuffix("/") || (!hasExtension && !special)
    guard asDirectory else {
      if pairs.contains(where: { Self.standardized($0.file) == Self.standardized(output) })
        || FileIdentity(path: output).map({ target in pairs.contains { FileIdentity(path: $0.file) == target } }) == true
      {
        throw Failure.outputIsInput(output)
      }
      guard let format = OutputFormat(path: output) ?? (special ? .html : nil) else { throw Failure.unknownFormat(output) }
      if pairs.count > 1 || pairs.contains(where: { $0.root != nil }) { throw Failure.manyToOne(output) }
      return [BuildJob(input: pairs[0].file, output: output, format: format)]
    }
    return pairs.map { pair in
      var relative = (pair.file as NSString).lastPathComponent
      if let root = pair.root {
        let rootPath = Self.standardized(root)
        let filePath = Self.standardized(pair.file)
        if filePath.hasPrefix(rootPath + "/") { relative = String(filePath.dropFirst(rootPath.count + 1)) }
      }
      if pair.file == "-" { relative = "stdin.md" }
      let target = (output as NSString).appendingPathComponent(relative)
      return BuildJob(input: pair.file, output: Self.replacingExtension(target, with: "html"))
    }
  }

  static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

  public static func replacingExtension(_ path: String, with ext: String) -> String {
    let ns = path as NSString
    let base = ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
    return base + "." + ext
  }
}
