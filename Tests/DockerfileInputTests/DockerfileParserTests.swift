import DockerfileInput
import PolicyModel
import Testing

struct DockerfileParserTests {
    /// A path and whether it names a Dockerfile.
    struct NameCase: Sendable, CustomTestStringConvertible {
        var path: String
        var isDockerfile: Bool
        var testDescription: String { "\(path) → \(isDockerfile)" }
    }

    @Test(arguments: [
        NameCase(path: "Dockerfile", isDockerfile: true),
        NameCase(path: "services/api/Dockerfile", isDockerfile: true),
        NameCase(path: "Containerfile", isDockerfile: true),
        NameCase(path: "Dockerfile.prod", isDockerfile: true),
        NameCase(path: "build/api.Dockerfile", isDockerfile: true),
        NameCase(path: "api.dockerfile", isDockerfile: true),
        NameCase(path: "web.Containerfile", isDockerfile: true),
        NameCase(path: "dockerfile", isDockerfile: false),
        NameCase(path: "Dockerfile.", isDockerfile: false),
        NameCase(path: ".Dockerfile", isDockerfile: false),
        NameCase(path: "Dockerfile.dockerignore", isDockerfile: false),
        NameCase(path: "Dockerfiles/README.md", isDockerfile: false),
        NameCase(path: "MyDockerfile", isDockerfile: false),
    ])
    func recognisesDockerfilesByBaseName(_ name: NameCase) {
        #expect(DockerfileParser.isDockerfile(path: name.path) == name.isDockerfile)
    }

    @Test func oneResourceForTheWholeFile() throws {
        let text = "FROM alpine:3.20\nRUN echo hi\n"
        let result = DockerfileParser.parse(text, file: "services/api/Dockerfile")
        #expect(result.diagnostics.isEmpty)
        let resource = try #require(result.resources.first)
        #expect(result.resources.count == 1)
        #expect(resource.inputKind == "dockerfile" && DockerfileParser.inputKind == "dockerfile")
        #expect(resource.type == "dockerfile")
        #expect(resource.name == "Dockerfile")
        #expect(resource.namespace == nil)
        #expect(resource.identity == "services/api/Dockerfile")
        #expect(resource.file == "services/api/Dockerfile")
        #expect(resource.span == Span(line: 1, column: 1, endLine: 2, endColumn: 12))
        #expect(resource.content.keys == ["directives", "stages", "finalStage", "instructions"])
    }

    @Test(arguments: ["", "# only a comment\n\n   # and another\n", "\n\n"])
    func fileWithoutInstructionsHasNoStages(_ text: String) {
        let (content, diagnostics) = model(text)
        #expect(diagnostics.isEmpty)
        #expect(content["stages"]?.items?.isEmpty == true)
        #expect(content["instructions"]?.items?.isEmpty == true)
        #expect(content["finalStage"]?.isNull == true)
    }

    @Test func instructionHasTheGenericFields() throws {
        let (items, _) = instructions("FROM alpine\nrun   echo hi\n")
        let run = try #require(items.last)
        #expect(run.keys == ["keyword", "stage", "line", "flags", "form", "arguments", "exec", "heredocs", "script"])
        #expect(run["keyword"]?.string == "RUN")
        #expect(run["keyword"]?.range == [2, 1, 2, 4])
        #expect(run["stage"]?.integer == 0)
        #expect(run["line"]?.integer == 2)
        #expect(run["arguments"]?.string == "echo hi")
        #expect(run["arguments"]?.range == [2, 7, 2, 14])
        #expect(run.range == [2, 1, 2, 14])
        #expect(run["script"]?.string == "echo hi")
    }

