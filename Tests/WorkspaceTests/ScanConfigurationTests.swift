import PolicyEngine
import PolicyModel
import Testing

@testable import Workspace

struct ScanConfigurationTests {
    @Test func readsEveryKey() {
        let text = """
            fail-on: medium
            fail-on-error: false
            builtin: false
            policies: [policies/, /etc/palisade]
            detectors: [detectors/]
            kinds: [kubernetes]
            skip-paths: [vendor, "**/testdata"]
            disable: [k8s-cpu-limit]
            modes: {k8s-memory-limit: audit}
            """
        let (configuration, diagnostics) = ScanConfiguration.read(text, file: "repo/.palisade.yaml")
        #expect(diagnostics.isEmpty)
        #expect(configuration.failOn == .medium)
        #expect(configuration.failOnError == false)
        #expect(configuration.builtIn == false)
        #expect(configuration.resolvedPolicyPaths == ["repo/policies/", "/etc/palisade"])
        #expect(configuration.resolvedDetectorPaths == ["repo/detectors/"])
        #expect(configuration.kinds == ["kubernetes"])
        #expect(configuration.skipPaths.map(\.pattern) == ["vendor", "**/testdata"])
        #expect(configuration.disabled == ["k8s-cpu-limit"])
        #expect(configuration.modes == ["k8s-memory-limit": .audit])
    }

    @Test func misspeltKeyAndBadValuesArePositionedErrors() {
        let text = """
            fail-on: severe
            skip-path: [vendor]
            kinds: [kubernetes, helm]
            builtin: maybe
            """
        let (configuration, diagnostics) = ScanConfiguration.read(text, file: ".palisade.yaml")
        let rendered = diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(rendered.count == 4)
        #expect(rendered[0] == "1:10: fail-on must be one of info, low, medium, high, critical")
        #expect(rendered[1].hasPrefix("2:1: unknown key \"skip-path\"; did you mean \"skip-paths\"?"))
        #expect(rendered[2].hasPrefix("3:8: unknown kind \"helm\""))
        #expect(rendered[3] == "4:10: builtin must be true or false")
        // What was right still applies.
        #expect(configuration.kinds == ["kubernetes"])
    }

    @Test func emptyFileIsValid() {
        let (configuration, diagnostics) = ScanConfiguration.read("# nothing yet\n", file: ".palisade.yaml")
        #expect(diagnostics.isEmpty)
        #expect(configuration.failOn == nil)
    }

    @Test func unknownPolicyIdsInTheFileAreErrorsAtTheirPosition() {
        let text = "disable: [k8s-cpu-limit, k8s-cpu-limt]\nmodes:\n  k8s-memroy-limit: audit\n"
        let (configuration, diagnostics) = ScanConfiguration.read(text, file: ".palisade.yaml")
        #expect(diagnostics.isEmpty)
        var set = PolicySet.load(builtIn: true, paths: [])
        set.configure(
            disabled: configuration.disabled, modes: configuration.modes, file: configuration.file,
            locations: configuration.idLocations)
        let rendered = set.diagnostics.map { "\($0.location): \($0.message)" }
        #expect(
            rendered == [
                ".palisade.yaml:1:26: no policy has the id \"k8s-cpu-limt\"; did you mean \"k8s-cpu-limit\"?",
                ".palisade.yaml:3:3: no policy has the id \"k8s-memroy-limit\"; did you mean \"k8s-memory-limit\"?",
            ])
        #expect(!set.policies.contains { $0.id == "k8s-cpu-limit" })
    }
}
