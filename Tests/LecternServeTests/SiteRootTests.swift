import Foundation
import LecternTestSupport
import Testing

@testable import LecternServe

@Suite struct SiteRootTests {
  @Test func onlyFilesUnderTheRootAreReachable() throws {
    let dir = TestPaths.temporaryDirectory()
    let site = dir.appendingPathComponent("site")
    try FileManager.default.createDirectory(at: site.appendingPathComponent("img"), withIntermediateDirectories: true)
    try "deck".write(to: site.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    try "pic".write(to: site.appendingPathComponent("img/a b.svg"), atomically: true, encoding: .utf8)
    try "secret".write(to: dir.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
    try "hidden".write(to: site.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: site.appendingPathComponent("escape.txt"), withDestinationURL: dir.appendingPathComponent("secret.txt"))
    try FileManager.default.createSymbolicLink(
      at: site.appendingPathComponent("alias.md"), withDestinationURL: site.appendingPathComponent("talk.md"))
    try FileManager.default.createSymbolicLink(
      atPath: site.appendingPathComponent("visible.txt").path, withDestinationPath: ".env")
    try FileManager.default.createDirectory(at: site.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try "[core]".write(to: site.appendingPathComponent(".git/config"), atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("repo").path, withDestinationPath: ".git")
    let root = SiteRoot(site)
    #expect(root.file(forRequestPath: "/talk.md")?.lastPathComponent == "talk.md")
    #expect(root.file(forRequestPath: "/img/a%20b.svg")?.lastPathComponent == "a b.svg")
    #expect(root.file(forRequestPath: "/alias.md") != nil, "a symlink that stays inside is fine")
    for path in [
      "/../secret.txt", "/img/../../secret.txt", "/%2e%2e/secret.txt", "/img/..%2f..%2fsecret.txt", "/img%2f..%2f..%2fsecret.txt",
      "/escape.txt", "/.env", "/visible.txt", "/repo/config", "/.git/config", "/img", "/missing.md", "/talk.md%00.png",
      "/..\\secret.txt",
    ] {
      #expect(root.file(forRequestPath: path) == nil, "\(path)")
    }
    #expect(root.markdownFiles().map(\.lastPathComponent) == ["alias.md", "talk.md"])
    #expect(root.requestPath(for: site.appendingPathComponent("img/a b.svg")) == "/img/a%20b.svg")
  }

  @Test func pagesGetTheReloadClientAndTheProblems() {
    let html = LiveReload.inject(
      SitePage(html: "<html><body><p>x</p></body></html>", problems: ["talk.md:3:1: error: <bad>"], kind: "deck"))
    #expect(html.contains("new EventSource('/__lectern/events')"))
    #expect(html.contains("talk.md:3:1: error: &lt;bad&gt;</div>"))
    #expect(html.hasSuffix("</body></html>"))
  }
}
