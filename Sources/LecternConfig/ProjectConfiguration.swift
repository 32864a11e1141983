import Foundation

/// Build, serve and metrics options from a project's configuration file (`lectern.yml`, `.lectern.yml`, or
/// Marp's `.marprc.yml`). Every value is optional: a flag on the command line wins over it, and what neither
/// says keeps Lectern's default. Paths are already resolved against the file's folder.
///
/// ```yaml
/// theme: harbor
/// theme-set: [themes/]
/// output: out/
/// formats: [html, pdf, pptx]
/// pdf-outlines: true
/// title: Friday deploys
/// db: .lectern/metrics.sqlite
/// window: 30d
/// rules:                # lint options, read by `lectern lint`
///   table-pipe-style: off
/// ```
public struct ProjectConfiguration: Sendable, Equatable {
  /// The file it was read from (`nil`: none found, every value empty).
  public var path: String?
  public var theme: String?
  public var themeSet: [String] = []
  public var html: Bool?
  public var allowLocalFiles: Bool?
  public var embedAssets: Bool?
  public var progress: Bool?
  /// The output file or folder (`-o`).
  public var output: String?
  /// Extra products besides the main one: any of `html`, `pdf`, `pptx`, `notes`, `png`, `jpeg`.
  public var formats: [String] = []
  public var pdfNotes: Bool?
  public var pdfOutlines: Bool?
  /// `png` or `jpeg`: one image per slide.
  public var images: String?
  /// `png` or `jpeg`: the title slide only (an og:image).
  public var image: String?
  public var imageScale: Double?
  /// Document metadata by Marp's global directive names: title, description, author, url, image, keywords.
  public var metadata: [String: String] = [:]
  public var browserPath: String?
  public var templates: String?
  public var watch: Bool?
  public var notes: Bool?
  /// Metrics store (`db`) or record folder (`data`) and the window for live numbers.
  public var db: String?
  public var data: String?
  public var window: String?
  public var since: String?
  public var until: String?
  public var asOf: String?
  public var services: [String] = []
  /// Keys read but not used (Marp keys with no equal here), as `file:line:column: warning: ...` lines.
  public var warnings: [String] = []

  public init() {}

  /// The configuration for inputs in `directory`: `explicit` (`--config`) when given, else the nearest file
  /// found up the tree, else an empty configuration.
  public static func resolve(explicit: String?, from directory: URL) throws -> ProjectConfiguration {
    if let explicit {
      guard FileManager.default.fileExists(atPath: explicit) else {
        throw ConfigurationFileError(path: explicit, line: nil, column: nil, message: "no such configuration file")
      }
      return try load(path: explicit)
    }
    guard let found = ConfigurationFiles.find(from: directory) else { return ProjectConfiguration() }
    return try load(path: found)
  }

  /// Reads one file; Marp's files by Marp's key names. Unknown keys are errors at their line and column.
  public static func load(path: String) throws -> ProjectConfiguration {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationFileError(path: path, line: nil, column: nil, message: "cannot read: \(error.localizedDescription)")
    }
    return try ConfigurationReader(path: path, marp: ConfigurationFiles.isMarp(path)).read(text)
  }

  /// A folder input's or a file input's directory, for finding the configuration.
  public static func directory(forInput input: String) -> URL {
    if input == "-" { return URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }
    var isDirectory: ObjCBool = false
    let url = URL(fileURLWithPath: input)
    if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue { return url }
    return url.deletingLastPathComponent()
  }
}
