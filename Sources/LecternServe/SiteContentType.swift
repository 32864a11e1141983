import Foundation
import LecternSlides

/// The `Content-Type` of a static file the server passes through (images, CSS, fonts, data).
enum SiteContentType {
  static func of(_ file: URL) -> String {
    switch file.pathExtension.lowercased() {
    case "css": "text/css; charset=utf-8"
    case "js": "text/javascript; charset=utf-8"
    case "json": "application/json"
    case "html", "htm": "text/html; charset=utf-8"
    case "txt", "md", "csv": "text/plain; charset=utf-8"
    case "pdf": "application/pdf"
    case "woff2": "font/woff2"
    case "woff": "font/woff"
    default: AssetResolver.mimeType(for: file)  // images, as embedded in built pages
    }
  }
}
