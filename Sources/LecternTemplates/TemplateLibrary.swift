import Foundation
import Mustache

/// The Mustache templates and static assets renderers use: the set compiled into the binary, or a
/// folder laid out like `templates/` (`--templates DIR`), whose files replace the built-in ones by name.
public struct TemplateLibrary: Sendable {
  private let library: MustacheLibrary
  private let assets: [String: String]

  public static let shared = TemplateLibrary()

  public init() {
    var library = MustacheLibrary()
    var assets: [String: String] = [:]
    for (name, bytes) in TemplateCatalog.files {
      let text = String(decoding: bytes, as: UTF8.self)
      if TemplateCatalog.templateNames.contains(name) {
        // The built-in templates are tested to parse; a failure here is a build defect.
        try! library.register(text, named: name)
      } else {
        assets[name] = text
      }
    }
    self.library = library
    self.assets = assets
  }

  public enum LoadError: Error, CustomStringConvertible {
    case unreadable(String)
    case invalid(file: String, message: String)

    public var description: String {
      switch self {
      case .unreadable(let path): "cannot read template folder \(path)"
      case .invalid(let file, let message): "\(file): invalid Mustache template: \(message)"
      }
    }
  }

  /// The built-in set with every file of `directory` laid over it (`NAME.mustache` templates, other files as assets).
  public init(overlaying directory: String) throws {
    var library = TemplateLibrary.shared.library
    var assets = TemplateLibrary.shared.assets
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      throw LoadError.unreadable(directory)
    }
    for file in names.sorted() {
      let path = (directory as NSString).appendingPathComponent(file)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      if file.hasSuffix(".mustache") {
        do {
          try library.register(text, named: String(file.dropLast(".mustache".count)))
        } catch {
          throw LoadError.invalid(file: path, message: "\(error)")
        }
      } else {
        assets[file] = text
      }
    }
    self.library = library
    self.assets = assets
  }

  /// This set with one more template registered under `name` (a `--template FILE`).
  public func adding(_ text: String, named name: String) throws -> TemplateLibrary {
    var library = self.library
    do {
      try library.register(text, named: name)
    } catch {
      throw LoadError.invalid(file: name, message: "\(error)")
    }
    return TemplateLibrary(library: library, assets: assets)
  }

  private init(library: MustacheLibrary, assets: [String: String]) {
    self.library = library
    self.assets = assets
  }

  public func render(_ object: Any, template: String) -> String {
    library.render(object, withTemplate: template) ?? ""
  }

  /// A static file of the set (CSS, JS).
  public func asset(_ name: String) -> String { assets[name] ?? "" }
}
