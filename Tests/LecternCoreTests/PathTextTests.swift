import Foundation
import LecternCore
import Testing

/// `PathText` must agree with Foundation's `standardizedFileURL` (which it replaces on hot paths).
struct PathTextTests {
  @Test(arguments: [
    "/a/b/c.png", "/a/./b//c.png", "/a/b/../c.png", "/a/b/../../../c.png", "/", "/a/b/", "/a/b/./", "/a/../..",
    "/deck/../assets/front_row.png", "/x/y/z/../../w", "/ü/ß/./ñ.png",
  ])
  func agreesWithFoundation(_ path: String) {
    #expect(PathText.normalized(path) == URL(fileURLWithPath: path).standardizedFileURL.path)
  }

  @Test func relativePathsResolveAgainstTheFolder() {
    #expect(PathText.resolve("../assets/a.png", against: "/talks/deck") == "/talks/assets/a.png")
    #expect(PathText.resolve("./img/b.png", against: "/talks/deck") == "/talks/deck/img/b.png")
    #expect(PathText.resolve("/etc/passwd", against: "/talks/deck") == "/etc/passwd")
    #expect(PathText.resolve("../../../../x", against: "/talks/deck") == "/x")
  }
}
