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
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.0"),
    // The shared team store (`--db postgresql://…`): PostgreSQL's wire protocol, TLS through swift-nio-ssl.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
    // Already in the graph through postgres-nio; named because LecternMetrics imports them directly.
    .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
  ],
  targets: [
    // Debian: libcmark-gfm-dev + libcmark-gfm-extensions-dev (pkg-config libcmark-gfm links both).
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // Layers, bottom up: Core → Markdown → Deck → Postmortem (reading); DORA values → Metrics (the only SQL);
    // Live, Slides, Report, Extract render values; Serve and the lectern commands compose them.
    .target(name: "LecternCore"),
    // The project's configuration file (lectern.yml, or Marp's .marprc.yml): build, serve and metrics options.
    .target(name: "LecternConfig", dependencies: ["LecternCore", "Yams"]),
    .target(name: "LecternMarkdown", dependencies: ["CCmarkGFM", "LecternCore"]),
    .target(name: "LecternDeck", dependencies: ["LecternMarkdown", "LecternCore", "Yams"]),
    .target(name: "LecternPostmortem", dependencies: ["LecternDeck", "LecternMarkdown", "LecternCore"]),
    // DORA values: records, windows, measurements, tiers, formatting. No SQL, no rendering.
    .target(name: "LecternDORA", dependencies: ["LecternCore"]),
    // Records in: CSV / JSON Lines / JSON record files, provider exports (GitHub, GitLab, PagerDuty, Opsgenie)
    // and `git log`, read into typed DORA records with every problem located. No database.
    .target(name: "LecternRecords", dependencies: ["LecternDORA", "LecternCore"]),
    // The metrics store: the only module that opens a database (GRDB for SQLite files, PostgresNIO for a
    // shared PostgreSQL store); returns DORAReport values.
    .target(
      name: "LecternMetrics",
      dependencies: [
        "LecternRecords", "LecternDORA", "LecternCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
      ]),
    // templates/ (Mustache, theme CSS, viewer JS), compiled into the binary through a symlink, and their loader.
    .target(
      name: "LecternTemplates", dependencies: ["LecternCore", .product(name: "Mustache", package: "swift-mustache")],
      resources: [.embedInCode("Templates")]),
    // Headless Chromium: PDF printing, and a DevTools-protocol session (pages, scripts, screenshots, PDF).
    .target(name: "LecternBrowser", dependencies: ["LecternCore"]),
    // Layout measured in the real rendering: decks built in memory, opened in one headless Chromium, every slide
    // measured (overflow, small text, contrast) by a script in the page.
    .target(name: "LecternLayout", dependencies: ["LecternBrowser", "LecternSlides", "LecternDeck", "LecternCore"]),
    // Live numbers in documents: {{dora.*}} placeholders and benchmark-table annotation over a DORAReport.
    .target(name: "LecternLive", dependencies: ["LecternDORA", "LecternMarkdown", "LecternCore"]),
    .target(
      name: "LecternSlides",
      dependencies: [
        "LecternLive", "LecternDeck", "LecternMarkdown", "LecternTemplates", "LecternDORA", "LecternCore",
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .target(
      name: "LecternReport",
      dependencies: [
        "LecternLive", "LecternPostmortem", "LecternDeck", "LecternMarkdown", "LecternTemplates", "LecternDORA",
        "LecternCore", .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .target(name: "LecternExtract", dependencies: ["LecternPostmortem", "LecternDeck", "LecternMarkdown", "LecternCore"]),
    // Lint reads documents and re-reports what the slide builder would warn about (one producer per id).
    .target(
      name: "LecternLint",
      dependencies: [
        "LecternLayout", "LecternSlides", "LecternPostmortem", "LecternDeck", "LecternMarkdown", "LecternConfig", "LecternCore",
        "Yams",
      ]),
    // The language server (`lectern lsp`): framed JSON-RPC, diagnostics and fixes from LecternLint, directive hover.
    .target(
      name: "LecternLSP", dependencies: ["LecternLint", "LecternSlides", "LecternDeck", "LecternCore"]),
    // Editable PowerPoint (Office Open XML) written from the deck model; ZIP through ZIPFoundation.
    .target(
      name: "LecternExport",
      dependencies: ["LecternLive", "LecternDORA", "LecternDeck", "LecternMarkdown", "LecternCore", "ZIPFoundation"]),
    // The pipeline commands and the server share: inputs to outputs, documents to numbers, decks to pages.
    .target(
      name: "LecternPipeline",
      dependencies: [
        "LecternSlides", "LecternExport", "LecternReport", "LecternLive", "LecternMetrics", "LecternBrowser", "LecternLayout",
        "LecternPostmortem",
        "LecternDeck",
        "LecternMarkdown", "LecternTemplates", "LecternDORA", "LecternCore",
      ]),
    .target(
      name: "LecternServe",
      dependencies: [
        "LecternPipeline", "LecternSlides", "LecternReport", "LecternPostmortem", "LecternDeck", "LecternMarkdown",
        "LecternTemplates", "LecternDORA", "LecternCore", .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]),
    .executableTarget(
      name: "lectern",
      dependencies: [
        "LecternMetrics", "LecternRecords", "LecternLint", "LecternLSP", "LecternSlides", "LecternReport", "LecternExtract",
        "LecternLive", "LecternBrowser", "LecternLayout",
        "LecternServe", "LecternPipeline", "LecternDeck", "LecternPostmortem", "LecternMarkdown", "LecternDORA",
        "LecternTemplates", "LecternConfig",
        "LecternCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // .lectern/metrics.yml (teams, production aliases, inferred causes).
        "Yams",
      ],
      // Swift's static-stdlib link exports every symbol of the executable (51,000) to the dynamic symbol table, and
      // the loader then checks that table for every symbol the shared libraries bind at start (1.5 ms of each run);
      // only Lectern's definition of cmark-gfm's `cmark_manage_extensions_special_characters` must be there, for
      // the library's calls to reach it (see LecternMarkdown's InlineCharacters).
      linkerSettings: [
        .unsafeFlags([
          "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
          "-Xlinker", "--no-export-dynamic",
          "-Xlinker", "--export-dynamic-symbol=cmark_manage_extensions_special_characters",
        ])
      ]
    ),
    .target(name: "LecternTestSupport", dependencies: ["LecternCore"], path: "Tests/LecternTestSupport"),
    .testTarget(
      name: "LecternCoreTests",
      dependencies: ["LecternCore", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternConfigTests",
      dependencies: ["LecternConfig", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternBrowserTests",
      dependencies: ["LecternBrowser", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternLayoutTests",
      dependencies: ["LecternLayout", "LecternLint", "LecternBrowser", "LecternDeck", "LecternCore", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternTemplatesTests",
      dependencies: [
        "LecternTemplates", "LecternCore", "LecternTestSupport", .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .testTarget(
      name: "LecternMarkdownTests",
      dependencies: ["LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternDeckTests",
      dependencies: ["LecternDeck", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternSlidesTests",
      dependencies: ["LecternSlides", "LecternLive", "LecternDeck", "LecternMarkdown", "LecternTemplates", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternReportTests",
      dependencies: ["LecternReport", "LecternMetrics", "LecternDORA", "LecternPostmortem", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternExportTests",
      dependencies: ["LecternExport", "LecternDeck", "LecternMarkdown", "LecternTestSupport", "ZIPFoundation"],
      exclude: ["read_pptx.py"]
    ),
    .testTarget(
      name: "LecternExtractTests",
      dependencies: ["LecternExtract", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternLiveTests",
      dependencies: ["LecternLive", "LecternSlides", "LecternMetrics", "LecternDORA", "LecternDeck", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternLintTests",
      dependencies: ["LecternLint", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternLSPTests",
      dependencies: ["LecternLSP", "LecternLint", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternPostmortemTests",
      dependencies: ["LecternPostmortem", "LecternDeck", "LecternMarkdown", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternRecordsTests",
      dependencies: ["LecternRecords", "LecternDORA", "LecternCore", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternMetricsTests",
      dependencies: [
        "LecternMetrics", "LecternRecords", "LecternDORA", "LecternLive", "LecternMarkdown", "LecternTestSupport",
        .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ],
      exclude: ["Import/Fixtures"]
    ),
    .testTarget(
      name: "LecternPipelineTests",
      dependencies: ["LecternPipeline", "LecternSlides", "LecternDeck", "LecternCore", "LecternTestSupport"]
    ),
    .testTarget(
      name: "LecternServeTests",
      dependencies: [
        "LecternServe", "LecternPipeline", "LecternSlides", "LecternTemplates", "LecternMetrics", "LecternDORA", "LecternCore",
        "LecternTestSupport",
      ]
    ),
    .testTarget(
      name: "LecternCLITests",
      dependencies: ["lectern", "LecternCore", "LecternExtract", "LecternTestSupport", "Yams"],
      exclude: ["Snapshots"]
    ),
  ]
)

// Fuzzing (docs/fuzzing.md): one libFuzzer executable per target under Fuzz/, declared only when LECTERN_FUZZ is
// set, so `swift build` and `swift test` never see them. `Fuzz/run` builds them with
// `-sanitize=fuzzer,address` in their own scratch path (.build/fuzz) and runs each for FUZZ_SECONDS.
if Context.environment["LECTERN_FUZZ"] != nil {
  let fuzzTargets: [(String, [Target.Dependency])] = [
    ("FuzzDeck", ["LecternSlides", "LecternDeck", "LecternCore"]),
    ("FuzzLintFix", ["LecternLint", "LecternCore"]),
    ("FuzzRecords", ["LecternRecords", "LecternDORA"]),
    ("FuzzSanitizer", ["LecternMarkdown"]),
  ]
  package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
  for (name, dependencies) in fuzzTargets {
    package.targets.append(
      .executableTarget(name: name, dependencies: dependencies + ["FuzzSupport"], path: "Fuzz/\(name)"))
  }
}
