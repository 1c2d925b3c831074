import DockerfileInput
import PolicyModel
import Testing

/// `FROM`: build-argument substitution, stages and image references.
struct BaseImageTests {
    /// An image reference and its expected parts.
    struct ReferenceCase: Sendable, CustomTestStringConvertible {
        var reference: String
        var registry: String?
        var repository: String
        var tag: String?
        var digest: String?
        var testDescription: String { reference }
    }

    @Test(arguments: [
        ReferenceCase(reference: "ubuntu", registry: nil, repository: "ubuntu", tag: nil, digest: nil),
        ReferenceCase(reference: "ubuntu:latest", registry: nil, repository: "ubuntu", tag: "latest", digest: nil),
        ReferenceCase(
            reference: "bitnami/redis:7.2", registry: nil, repository: "bitnami/redis", tag: "7.2", digest: nil),
        ReferenceCase(reference: "localhost/app", registry: "localhost", repository: "app", tag: nil, digest: nil),
        ReferenceCase(
            reference: "localhost:5000/team/app:1.0", registry: "localhost:5000", repository: "team/app", tag: "1.0",
            digest: nil),
        ReferenceCase(
            reference: "registry.example.com:443/app@sha256:0123abcd", registry: "registry.example.com:443",
            repository: "app", tag: nil, digest: "sha256:0123abcd"),
        ReferenceCase(
            reference: "python:3.12-slim@sha256:feedbeef", registry: nil, repository: "python", tag: "3.12-slim",
            digest: "sha256:feedbeef"),
        ReferenceCase(
            reference: "gcr.io/distroless/static", registry: "gcr.io", repository: "distroless/static", tag: nil,
            digest: nil),
        ReferenceCase(reference: "Team/app", registry: "Team", repository: "app", tag: nil, digest: nil),
    ])
    func imageReferencesAreSplit(_ test: ReferenceCase) throws {
        let (content, diagnostics) = model("FROM \(test.reference)\n")
        #expect(diagnostics.isEmpty)
        let base = try #require(content["finalStage"]?["base"])
        #expect(base["reference"]?.string == test.reference)
        #expect(base["registry"]?.string == test.registry)
        #expect(base["repository"]?.string == test.repository)
        #expect(base["tag"]?.string == test.tag)
        #expect(base["digest"]?.string == test.digest)
        #expect(base["resolved"]?.boolean == true)
        #expect(base["scratch"]?.boolean == false)
    }

    @Test func partsOfALiteralReferenceAreLocated() throws {
        let (items, _) = instructions("FROM --platform=linux/arm64 localhost:5000/app:1.0@sha256:abc AS web\n")
        let from = try #require(items.first)
        #expect(from["platform"]?.string == "linux/arm64")
        #expect(from["platform"]?.range == [1, 17, 1, 28])
        #expect(from["registry"]?.range == [1, 29, 1, 43])
        #expect(from["repository"]?.range == [1, 44, 1, 47])
        #expect(from["tag"]?.range == [1, 48, 1, 51])
        #expect(from["digest"]?.range == [1, 52, 1, 62])
        #expect(from["name"]?.string == "web")
        #expect(from["name"]?.range == [1, 66, 1, 69])
        #expect(from["stage"]?.integer == 0)
        #expect(from["baseStage"]?.isNull == true)
    }

