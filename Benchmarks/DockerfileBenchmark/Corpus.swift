// Dockerfiles generated in memory, the same every time: multi-stage builds for Go, Python, Node
// and Java with the instructions real files use (build arguments in FROM, cache mounts, apt-get
// and apk installs across continuation lines, heredocs, exec-form commands, healthchecks), and
// a few hostile files whose work must stay linear in their size.

import BenchmarkSupport

/// One generated file.
struct CorpusFile {
    var name: String
    var text: String
    /// Instructions written in it (to check the parse).
    var instructions: Int
}

enum Corpus {
    /// `count` realistic Dockerfiles.
    static func realistic(count: Int, seed: UInt64 = 0xD0C_2026) -> [CorpusFile] {
        var generator = SeededGenerator(state: seed)
        return (0..<count).map { index in
            let (text, instructions) =
                switch index % 4 {
                case 0: go(&generator)
                case 1: python(&generator)
                case 2: node(&generator)
                default: java(&generator)
                }
            return CorpusFile(name: "service\(index)/Dockerfile", text: text, instructions: instructions)
        }
    }

    static func go(_ generator: inout SeededGenerator) -> (String, Int) {
        let version = "1.2\(generator.below(4))"
        return (
            """
            # syntax=docker/dockerfile:1.7
            ARG GO_VERSION=\(version)
            FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
            WORKDIR /src
            COPY go.mod go.sum ./
            RUN --mount=type=cache,target=/go/pkg/mod \\
                go mod download
            COPY . .
            ARG TARGETOS TARGETARCH
            RUN --mount=type=cache,target=/go/pkg/mod \\
                --mount=type=cache,target=/root/.cache/go-build \\
                CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \\
                go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server\(generator.below(100))

            FROM gcr.io/distroless/static-debian12:nonroot@sha256:\(hex(&generator))
            COPY --from=build /out/server /server
            USER nonroot:nonroot
            EXPOSE \(8000 + generator.below(1000))
            ENTRYPOINT ["/server"]

            """, 13
        )
    }

    static func python(_ generator: inout SeededGenerator) -> (String, Int) {
        (
            """
            FROM python:3.1\(generator.below(4))-slim

            ENV PYTHONDONTWRITEBYTECODE=1 \\
                PYTHONUNBUFFERED=1 \\
                PIP_NO_CACHE_DIR=1

            # System packages for the database driver.
            RUN apt-get update \\
             && apt-get install -y --no-install-recommends \\
                    build-essential=12.\(generator.below(10)) \\
                    libpq-dev \\
                    curl \\
             && rm -rf /var/lib/apt/lists/*

            WORKDIR /app
            COPY requirements.txt .
            RUN pip install -r requirements.txt
            COPY . .
            RUN <<EOF
            useradd --create-home --uid \(1000 + generator.below(1000)) app
            chown -R app /app
            EOF
            USER app
            HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost:8000/health || exit 1
            CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "\(1 + generator.below(8))", "app:wsgi"]

            """, 11
        )
    }

    static func node(_ generator: inout SeededGenerator) -> (String, Int) {
        (
            """
            FROM node:\(generator.pick(["18", "20", "22"]))-alpine AS deps
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

            FROM node:20-alpine
            ENV NODE_ENV=production PORT=\(3000 + generator.below(100))
            LABEL org.opencontainers.image.source="https://example.com/repo" \\
                  org.opencontainers.image.licenses="MIT"
            WORKDIR /app
            COPY --from=deps --chown=node:node /app/node_modules ./node_modules
            COPY --chown=node:node . .
            USER node
            EXPOSE 3000/tcp
            CMD ["node", "server.js"]

            """, 13
        )
    }

    static func java(_ generator: inout SeededGenerator) -> (String, Int) {
        (
            """
            ARG JDK=\(generator.pick(["17", "21"]))
            FROM eclipse-temurin:${JDK}-jdk AS build
            WORKDIR /workspace
            COPY mvnw pom.xml ./
            COPY .mvn .mvn
            RUN --mount=type=cache,target=/root/.m2 ./mvnw -B dependency:go-offline
            COPY src src
            RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests

            FROM eclipse-temurin:${JDK}-jre
            RUN apk add --no-cache tini=0.19.\(generator.below(3))-r0 2>/dev/null || true
            COPY --from=build /workspace/target/*.jar /app/app.jar
            RUN addgroup --system app && adduser --system --ingroup app app
            USER app:app
            EXPOSE 8080 8443
            ENTRYPOINT ["/usr/bin/tini", "--", "java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]

            """, 15
        )
    }

    /// 64 hexadecimal digits.
    static func hex(_ generator: inout SeededGenerator) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { _ in digits[generator.below(16)] })
    }

    /// One instruction continued over `lines` lines.
    static func continuationChain(lines: Int) -> CorpusFile {
        var text = "FROM alpine\nRUN echo \\\n"
        text.reserveCapacity(lines * 8)
        for index in 0..<lines { text += "  word\(index % 10) \\\n" }
        text += "  end\n"
        return CorpusFile(name: "continuations/Dockerfile", text: text, instructions: 2)
    }

    /// One shell-form line of `bytes` bytes.
    static func longLine(bytes: Int) -> CorpusFile {
        var text = "FROM alpine\nRUN echo "
        text.reserveCapacity(bytes + 32)
        while text.utf8.count < bytes { text += "abcdefgh \"quoted\" 'single' $VAR " }
        text += "\n"
        return CorpusFile(name: "long-line/Dockerfile", text: text, instructions: 2)
    }

    /// One exec-form line of about `bytes` bytes.
    static func longExecForm(bytes: Int) -> CorpusFile {
        var text = "FROM alpine\nCMD [\"start\""
        text.reserveCapacity(bytes + 32)
        while text.utf8.count < bytes { text += ", \"argument\\u0041\\n\"" }
        text += "]\n"
        return CorpusFile(name: "long-exec/Dockerfile", text: text, instructions: 2)
    }

    /// More instructions than the parser reads.
    static func manyInstructions(_ count: Int) -> CorpusFile {
        var text = "FROM alpine\n"
        text.reserveCapacity(count * 16)
        for index in 0..<count { text += "RUN echo \(index)\n" }
        return CorpusFile(name: "many/Dockerfile", text: text, instructions: min(count + 1, 100_000))
    }
}