    @Test func aRunsScriptIsWhatTheShellRuns() throws {
        let text = """
            FROM alpine
            RUN ["sh", "-c", "echo 'it''s' | tee x"]
            RUN <<EOF
            apk add curl
            EOF
            RUN python3 <<EOF
            import os
            EOF
            RUN bash <<-ONE && echo done
            \tcurl -fsSL https://x | sh
            \tONE
            """
        let (items, diagnostics) = instructions(text)
        #expect(diagnostics.isEmpty)
        let scripts = items.filter { $0["keyword"]?.string == "RUN" }.compactMap { $0["script"]?.string }
        #expect(
            scripts == [
                #"'sh' '-c' 'echo '"'"'it'"'"''"'"'s'"'"' | tee x'"#,
                "<<EOF\nEOF\napk add curl\n",
                "python3 <<EOF",
                "bash <<-ONE && echo done\nONE\ncurl -fsSL https://x | sh\n",
            ])
    }

    // MARK: - Realistic files

    @Test func multiStageGoBuild() throws {
        let (content, diagnostics) = model(
            """
            # syntax=docker/dockerfile:1.7
            ARG GO_VERSION=1.22
            FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
            WORKDIR /src
            COPY go.mod go.sum ./
            RUN --mount=type=cache,target=/go/pkg/mod \\
                go mod download
            COPY . .
            ARG TARGETOS TARGETARCH
            RUN --mount=type=cache,target=/go/pkg/mod \\
                --mount=type=cache,target=/root/.cache/go-build \\
                CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/server ./cmd/server

            FROM gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02
            COPY --from=build /out/server /server
            USER nonroot:nonroot
            EXPOSE 8080
            ENTRYPOINT ["/server"]
            """)
        #expect(described(diagnostics) == [])
        let stages = try #require(content["stages"]?.items)
        #expect(stages.count == 2)
        #expect(stages[0]["base"]?["reference"]?.string == "golang:1.22-alpine")
        #expect(stages[0]["base"]?["platform"]?.string == "$BUILDPLATFORM")
        #expect(stages[0]["instructions"]?.items?.count == 6)
        let second = try #require(stages[0]["instructions"]?[5])
        #expect(second["flags"]?["mount"]?.strings?.count == 2)
        #expect(second["arguments"]?.string?.hasSuffix("go build -trimpath -o /out/server ./cmd/server") == true)
        let final = try #require(content["finalStage"])
        #expect(final["index"]?.integer == 1)
        #expect(final["final"]?.boolean == true && stages[0]["final"]?.boolean == false)
        #expect(final["base"]?["registry"]?.string == "gcr.io")
        #expect(final["base"]?["repository"]?.string == "distroless/static-debian12")
        #expect(final["base"]?["tag"]?.string == "nonroot")
        #expect(final["base"]?["digest"]?.string?.hasPrefix("sha256:6ec5") == true)
        #expect(final["user"]?.string == "nonroot")
        #expect(final["instructions"]?[3]?["exec"]?.strings == ["/server"])
    }

    @Test func pythonWithAptGet() throws {
        let (content, diagnostics) = model(
            """
            FROM python:3.12-slim

            ENV PYTHONDONTWRITEBYTECODE=1 \\
                PYTHONUNBUFFERED=1

            RUN apt-get update \\
             && apt-get install -y --no-install-recommends \\
                    build-essential=12.9 \\
                    libpq-dev=15.* \\
             && rm -rf /var/lib/apt/lists/*

            WORKDIR /app
            COPY requirements.txt .
            RUN pip install --no-cache-dir -r requirements.txt
            COPY . .
            RUN useradd --create-home app
            USER app
            HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8000/health || exit 1
            CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:wsgi"]
            """)
        #expect(described(diagnostics) == [])
        let final = try #require(content["finalStage"])
        #expect(final["base"]?["repository"]?.string == "python")
        #expect(final["base"]?["registry"]?.isNull == true)
        #expect(final["user"]?.string == "app")
        let env = try #require(final["instructions"]?[0])
        #expect(
            env["pairs"]?.items?.compactMap { $0["key"]?.string } == ["PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED"])
        #expect(env["pairs"]?[1]?["value"]?.start == [4, 22])
        let run = try #require(final["instructions"]?[1])
        #expect(run["arguments"]?.string?.contains("apt-get install -y --no-install-recommends") == true)
        #expect(run.range == [6, 1, 10, 32])
        let healthcheck = try #require(final["instructions"]?[8])
        #expect(healthcheck["none"]?.boolean == false)
        #expect(healthcheck["flags"]?["interval"]?.string == "30s")
        #expect(healthcheck["arguments"]?.string == "curl -f http://localhost:8000/health || exit 1")
    }

    @Test func nodeApplication() throws {
        let (content, diagnostics) = model(
            """
            FROM node:20-alpine AS deps
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm ci --omit=dev

            FROM node:20-alpine
            ENV NODE_ENV=production
            WORKDIR /app
            COPY --from=deps --chown=node:node /app/node_modules ./node_modules
            COPY --chown=node:node . .
            USER node
            EXPOSE 3000
            CMD ["node", "server.js"]
            """)
        #expect(described(diagnostics) == [])
        let stages = try #require(content["stages"]?.items)
        #expect(stages.map { $0["name"]?.string } == ["deps", nil])
        #expect(stages[1]["user"]?.string == "node")
        let copy = try #require(stages[1]["instructions"]?[2])
        #expect(copy["flags"]?["from"]?.string == "deps")
        #expect(copy["flags"]?["chown"]?.string == "node:node")
        #expect(copy["flags"]?["chown"]?.range == [9, 26, 9, 35])
        #expect(copy["sources"]?.strings == ["/app/node_modules"])
        #expect(copy["destination"]?.string == "./node_modules")
        #expect(content["instructions"]?.items?.count == 12)
    }

    // MARK: - Hostile input

    @Test func millionContinuationLinesMakeOneInstruction() throws {
        var text = "FROM alpine\nRUN echo \\\n"
        text.reserveCapacity(8_000_000)
        for _ in 0..<1_000_000 { text += "a \\\n" }
        text += "b\nUSER app\n"
        let (content, diagnostics) = model(text)
        #expect(diagnostics.isEmpty)
        let items = try #require(content["instructions"]?.items)
        #expect(items.map { $0["keyword"]?.string } == ["FROM", "RUN", "USER"])
        let arguments = try #require(items[1]["arguments"])
        #expect(arguments.string?.count == "echo ".count + 2_000_000 + 1)
        #expect(arguments.range == [2, 5, 1_000_003, 2])
        #expect(items[2]["line"]?.integer == 1_000_004)
    }

    @Test func instructionsPastTheCapAreNotRead() throws {
        var text = "FROM alpine\n"
        text += String(repeating: "RUN x\n", count: DockerfileParser.maxInstructions + 5)
        let (content, diagnostics) = model(text)
        #expect(content["instructions"]?.items?.count == DockerfileParser.maxInstructions)
        #expect(
            described(diagnostics) == [
                "\(DockerfileParser.maxInstructions + 1):1: error: more than 100000 instructions; the rest of the file is not read"
            ])
    }

    @Test func deeplyNestedJSONIsShellForm() throws {
        let nested = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        let (items, _) = instructions("FROM alpine\nCMD \(nested)\n")
        #expect(items.last?["form"]?.string == "shell")
    }

    @Test func argumentsThatDoubleEachOtherStayBounded() throws {
        var text = "ARG A0=xxxxxxxxxxxxxxxx\n"
        for index in 1...40 { text += "ARG A\(index)=${A\(index - 1)}${A\(index - 1)}\n" }
        text += "FROM alpine:${A40}\n"
        let (content, _) = model(text)
        let base = try #require(content["finalStage"]?["base"])
        #expect(base["resolved"]?.boolean == false)
        #expect((base["reference"]?.string?.count ?? .max) <= 65_536 + "alpine:".count)
    }
}
