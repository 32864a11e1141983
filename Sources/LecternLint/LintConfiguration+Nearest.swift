import Foundation

extension LintConfiguration {
  /// The settings that apply to files in `folder`: the nearest markdownlint file's rule switches, then the nearest
  /// `.lectern.yml` on top (it wins). No file found: the defaults.
  public static func nearest(to folder: URL) throws -> LintConfiguration {
    try load(lectern: find(from: folder), markdownlint: MarkdownlintNames.find(from: folder))
  }

  /// Reads a markdownlint file and a `.lectern.yml` (either may be absent) into one configuration.
  static func load(lectern: String?, markdownlint: String?) throws -> LintConfiguration {
    var loaded = LintConfiguration()
    if let markdownlint { try MarkdownlintNames.load(path: markdownlint, into: &loaded) }
    if let lectern { loaded = loaded.overridden(by: try LintConfiguration.load(path: lectern)) }
    return loaded
  }
}
