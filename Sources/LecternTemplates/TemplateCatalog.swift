/// The files of `templates/`, compiled into the binary (the folder is flat; `Templates` is a symlink).
///
/// Keys are file names without `.mustache`, the names `MustacheLibrary(directory:)` gives the same files,
/// so a `--templates DIR` override swaps the whole set without renaming anything.
public enum TemplateCatalog {
  public static let files: [String: [UInt8]] = [
    "deck.html": PackageResources.deck_html_mustache,
    "deck-viewer.css": PackageResources.deck_viewer_css,
    "deck-viewer.js": PackageResources.deck_viewer_js,
    "theme-lectern.css": PackageResources.theme_lectern_css,
    "theme-harbor.css": PackageResources.theme_harbor_css,
    "theme-plain.css": PackageResources.theme_plain_css,
    "theme-default.css": PackageResources.theme_default_css,
    "theme-gaia.css": PackageResources.theme_gaia_css,
    "theme-uncover.css": PackageResources.theme_uncover_css,
    "report.html": PackageResources.report_html_mustache,
    "report.md": PackageResources.report_md_mustache,
    "report.css": PackageResources.report_css,
    "serve-index.html": PackageResources.serve_index_html_mustache,
    "serve-404.html": PackageResources.serve_404_html_mustache,
    "serve-error.html": PackageResources.serve_error_html_mustache,
  ]

  /// The file's text, or `nil` when there is no such file.
  public static func text(_ name: String) -> String? {
    files[name].map { String(decoding: $0, as: UTF8.self) }
  }

  /// Names of the Mustache templates (the files that were `NAME.mustache`).
  public static let templateNames: Set<String> = [
    "deck.html", "report.html", "report.md", "serve-index.html", "serve-404.html", "serve-error.html",
  ]
}