    @Test func argumentsBeforeTheFirstFromAreSubstituted() throws {
        let (content, diagnostics) = model(
            """
            ARG REGISTRY=ghcr.io
            ARG VERSION
            ARG DEBIAN="bookworm"
            ARG IMAGE=${REGISTRY}/org/app
            FROM ${IMAGE}:1.0 AS one
            FROM python:${VERSION}-slim
            FROM debian:${DEBIAN:-bullseye}
            FROM debian:${MISSING:-bullseye}
            FROM alpine${SUFFIX:+-x}
            FROM $REGISTRY/tool:${DEBIAN:+2}
            FROM node:${VERSION:-20}
            FROM --platform=$TARGETPLATFORM ubuntu:${DEBIAN#book}
            """)
        #expect(diagnostics.isEmpty)
        let bases = try #require(content["stages"]?.items?.compactMap { $0["base"] })
        #expect(
            bases.map { $0["reference"]?.string } == [
                "ghcr.io/org/app:1.0", "python:${VERSION}-slim", "debian:bookworm", "debian:bullseye", "alpine",
                "ghcr.io/tool:2", "node:${VERSION:-20}", "ubuntu:${DEBIAN#book}",
            ])
        #expect(bases.map { $0["resolved"]?.boolean } == [true, false, true, true, true, true, false, false])
        #expect(bases[0]["registry"]?.string == "ghcr.io")
        #expect(bases[0]["repository"]?.string == "org/app")
        #expect(bases[0]["written"]?.string == "${IMAGE}:1.0")
        #expect(bases[0]["tag"]?.range == [5, 6, 5, 18])
        #expect(bases[1]["tag"]?.isNull == true)
        #expect(bases[1]["repository"]?.isNull == true)
        #expect(bases[7]["platform"]?.string == "$TARGETPLATFORM")
    }

    @Test func undeclaredArgumentsAreEmptyWithAWarning() throws {
        let (content, diagnostics) = model("FROM alpine AS a\nARG LATE=1\nFROM busybox${LATE}\n")
        #expect(
            described(diagnostics) == [
                "3:6: warning: build argument \"LATE\" is not declared before the first FROM, so it is empty here"
            ])
        #expect(content["finalStage"]?["base"]?["reference"]?.string == "busybox")
        #expect(content["finalStage"]?["base"]?["resolved"]?.boolean == true)
    }

    @Test func stagesAreNamedAndReferredTo() throws {
        let (content, diagnostics) = model(
            """
            FROM golang:1.22 AS Builder
            RUN go build -o /app .
            FROM builder AS test
            FROM 0
            FROM scratch
            COPY --from=builder /app /app
            """)
        #expect(diagnostics.isEmpty)
        let stages = try #require(content["stages"]?.items)
        #expect(stages.map { $0["index"]?.integer } == [0, 1, 2, 3])
        #expect(stages.map { $0["name"]?.string } == ["builder", "test", nil, nil])
        #expect(stages.map { $0["final"]?.boolean } == [false, false, false, true])
        #expect(stages.map { $0["base"]?["stage"]?.integer } == [nil, 0, 0, nil])
        #expect(stages[1]["base"]?["repository"]?.isNull == true)
        #expect(stages[1]["base"]?["stage"]?.range == [3, 6, 3, 13])
        #expect(stages[3]["base"]?["scratch"]?.boolean == true)
        #expect(stages[3]["base"]?["tag"]?.isNull == true)
        #expect(stages[0]["instructions"]?.items?.count == 1)
        #expect(stages[1]["instructions"]?.items?.isEmpty == true)
        #expect(stages[0].range == [1, 1, 2, 23])
        #expect(content["finalStage"]?["index"]?.integer == 3)
        #expect(content["instructions"]?.items?.map { $0["stage"]?.integer } == [0, 0, 1, 2, 3, 3])
        #expect(content["instructions"]?[2]?["baseStage"]?.integer == 0)
    }

    @Test func ancestorsFollowTheStageChain() throws {
        let (content, diagnostics) = model(
            """
            FROM alpine:3.20 AS base
            FROM base AS deps
            FROM golang:1.22 AS tools
            FROM deps AS app
            FROM 3
            """)
        #expect(diagnostics.isEmpty)
        let stages = try #require(content["stages"]?.items)
        #expect(stages.map { $0["ancestors"]?.items?.compactMap(\.integer) } == [[], [0], [], [1, 0], [3, 1, 0]])
        // Each index is where its stage is named: the nearest at this FROM, the rest at earlier ones.
        #expect(stages[4]["ancestors"]?[0]?.range == [5, 6, 5, 7])
        #expect(stages[4]["ancestors"]?[1]?.range == [4, 6, 4, 10])
        #expect(stages[4]["ancestors"]?[2]?.range == [2, 6, 2, 10])
    }

    @Test func reusedStageNameIsNotAParseErrorAndNamesTheFirstStage() throws {
        let (content, diagnostics) = model("FROM alpine AS build\nFROM debian AS Build\nFROM build\n")
        #expect(diagnostics.isEmpty)
        let stages = try #require(content["stages"]?.items)
        #expect(stages.map { $0["name"]?.string } == ["build", "build", nil])
        #expect(stages[2]["base"]?["stage"]?.integer == 0)
    }

    @Test func laterStageNameIsAnImageNotAStage() throws {
        let (content, _) = model("FROM app AS base\nFROM ubuntu AS app\n")
        #expect(content["stages"]?[0]?["base"]?["stage"]?.isNull == true)
        #expect(content["stages"]?[0]?["base"]?["repository"]?.string == "app")
    }
}
