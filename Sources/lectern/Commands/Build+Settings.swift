import ArgumentParser
import Foundation
import LecternConfig
import LecternPipeline

extension Lectern.Build {
  /// The build's choices: each flag given on the command line, else the configuration file's value, else the default.
  func settings(config: ProjectConfiguration) -> DeckBuilder.Settings {
    let formats = Set(config.formats)
    var settings = DeckBuilder.Settings()
    settings.theme = theme ?? config.theme
    settings.themeSet = themeSet.isEmpty ? config.themeSet : themeSet
    settings.allowHTML = html || config.html == true
    settings.embedAssets = embedAssets || config.embedAssets == true
    settings.allowLocalFiles = allowLocalFiles || config.allowLocalFiles == true
    settings.progressBar = progress || config.progress == true
    settings.pdfNotes = pdfNotes || config.pdfNotes == true
    settings.pdfOutlines = pdfOutlines || config.pdfOutlines == true
    settings.pdf = pdf || formats.contains("pdf") || settings.pdfOutlines
    settings.pptx = pptx || formats.contains("pptx")
    settings.notes = notes || formats.contains("notes") || config.notes == true
    settings.images =
      (images?.format ?? config.images.flatMap { OutputFormat(rawValue: $0) })
      ?? (formats.contains("png") ? .png : formats.contains("jpeg") ? .jpeg : nil)
    settings.image = image?.format ?? config.image.flatMap { OutputFormat(rawValue: $0) }
    settings.imageScale = imageScale ?? config.imageScale ?? 1
    settings.browserPath = browserPath ?? config.browserPath
    settings.templates = templates ?? config.templates
    settings.metadata = metadata.directives(over: config)
    settings.annotate = !noAnnotate
    settings.oneShot = !(watch || config.watch == true)
    return settings
  }

  /// `-s`: the input folder (or the first input's folder) served as `lectern serve` would, with this
  /// command's theme set, HTML switch, templates, metrics and configuration.
  func serveFolder(config: ProjectConfiguration) throws {
    let folder = ProjectConfiguration.directory(forInput: inputs.first ?? ".").path
    var arguments = [folder]
    for entry in themeSet { arguments += ["--theme-set", entry] }
    if html { arguments.append("--html") }
    if let templates { arguments += ["--templates", templates] }
    if let file = project.config { arguments += ["--config", file] }
    if let db = metrics.store.db { arguments += ["--db", db] }
    if let data = metrics.data { arguments += ["--data", data] }
    if let length = window.window { arguments += ["--window", length] }
    let serve = try Lectern.Serve.parse(arguments)
    try serve.run()
  }
}

/// `png` or `jpeg`, for `--images` and `--image`.
enum ImageFormatArgument: String, ExpressibleByArgument, CaseIterable {
  case png
  case jpeg

  var format: OutputFormat { self == .png ? .png : .jpeg }
}
