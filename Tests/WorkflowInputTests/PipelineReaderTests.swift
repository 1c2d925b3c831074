import PolicyModel
import Testing

@testable import WorkflowInput

struct PipelineReaderTests {
    /// The one resource read from `text`, with the diagnostics.
    static func read(_ text: String, file: String = ".gitlab-ci.yml") throws -> (Node, [Diagnostic]) {
        let (resources, diagnostics) = PipelineReader.parse(bytes: Array(text.utf8), file: file)
        let resource = try #require(resources.first)
        #expect(resources.count == 1)
        #expect(resource.type == "pipeline")
        #expect(resource.inputKind == "gitlab-ci")
        #expect(resource.identity == file)
        return (resource.content, diagnostics)
    }

    static func job(_ content: Node, _ id: String) throws -> Node {
        try #require(content["jobList"]?.items.first { $0["id"]?.string == id })
    }

    /// A path and whether GitLab CI reads it.
    struct PathCase: Sendable, CustomTestStringConvertible {
        var path: String
        var isPipeline: Bool
        var testDescription: String { "\(path) \(isPipeline ? "is" : "is not") a pipeline file" }
    }

    static let paths: [PathCase] = [
        PathCase(path: ".gitlab-ci.yml", isPipeline: true), PathCase(path: "repo/.gitlab-ci.yaml", isPipeline: true),
        PathCase(path: "ci/deploy.gitlab-ci.yml", isPipeline: true),
        PathCase(path: ".gitlab/ci/build.yml", isPipeline: true),
        PathCase(path: "repo/.gitlab/ci/jobs/test.yaml", isPipeline: true),
        PathCase(path: ".gitlab/ci/README.md", isPipeline: false), PathCase(path: "gitlab-ci.yml", isPipeline: false),
        PathCase(path: ".gitlab/issue_templates/bug.yml", isPipeline: false),
        PathCase(path: "deploy.yaml", isPipeline: false), PathCase(path: ".github/workflows/ci.yml", isPipeline: false),
    ]

    @Test(arguments: paths)
    func pipelineFilesAreToldByPath(_ example: PathCase) {
        #expect(PipelineReader.isPipelineFile(example.path) == example.isPipeline)
    }

    @Test func jobsAreTopLevelMappingsThatAreNotKeywords() throws {
        let (content, diagnostics) = try Self.read(
            """
            stages: [build, deploy]
            variables:
              A: "1"
            default:
              image: alpine:3.20
            .template:
              script: echo hidden
            build:
              script: make
            pages:
              script: mkdir public
            notes: just a string
            """)
        #expect(diagnostics.isEmpty)
        let jobs = try #require(content["jobList"]?.items)
        #expect(jobs.map { $0["id"]?.string } == [".template", "build", "pages"])
        #expect(jobs.map { $0["hidden"]?.bool } == [true, false, false])
        let build = try Self.job(content, "build")
        #expect(build["id"]?.position == [8, 1])
        #expect(build["script"]?.string == "make")
    }

    @Test func imageComesFromTheJobItsTemplatesDefaultOrTheTopLevel() throws {
        let (content, _) = try Self.read(
            """
            image: ruby:3.3
            default:
              image:
                name: registry.example.com:5000/tools/node@sha256:\(String(repeating: "a", count: 64))
                entrypoint: [""]
            .base:
              image: python
            own:
              image: golang:1.22
              script: go test
            inherits:
              extends: .base
              script: pytest
            defaulted:
              script: echo
            """)
        let own = try Self.job(content, "own")
        #expect(own["imageFrom"]?.string == "job")
        #expect(own["image"]?["name"]?.string == "golang")
        #expect(own["image"]?["tag"]?.string == "1.22")
        #expect(own["image"]?["pinned"]?.bool == false)
        #expect(own["image"]?["latest"]?.bool == false)
        #expect(own["image"]?["reference"]?.position == [9, 10])

        let inherits = try Self.job(content, "inherits")
        #expect(inherits["imageFrom"]?.string == "extends")
        #expect(inherits["image"]?["latest"]?.bool == true)
        #expect(inherits["image"]?["reference"]?.position == [7, 10])
        #expect(inherits["extends"]?.items.map(\.string) == [".base"])

        let defaulted = try Self.job(content, "defaulted")
        #expect(defaulted["imageFrom"]?.string == "default")
        let image = try #require(defaulted["image"])
        #expect(image["pinned"]?.bool == true)
        #expect(image["registry"]?.string == "registry.example.com:5000")
        #expect(image["name"]?.string == "registry.example.com:5000/tools/node")
        #expect(image["entrypoint"]?.items.map(\.string) == [""])
        #expect(image["reference"]?.position == [4, 11])

        let images = try #require(content["images"]?.items)
        #expect(images.map { $0["where"]?.string } == ["image", "default.image", ".base.image", "own.image"])
        #expect(images.first?["reference"]?.position == [1, 8])
    }

