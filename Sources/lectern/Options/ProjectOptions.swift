import ArgumentParser
import Foundation
import LecternConfig
import LecternDORA
import LecternMetrics

/// `-c/--config`: the project's configuration file, else the nearest `lectern.yml`, `.lectern.yml` or Marp
/// `.marprc.yml` found up the tree from the first input.
struct ConfigOption: ParsableArguments {
  @Option(
    name: [.short, .customLong("config")],
    help: "A configuration file (default: the nearest lectern.yml, .lectern.yml or Marp .marprc.yml above the input).")
  var config: String?

  /// The configuration for `inputs`; its warnings (Marp keys not used) are printed here.
  func load(for inputs: [String]) throws -> ProjectConfiguration {
    let directory = ProjectConfiguration.directory(forInput: inputs.first ?? ".")
    let loaded = try ProjectConfiguration.resolve(explicit: config, from: directory)
    loaded.warnings.forEach(printError)
    return loaded
  }
}

/// Marp's metadata options: each one written over the deck's global directive of the same meaning.
struct MetadataOptions: ParsableArguments {
  @Option(help: "The document title (HTML <title> and og:title, PDF and PPTX properties).")
  var title: String?

  @Option(help: "The description (HTML meta and og:description, PDF subject, PPTX subject).")
  var description: String?

  @Option(help: "The author (HTML meta, PDF author, PPTX creator).")
  var author: String?

  @Option(help: "The canonical URL (HTML link rel=canonical and og:url).")
  var url: String?

  @Option(name: .customLong("og-image"), help: "The Open Graph image URL (og:image).")
  var ogImage: String?

  @Option(help: "Comma-separated keywords (HTML meta, PDF keywords, PPTX keywords).")
  var keywords: String?

  /// Directive name → value: the configuration's, with the flags written over them.
  func directives(over config: ProjectConfiguration) -> [String: String] {
    var values = config.metadata
    let flags: [String: String?] = [
      "title": title, "description": description, "author": author, "url": url, "image": ogImage, "keywords": keywords,
    ]
    for case (let name, let value?) in flags { values[name] = value }
    return values
  }
}

extension MetricsSourceOptions {
  /// The command line's store and window, else the configuration's.
  func defaults(window: WindowOptions, config: ProjectConfiguration) throws -> MetricsDefaults {
    var defaults = try self.defaults(window: window)
    if data == nil, store.db == nil {
      defaults.data = config.data
      defaults.db = config.db
      if let db = config.db { defaults.defaultStore = db }
    }
    let flags = window.spec
    if flags.length == nil, flags.since == nil, flags.until == nil, flags.asOf == nil {
      var spec = WindowSpec(
        length: config.window, since: config.since, until: config.until, asOf: config.asOf, services: flags.services)
      if spec.services.isEmpty { spec.services = config.services }
      do {
        try spec.validate()
      } catch let error as WindowSpec.Invalid {
        throw ValidationError("\(config.path ?? "configuration"): \(error.description)")
      }
      defaults.window = spec
    } else if flags.services.isEmpty {
      defaults.window.services = config.services
    }
    return defaults
  }
}
