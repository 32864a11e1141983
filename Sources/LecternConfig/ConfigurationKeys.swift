import Foundation

/// One key of the configuration file: its Lectern name (kebab-case, the flag's long name), Marp's name when
/// Marp has an equal, what it holds, and where it goes.
struct ConfigurationKey: Sendable {
  enum Kind: Sendable {
    case text
    /// A file or folder, resolved against the configuration file's folder.
    case path
    /// One path or a list of them.
    case paths
    /// One word or a list of words.
    case words
    case flag
    case number(ClosedRange<Double>)
    /// One of these words.
    case choice([String])
    /// A list of these words.
    case choices([String])
  }

  var name: String
  var marp: String?
  var kind: Kind
  var apply: @Sendable (inout ProjectConfiguration, ConfigurationValue) -> Void
}

/// A key's value, checked against its kind.
enum ConfigurationValue: Sendable {
  case text(String)
  case list([String])
  case flag(Bool)
  case number(Double)

  var text: String? {
    switch self {
    case .text(let s): s
    case .list(let items): items.joined(separator: ", ")
    case .flag(let b): b ? "true" : "false"
    case .number(let n): String(n)
    }
  }

  var list: [String] {
    switch self {
    case .list(let items): items
    default: text.map { [$0] } ?? []
    }
  }

  var flag: Bool { if case .flag(let b) = self { b } else { false } }
}

/// Every key, in one list you can read (adding an option to the file adds it here).
enum ConfigurationKeys {
  static let imageFormats = ["png", "jpeg"]
  static let formats = ["html", "pdf", "pptx", "notes", "png", "jpeg"]

  static let all: [ConfigurationKey] = build + metadata + metrics

  static let build: [ConfigurationKey] = [
    .init(name: "theme", marp: "theme", kind: .text) { $0.theme = $1.text },
    .init(name: "theme-set", marp: "themeSet", kind: .paths) { $0.themeSet = $1.list },
    .init(name: "html", marp: "html", kind: .flag) { $0.html = $1.flag },
    .init(name: "allow-local-files", marp: "allowLocalFiles", kind: .flag) { $0.allowLocalFiles = $1.flag },
    .init(name: "embed-assets", marp: nil, kind: .flag) { $0.embedAssets = $1.flag },
    .init(name: "progress", marp: nil, kind: .flag) { $0.progress = $1.flag },
    .init(name: "output", marp: "output", kind: .path) { $0.output = $1.text },
    .init(name: "formats", marp: nil, kind: .choices(formats)) { $0.formats = $1.list },
    .init(name: "pdf", marp: "pdf", kind: .flag) { config, value in config.set(format: "pdf", value.flag) },
    .init(name: "pptx", marp: "pptx", kind: .flag) { config, value in config.set(format: "pptx", value.flag) },
    .init(name: "notes", marp: "notes", kind: .flag) { $0.notes = $1.flag },
    .init(name: "pdf-notes", marp: "pdfNotes", kind: .flag) { $0.pdfNotes = $1.flag },
    .init(name: "pdf-outlines", marp: "pdfOutlines", kind: .flag) { $0.pdfOutlines = $1.flag },
    .init(name: "images", marp: "images", kind: .choice(imageFormats)) { $0.images = $1.text },
    .init(name: "image", marp: "image", kind: .choice(imageFormats)) { $0.image = $1.text },
    .init(name: "image-scale", marp: "imageScale", kind: .number(0.1...10)) {
      if case .number(let n) = $1 { $0.imageScale = n }
    },
    .init(name: "browser-path", marp: "browserPath", kind: .path) { $0.browserPath = $1.text },
    .init(name: "templates", marp: nil, kind: .path) { $0.templates = $1.text },
    .init(name: "watch", marp: "watch", kind: .flag) { $0.watch = $1.flag },
  ]

  /// Marp's metadata options; stored by the global directive each one overrides.
  static let metadata: [ConfigurationKey] = [
    .init(name: "title", marp: "title", kind: .text) { $0.metadata["title"] = $1.text },
    .init(name: "description", marp: "description", kind: .text) { $0.metadata["description"] = $1.text },
    .init(name: "author", marp: "author", kind: .text) { $0.metadata["author"] = $1.text },
    .init(name: "url", marp: "url", kind: .text) { $0.metadata["url"] = $1.text },
    .init(name: "og-image", marp: "ogImage", kind: .text) { $0.metadata["image"] = $1.text },
    .init(name: "keywords", marp: "keywords", kind: .words) { $0.metadata["keywords"] = $1.text },
  ]

  static let metrics: [ConfigurationKey] = [
    .init(name: "db", marp: nil, kind: .path) { $0.db = $1.text },
    .init(name: "data", marp: nil, kind: .path) { $0.data = $1.text },
    .init(name: "window", marp: nil, kind: .text) { $0.window = $1.text },
    .init(name: "since", marp: nil, kind: .text) { $0.since = $1.text },
    .init(name: "until", marp: nil, kind: .text) { $0.until = $1.text },
    .init(name: "as-of", marp: nil, kind: .text) { $0.asOf = $1.text },
    .init(name: "service", marp: nil, kind: .words) { $0.services = $1.list },
  ]

  /// Keys `lectern lint` reads from the same file (checked there).
  static let lint = ["rules", "exclude"]

  /// The metrics settings in snake and kebab case (see `ConfigurationFiles.metricsSettings`).
  static let metricsSettingNames =
    ConfigurationFiles.metricsSettings + ConfigurationFiles.metricsSettings.map { $0.replacingOccurrences(of: "_", with: "-") }

  /// Marp CLI keys with no equal in Lectern: read, reported as not used, never an error.
  static let marpWithoutEqual = [
    "bespoke", "browser", "browserProtocol", "browserTimeout", "engine", "inputDir", "jpegQuality",
    "lang", "options", "parallel", "pptxEditable", "preview", "server", "template", "configFile", "stdin",
  ]

  static func named(_ name: String, marp: Bool) -> ConfigurationKey? {
    all.first { (marp ? $0.marp : $0.name) == name }
  }

  /// The names a file of this dialect accepts, for the message about an unknown key.
  static func known(marp: Bool) -> [String] {
    marp
      ? all.compactMap(\.marp)
      : all.map(\.name) + lint + ConfigurationFiles.metricsSettings.map { $0.replacingOccurrences(of: "_", with: "-") }
  }
}

extension ProjectConfiguration {
  mutating func set(format: String, _ on: Bool) {
    formats.removeAll { $0 == format }
    if on { formats.append(format) }
  }

  /// Every top-level key Lectern's own file may hold besides the lint keys (for `lectern lint` to skip).
  public static var buildKeys: Set<String> {
    Set(ConfigurationKeys.all.map(\.name)).union(ConfigurationKeys.metricsSettingNames)
  }
}
