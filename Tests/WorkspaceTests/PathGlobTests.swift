import Testing

@testable import Workspace

struct PathGlobTests {
    @Test(arguments: [
        ("vendor", "vendor", true),
        ("vendor", "a/b/vendor", true),
        ("vendor", "vendors", false),
        ("*.tpl.yaml", "charts/web/deploy.tpl.yaml", true),
        ("*.tpl.yaml", "charts/web/deploy.yaml", false),
        ("deploy/*.yaml", "deploy/web.yaml", true),
        ("deploy/*.yaml", "deploy/legacy/web.yaml", false),
        ("deploy/*.yaml", "other/deploy/web.yaml", false),
        ("**/testdata", "testdata", true),
        ("**/testdata", "a/b/testdata", true),
        ("charts/**/templates", "charts/templates", true),
        ("charts/**/templates", "charts/a/b/templates", true),
        ("charts/**/templates", "charts/a/b/template", false),
        ("./deploy/", "deploy", true),
        ("web-?.yaml", "web-1.yaml", true),
        ("web-?.yaml", "web-12.yaml", false),
        ("web-[0-9].yaml", "web-7.yaml", true),
        ("web-[!0-9].yaml", "web-7.yaml", false),
        ("web-[!0-9].yaml", "web-x.yaml", true),
        ("**", "anything/at/all", true),
    ])
    func matchesLikeGitignore(_ pattern: String, _ path: String, _ expected: Bool) throws {
        #expect(try PathGlob(pattern).matches(path) == expected)
    }

    @Test func unclosedBracketAndEmptyPatternAreErrors() {
        #expect(throws: PathGlob.SyntaxError.self) { try PathGlob("web-[0-9.yaml") }
        #expect(throws: PathGlob.SyntaxError.self) { try PathGlob("/") }
    }

    @Test func hostilePatternStaysFast() throws {
        // Backtracking globbers take exponential time here; this one is quadratic at worst.
        let glob = try PathGlob(String(repeating: "*a", count: 40) + "*b")
        let name = String(repeating: "a", count: 4000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!glob.matches(name)) }
        #expect(elapsed < .seconds(2))
    }
}
