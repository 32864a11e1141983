import Foundation
import LecternCore
import Mustache

/// The Mustache templates and static assets renderers use: the set compiled into the binary, or a
/// folder laid out like `templates/` (`--templates DIR`), whose files replace the built-in ones by name.
///
/// Built-in templates are parsed on first use (a `lint` or a `build` never parses the report templates);
/// templates from a folder or a file are parsed when loaded, so a broken one is reported before any work.
public struct TemplateLibrary: Sendable {
  /// Template texts by name; parsed into `parsed` when first rendered.
  private let texts: [String: String]
  private let parsed: Locked<[String: MustacheTemplate]>
  private let assets: [String: String]

  public static let shared = TemplateLibrary()

  public init() {
    var texts: [String: String] = [:]
    var assets: [String: String] = [:]
    for (name, bytes) in TemplateCatalog.files {
      let text = String(decoding: bytes, as: UTF8.self)
      if TemplateCatalog.templateNames.contains(name) { texts[name] = text } else { assets[name] = text }
    }
    self.init(texts: texts, parsed: [:], assets: assets)
  }

  private init(texts: [String: String], parsed: [String: MustacheTemplate], assets: [String: String]) {
    self.texts = texts
    self.parsed = Locked(parsed)
    self.assets = assets
  }

  public enum LoadError: Error, CustomStringConvertible {
    case unreadable(String)
    case invalid(file: String, message: String)

    public var description: String {
      switch self {
      case .unreadable(let path): "\(path): error: cannot read the template folder or file"
      case .invalid(let file, let message): "\(file): error: invalid Mustache template: \(message)"
      }
    }
  }

  /// The built-in set with every file of `directory` laid over it (`NAME.mustache` templates, other files as assets).
  public init(overlaying directory: String) throws {
    var library = TemplateLibrary.shared
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      throw LoadError.unreadable(directory)
    }
    var assets = library.assets
    for file in names.sorted() {
      let path = (directory as NSString).appendingPathComponent(file)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      if file.hasSuffix(".mustache") {
        library = try library.adding(text, named: String(file.dropLast(".mustache".count)), file: path)
      } else {
        assets[file] = text
      }
    }
    self.init(texts: library.texts, parsed: library.parsed.snapshot, assets: assets)
  }

  /// This set with one more template registered under `name` (a `--template FILE`), parsed now.
  public func adding(_ text: String, named name: String, file: String? = nil) throws -> TemplateLibrary {
    let template: MustacheTemplate
    do {
      template = try MustacheTemplate(string: text)
    } catch {
      throw LoadError.invalid(file: file ?? name, message: "\(error)")
    }
    var texts = self.texts
    texts[name] = text
    var parsed = self.parsed.snapshot
    parsed[name] = template
    return TemplateLibrary(texts: texts, parsed: parsed, assets: assets)
  }

  /// Renders `object` with the template `name` (an empty string when there is no such template).
  public func render(_ object: Any, template name: String) -> String {
    template(named: name)?.render(object) ?? ""
  }

  /// Parsed under the lock, so threads asking at once (a build and its warm-up, several decks) parse a
  /// template once and the later ones wait for it.
  private func template(named name: String) -> MustacheTemplate? {
    parsed.withLock { parsed in
      if let known = parsed[name] { return known }
      // The built-in templates are tested to parse; one that does not is a build defect.
      guard let text = texts[name], let template = try? MustacheTemplate(string: text) else { return nil }
      parsed[name] = template
      return template
    }
  }

  /// A static file of the set (CSS, JS).
  public func asset(_ name: String) -> String { assets[name] ?? "" }
}