    @Test func imageVariablesAreExpandedFromTheFile() throws {
        let (content, _) = try Self.read(
            """
            variables:
              NODE_VERSION: "20"
              BASE: node
            test:
              variables:
                NODE_VERSION: 22-alpine
              image: ${BASE}:$NODE_VERSION
              script: npm test
            lint:
              image: $BASE:$UNKNOWN
              script: npm run lint
            """)
        let test = try Self.job(content, "test")
        #expect(test["image"]?["reference"]?.string == "node:22-alpine")
        #expect(test["image"]?["written"]?.string == "${BASE}:$NODE_VERSION")
        #expect(test["image"]?["dynamic"]?.bool == false)
        let lint = try Self.job(content, "lint")
        #expect(lint["image"]?["reference"]?.string == "node:$UNKNOWN")
        #expect(lint["image"]?["dynamic"]?.bool == true)
    }

    @Test func servicesAreNormalisedAndDockerInDockerIsRecognised() throws {
        let (content, _) = try Self.read(
            """
            build:
              image: docker:27
              services:
                - postgres:16
                - name: docker:27-dind
                  alias: docker
                  command: ["--tls=false"]
                  variables:
                    DOCKER_TLS_CERTDIR: ""
                - docker:27-dind-rootless
              script: docker build .
            """)
        let build = try Self.job(content, "build")
        #expect(build["servicesFrom"]?.string == "job")
        let services = try #require(build["services"]?.items)
        #expect(services.map { $0["dind"]?.bool } == [false, true, true])
        #expect(services.map { $0["rootless"]?.bool } == [false, false, true])
        #expect(services[1]["alias"]?.string == "docker")
        #expect(services[1]["command"]?.items.map(\.string) == ["--tls=false"])
        #expect(services[1]["variables"]?["DOCKER_TLS_CERTDIR"]?.string == "")
        #expect(services[1]["reference"]?.position == [5, 13])
        #expect(services[0]["where"]?.string == "build.services[0]")
        let variables = try #require(content["variableList"]?.items)
        #expect(variables.map { $0["scope"]?.string } == ["service"])
        #expect(variables.first?["where"]?.string == "build.services[1].variables.DOCKER_TLS_CERTDIR")
    }

    @Test func scriptsJoinBeforeScriptAndAfterScriptFlatteningNestedLists() throws {
        let (content, _) = try Self.read(
            """
            default:
              before_script:
                - echo default
            .setup:
              script:
                - apt-get update
                - - nested one
                  - nested two
            test:
              script:
                - !reference [.setup, script]
                - make test
              after_script: echo done
            """)
        let test = try Self.job(content, "test")
        let scripts = try #require(test["scripts"]?.items)
        #expect(
            scripts.map(\.string) == [
                "echo default", "apt-get update", "nested one", "nested two", "make test", "echo done",
            ])
        #expect(scripts.map(\.location.line) == [3, 6, 7, 8, 12, 13])
        #expect(scripts[4].position == [12, 7])

