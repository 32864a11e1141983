// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "lectern",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "lectern", targets: ["lectern"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
  ],
  targets: [
    // Debian: libcmark-gfm-dev + libcmark-gfm-extensions-dev (pkg-config libcmark-gfm links both).
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "LecternCore"),
    .target(name: "LecternMarkdown", dependencies: ["CCmarkGFM", "LecternCore"]),
    .target(name: "LecternDeck", dependencies: ["LecternMarkdown", "LecternCore", "Yams"]),
    // templates/ (Mustache, theme CSS, viewer JS), compiled into the binary through a symlink.
    .target(name: "LecternTemplates", resources: [.embedInCode("Templates")]),
    .target(
      name: "LecternRender",
      dependencies: [
        "LecternDeck", "LecternPostmortem", "LecternMarkdown", "LecternMetrics", "LecternTemplates", "LecternCore",
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .target(
      name: "LecternMetrics",
      dependencies: [
        "LecternCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "LecternPostmortem", dependencies: ["LecternDeck", "LecternMarkdown", "LecternCore"]),
    .target(
      name: "LecternServe",
      dependencies: ["LecternRender", "LecternMarkdown"]),
    .target(name: "LecternLint", dependencies: ["LecternDeck", "LecternMarkdown", "LecternCore", "Yams"]),
    .executableTarget(
      name: "lectern",
      dependencies: [
        "LecternMetrics", "LecternLint", "LecternRender", "LecternServe", "LecternDeck", "LecternPostmortem", "LecternMarkdown",
        "LecternCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "LecternTestSupport", dependencies: ["LecternCore"], path: "Tests/LecternTestSupport"),
    .testTarget(
      name: "LecternMarkdownTests",
      dependencies: ["LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternDeckTests",
      dependencies: ["LecternDeck", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternRenderTests",
      dependencies: ["LecternRender", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternLintTests",
      dependencies: ["LecternLint", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternPostmortemTests",
      dependencies: ["LecternPostmortem", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternMetricsTests",
      dependencies: ["LecternMetrics", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternServeTests",
      dependencies: ["LecternServe", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternCLITests",
      dependencies: ["lectern", "LecternTestSupport"],
      exclude: ["Snapshots"]
    ),
  ]
)