        // The written view lists each line once, and not the reference's own words.
        let written = try #require(content["scripts"]?.items)
        #expect(
            written.map { $0["where"]?.string } == [
                "default.before_script[0]", ".setup.script[0]", ".setup.script[1][0]", ".setup.script[1][1]",
                "test.script[1]", "test.after_script",
            ])
        #expect(written[4]["text"]?.string == "make test")
        #expect(written[4]["job"]?.string == "test")
        #expect(written[0]["job"]?.isNull == true)
    }

    @Test func aliasesAndMergeKeysAreFollowedAndListedOnce() throws {
        let (content, _) = try Self.read(
            """
            .defaults: &defaults
              image: alpine:latest
              before_script: &login
                - echo "$CI_REGISTRY_PASSWORD" | docker login -u ci --password-stdin
            one:
              <<: *defaults
              script: make one
            two:
              <<: *defaults
              before_script: *login
              script: make two
            """)
        let one = try Self.job(content, "one")
        #expect(one["imageFrom"]?.string == "job")
        #expect(one["image"]?["reference"]?.position == [2, 10])
        let two = try Self.job(content, "two")
        #expect(two["scripts"]?.items.map(\.location.line) == [4, 11])
        #expect(content["images"]?.items.count == 1)
        #expect(
            content["scripts"]?.items.map { $0["where"]?.string } == [
                ".defaults.before_script[0]", "one.script", "two.script",
            ])
    }

    @Test func variablesMergeGlobalThenTemplatesThenTheJob() throws {
        let (content, _) = try Self.read(
            """
            variables:
              LEVEL: global
              KEEP: 1.10
              DEPLOY_ENV:
                value: staging
                description: where to deploy
            .base:
              variables:
                LEVEL: template
                FROM_BASE: "yes"
            job:
              extends: [.base]
              variables:
                LEVEL: job
                RAW:
                  value: $HOME
                  expand: false
              script: env
            """)
        let job = try Self.job(content, "job")
        let variables = try #require(job["variables"])
        #expect(variables["LEVEL"]?.string == "job")
        #expect(variables["KEEP"]?.string == "1.10")
        #expect(variables["FROM_BASE"]?.string == "yes")
        #expect(variables["DEPLOY_ENV"]?.string == "staging")
        #expect(variables["LEVEL"]?.position == [14, 12])
        let list = try #require(content["variableList"]?.items)
        #expect(
            list.map { $0["where"]?.string } == [
                "variables.LEVEL", "variables.KEEP", "variables.DEPLOY_ENV", ".base.variables.LEVEL",
                ".base.variables.FROM_BASE", "job.variables.LEVEL", "job.variables.RAW",
            ])
        #expect(list[6]["expand"]?.bool == false)
        #expect(list[6]["value"]?.string == "$HOME")
        #expect(list[2]["value"]?.position == [5, 12])
        #expect(list[0]["name"]?.position == [2, 3])
    }

    @Test func includesOfEveryForm() throws {
        let sha = String(repeating: "0123456789", count: 4)
        let (content, diagnostics) = try Self.read(
            """
            include:
              - local/file.yml
              - https://example.com/ci.yml
              - local: /templates/build.yml
              - remote: http://example.com/unverified.yml
              - remote: https://example.com/verified.yml
                integrity: sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=
              - project: group/ci
                ref: \(sha)
                file: [/a.yml, /b.yml]
              - project: group/ci
                file: /c.yml
              - template: Auto-DevOps.gitlab-ci.yml
              - component: $CI_SERVER_FQDN/group/components/scan@1.2.0
              - component: gitlab.com/group/components/scan@\(sha)
              - project: group/ci
                ref: $CI_COMMIT_SHA
                file: /d.yml
              - rules: []
            """)
        let includes = try #require(content["includes"]?.items)
        #expect(
            includes.map { $0["kind"]?.string } == [
                "local", "remote", "local", "remote", "remote", "project", "project", "template", "component",
                "component", "project", "unknown",
            ])
        #expect(
            includes.map { $0["pinned"]?.bool } == [
                true, false, true, false, true, true, false, true, false, true, false, false,
            ])
        #expect(includes[1]["url"]?.string == "https://example.com/ci.yml")
        #expect(includes[3]["location"]?.position == [5, 13])
        #expect(includes[4]["integrity"]?.position == [7, 16])
        #expect(includes[5]["file"]?.items.map(\.string) == ["/a.yml", "/b.yml"])
        #expect(includes[5]["ref"]?.position == [9, 10])
        #expect(includes[6]["ref"]?.string == "")
        #expect(includes[8]["ref"]?.string == "1.2.0")
        #expect(includes[8]["project"]?.string == "group/components")
        #expect(includes[8]["location"]?.position == [14, 16])
        #expect(includes[10]["dynamic"]?.bool == true)
        #expect(includes[0]["where"]?.string == "include[0]")
        #expect(includes[0]["location"]?.position == [2, 5])
        #expect(diagnostics.map(\.location.line) == [19])
        #expect(diagnostics.first?.level == .warning)
    }

    @Test func aSingleIncludeMayBeAStringOrAMapping() throws {
        let (asString, _) = try Self.read("include: https://example.com/x.yml\njob:\n  script: x\n")
        #expect(asString["includes"]?.items.map { $0["kind"]?.string } == ["remote"])
        let (asMapping, _) = try Self.read("include:\n  project: a/b\n  ref: main\n  file: x.yml\n")
        #expect(asMapping["includes"]?.items.map { $0["ref"]?.string } == ["main"])
    }

    @Test func aSpecHeaderIsReadWithTheDocumentAfterIt() throws {
        let (content, diagnostics) = try Self.read(
            """
            spec:
              inputs:
                stage:
                  default: test
            ---
            scan:
              stage: $[[ inputs.stage ]]
              script: ./scan
            """, file: "templates/scan.gitlab-ci.yml")
        #expect(diagnostics.isEmpty)
        #expect(content["spec"]?["inputs"]?["stage"]?["default"]?.string == "test")
        #expect(try Self.job(content, "scan")["id"]?.position == [6, 1])
    }

    @Test func invalidYAMLIsReportedWithItsPosition() {
        let (resources, diagnostics) = PipelineReader.parse(
            bytes: Array("job:\n  script: [a, b\n".utf8), file: ".gitlab-ci.yml")
        #expect(resources.isEmpty)
        let diagnostic = diagnostics.first
        #expect(diagnostic?.level == .error)
        #expect(diagnostic?.location.line == 3)
    }

    @Test func badValuesAreDiagnosedAndTheRestIsStillRead() throws {
        let (content, diagnostics) = try Self.read(
            """
            broken:
              services: postgres
              script:
                - {not: a line}
            fine:
              image: alpine:3.20
              script: echo ok
            """)
        #expect(diagnostics.map(\.location.line) == [2, 4])
        #expect(diagnostics.allSatisfy { $0.level == .error })
        #expect(try Self.job(content, "fine")["scripts"]?.items.map(\.string) == ["echo ok"])
    }

    @Test func aliasedVariablesCannotMakeTheReadingEndless() throws {
        let names = (0..<4_000).map { "  V\($0): x" }.joined(separator: "\n")
        let jobs = (0..<300).map { "job\($0):\n  variables: *shared\n  script: make" }.joined(separator: "\n")
        let (content, diagnostics) = try Self.read(".shared: &shared\n\(names)\n\(jobs)\n")
        let jobList = try #require(content["jobList"]?.items)
        #expect(jobList.count > 200 && jobList.count < 300)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("too large") == true)
        #expect(diagnostics.first?.location.line == 4_002 + 3 * (jobList.count - 1))
    }

    @Test func aFileThatIsNotAMappingIsAnError() {
        let (resources, diagnostics) = PipelineReader.parse(bytes: Array("- a\n- b\n".utf8), file: ".gitlab-ci.yml")
        #expect(resources.isEmpty)
        #expect(diagnostics.first?.location.line == 1)
    }

    @Test func referencesResolveWithinTheFileAndOthersAreLeftOut() throws {
        let (content, diagnostics) = try Self.read(
            """
            .shared:
              script: [one, two]
            whole:
              script: !reference [.shared, script]
            job:
              script:
                - !reference [.elsewhere, script]
                - echo after
            """)
        #expect(diagnostics.isEmpty)
        let whole = try #require(try Self.job(content, "whole")["scripts"]?.items)
        #expect(whole.map(\.string) == ["one", "two"])
        #expect(whole.map(\.position) == [[2, 12], [2, 17]])
        #expect(try Self.job(content, "job")["scripts"]?.items.map(\.string) == ["echo after"])
        #expect(
            content["scripts"]?.items.map { $0["where"]?.string } == [
                ".shared.script[0]", ".shared.script[1]", "job.script[1]",
            ])
    }

    /// An image reference and how it splits.
    struct ImageCase: Sendable, CustomTestStringConvertible {
        var text: String
        var name: String
        var tag = ""
        var registry = ""
        var pinned = false
        var latest = false
        var dynamic = false
        var testDescription: String { text }
    }

    static let images: [ImageCase] = [
        ImageCase(text: "alpine", name: "alpine", latest: true),
        ImageCase(text: "alpine:latest", name: "alpine", tag: "latest", latest: true),
        ImageCase(text: "localhost:5000/app:1.0", name: "localhost:5000/app", tag: "1.0", registry: "localhost:5000"),
        ImageCase(text: "app@sha256:" + String(repeating: "f", count: 64), name: "app", pinned: true),
        ImageCase(text: "app:1@sha256:abc", name: "app", tag: "1"),
        ImageCase(text: "$IMAGE", name: "$IMAGE", latest: true, dynamic: true),
        // Upper case marks a registry component, as Docker reads it: the variable names a registry path.
        ImageCase(
            text: "$CI_REGISTRY_IMAGE/tools:$TAG", name: "$CI_REGISTRY_IMAGE/tools", tag: "$TAG",
            registry: "$CI_REGISTRY_IMAGE", dynamic: true),
    ]

    @Test(arguments: images)
    func imageReferencesAreSplit(_ example: ImageCase) throws {
        let reference = try #require(ImageReference(example.text))
        #expect(reference.name == example.name)
        #expect(reference.tag == example.tag)
        #expect(reference.registry == example.registry)
        #expect(reference.pinned == example.pinned)
        #expect(reference.latest == example.latest)
        #expect(reference.dynamic == example.dynamic)
    }
}

extension Node {
    fileprivate var position: [Int] { [Int(span.line), Int(span.column)] }

    fileprivate var items: [Node] {
        if case .sequence(let items) = content { return items }
        return []
    }

    fileprivate var bool: Bool? {
        if case .bool(let value) = content { return value }
        return nil
    }

    fileprivate var isNull: Bool {
        if case .null = content { return true }
        return false
    }
}
