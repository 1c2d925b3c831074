import DockerfileInput
import PolicyModel
import Testing

/// Exec and shell forms, flags, and the fields of each keyword.
struct InstructionTests {
    @Test func execFormIsAJSONArrayOfStrings() throws {
        let (items, diagnostics) = instructions(
            """
            FROM alpine
            CMD ["python", "app.py"]
            ENTRYPOINT [ "a" , "b\\u0041\\n" ]
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            CMD []
            CMD ["é", "x"]
            """)
        #expect(diagnostics.isEmpty)
        let cmd = try #require(items[safe: 1])
        #expect(cmd["form"]?.string == "exec")
        #expect(cmd["exec"]?.strings == ["python", "app.py"])
        #expect(cmd["exec"]?[1]?.range == [2, 16, 2, 24])
        #expect(cmd["arguments"]?.string == "python app.py")
        #expect(cmd["arguments"]?.range == [2, 5, 2, 25])
        #expect(items[safe: 2]?["exec"]?.strings == ["a", "bA\n"])
        #expect(items[safe: 3]?["exec"]?.strings == ["/bin/bash", "-o", "pipefail", "-c"])
        #expect(items[safe: 4]?["form"]?.string == "exec")
        #expect(items[safe: 4]?["exec"]?.strings == [])
        #expect(items[safe: 5]?["exec"]?[1]?.start == [6, 11])
    }

    @Test(arguments: [
        "CMD [\"python\", 'app.py']",
        "CMD [\"python\", \"app.py\",]",
        "CMD [\"python\" \"app.py\"]",
        "CMD [\"unterminated]",
        "CMD [\"a\"] trailing",
        "RUN [ -f /etc/passwd ] && echo yes",
    ])
    func malformedJSONIsTheShellFormWithoutAnError(_ line: String) throws {
        let (items, diagnostics) = instructions("FROM alpine\n\(line)\n")
        #expect(diagnostics.isEmpty)
        let instruction = try #require(items[safe: 1])
        #expect(instruction["form"]?.string == "shell")
        #expect(instruction["exec"]?.strings == [])
        #expect(instruction["arguments"]?.string == String(line.dropFirst(4)))
    }

    @Test func jsonArrayWithOtherValuesIsReportedAndReadAsShellForm() throws {
        let (items, diagnostics) = instructions("FROM alpine\nCMD [\"sleep\", 10, {\"a\": [true, null]}]\n")
        #expect(
            described(diagnostics) == [
                "2:5: error: CMD has a JSON array that is not all strings; it is read as the shell form"
            ])
        #expect(items[safe: 1]?["form"]?.string == "shell")
    }

    @Test func flagsComeBeforeTheArgumentsAndRepeatedMountsAreKept() throws {
        let (items, diagnostics) = instructions(
            """
            FROM alpine
            RUN --mount=type=cache,target=/root/.cache --mount="type=secret,id=npm" --network=none echo --not-a-flag
            COPY --link --chown=app:app --from=build /a /b
            ADD --link=false --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /tmp/
            COPY --chown=a --chown=b x y
            """)
        #expect(
            described(diagnostics) == ["5:24: warning: flag \"--chown\" is given more than once; the last one is used"])
        let run = try #require(items[safe: 1])
        #expect(run["flags"]?.keys == ["mount", "network"])
        #expect(run["flags"]?["mount"]?.strings == ["type=cache,target=/root/.cache", "type=secret,id=npm"])
        #expect(run["flags"]?["mount"]?[0]?.range == [2, 13, 2, 43])
        #expect(run["flags"]?["network"]?.string == "none")
        #expect(run["arguments"]?.string == "echo --not-a-flag")
        let copy = try #require(items[safe: 2])
        #expect(copy["flags"]?["link"]?.boolean == true)
        #expect(copy["flags"]?["chown"]?.string == "app:app")
        #expect(copy["flags"]?["chown"]?.range == [3, 21, 3, 28])
        #expect(copy["sources"]?.strings == ["/a"])
        let add = try #require(items[safe: 3])
        #expect(add["flags"]?["link"]?.boolean == false)
        #expect(add["flags"]?["checksum"]?.string?.hasPrefix("sha256:") == true)
        #expect(add["sources"]?.strings == ["https://example.com/a.tgz"])
        #expect(add["destination"]?.string == "/tmp/")
        #expect(items[safe: 4]?["flags"]?["chown"]?.string == "b")
    }

    @Test func envLabelAndArgPairs() throws {
        let (items, diagnostics) = instructions(
            """
            ARG TOKEN
            ARG USER=app
            FROM alpine
            ENV A=1 B="two words" C=three\\ words D=
            ENV LEGACY value with "spaces"
            LABEL "com.example.vendor"="ACME Inc" version=1.0
            ARG API_KEY=abc123
            """)
        #expect(diagnostics.isEmpty)
        func pairs(_ index: Int) -> [[String?]] {
            items[safe: index]?["pairs"]?.items?.map { [$0["key"]?.string, $0["value"]?.string] } ?? []
        }
        #expect(pairs(0) == [["TOKEN", nil]])
        #expect(items[safe: 0]?["pairs"]?[0]?["value"]?.isNull == true)
        #expect(pairs(1) == [["USER", "app"]])
        #expect(pairs(3) == [["A", "1"], ["B", "two words"], ["C", "three words"], ["D", ""]])
        #expect(items[safe: 3]?["pairs"]?[1]?["value"]?.range == [4, 11, 4, 22])
        #expect(items[safe: 3]?["pairs"]?[1]?["key"]?.range == [4, 9, 4, 10])
        #expect(pairs(4) == [["LEGACY", "value with spaces"]])
        #expect(pairs(5) == [["com.example.vendor", "ACME Inc"], ["version", "1.0"]])
        #expect(pairs(6) == [["API_KEY", "abc123"]])
        #expect(items[safe: 6]?["pairs"]?[0]?["value"]?.range == [7, 13, 7, 19])
    }

    @Test func exposedPorts() throws {
        let (items, _) = instructions("FROM alpine\nEXPOSE 22 80/tcp 53/UDP 8000-8010 $PORT\n")
        let ports = try #require(items[safe: 1]?["ports"]?.items)
        #expect(ports.map { $0["port"]?.integer } == [22, 80, 53, 8000, nil])
        #expect(ports.map { $0["end"]?.integer } == [22, 80, 53, 8010, nil])
        #expect(ports.map { $0["protocol"]?.string } == ["tcp", "tcp", "udp", "tcp", "tcp"])
        #expect(ports.map { $0["written"]?.string } == ["22", "80/tcp", "53/UDP", "8000-8010", "$PORT"])
        #expect(ports[0]["port"]?.range == [2, 8, 2, 10])
        #expect(ports[3]["end"]?.range == [2, 30, 2, 34])
    }

    @Test func usersAndGroups() throws {
        let (content, diagnostics) = model(
            "FROM alpine AS build\nUSER root\nFROM alpine\nUSER 1000:1000\nUSER \"app\"\nONBUILD USER nobody\n")
        #expect(diagnostics.isEmpty)
        let stages = try #require(content["stages"]?.items)
        #expect(stages[0]["user"]?.string == "root")
        #expect(stages[0]["user"]?.range == [2, 6, 2, 10])
        #expect(stages[1]["user"]?.string == "app")
        #expect(stages[1]["user"]?.range == [5, 6, 5, 11])
        let numeric = try #require(stages[1]["instructions"]?[0])
        #expect(numeric["user"]?.string == "1000" && numeric["group"]?.string == "1000")
        #expect(numeric["group"]?.range == [4, 11, 4, 15])
        #expect(stages[1]["instructions"]?[1]?["group"]?.isNull == true)
        let noUser = model("FROM alpine\nRUN true\n").content
        #expect(noUser["finalStage"]?["user"]?.isNull == true)
        #expect(noUser["finalStage"]?["user"]?.start == [1, 1])
    }

    @Test func healthchecks() throws {
        let (items, diagnostics) = instructions(
            """
            FROM alpine
            HEALTHCHECK NONE
            HEALTHCHECK --interval=5m CMD ["curl", "-f", "http://localhost/"]
            HEALTHCHECK cmd wget -q -O- localhost
            """)
        #expect(diagnostics.isEmpty)
        #expect(items[safe: 1]?["none"]?.boolean == true)
        #expect(items[safe: 1]?["none"]?.range == [2, 13, 2, 17])
        #expect(items[safe: 2]?["none"]?.boolean == false)
        #expect(items[safe: 2]?["form"]?.string == "exec")
        #expect(items[safe: 2]?["exec"]?.strings == ["curl", "-f", "http://localhost/"])
        #expect(items[safe: 3]?["arguments"]?.string == "wget -q -O- localhost")
        #expect(items[safe: 3]?["form"]?.string == "shell")
    }

    @Test func onbuildTriggerIsAnInstruction() throws {
        let (content, diagnostics) = model("FROM alpine\nONBUILD RUN [\"make\", \"install\"]\nONBUILD ARG LATE=1\n")
        #expect(diagnostics.isEmpty)
        let trigger = try #require(content["instructions"]?[1]?["trigger"])
        #expect(trigger["keyword"]?.string == "RUN")
        #expect(trigger["keyword"]?.range == [2, 9, 2, 12])
        #expect(trigger["exec"]?.strings == ["make", "install"])
        #expect(trigger["stage"]?.integer == 0)
        #expect(content["instructions"]?[2]?["trigger"]?["pairs"]?[0]?["key"]?.string == "LATE")
    }

    @Test func copyAndAddSourcesAndDestination() throws {
        let (items, diagnostics) = instructions(
            "FROM alpine\nCOPY [\"a b\", \"c\", \"/dst/\"]\nCOPY \"quoted\" src/ /app/\nADD https://example.com/x.tar.gz /opt/\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(items[safe: 1]?["sources"]?.strings == ["a b", "c"])
        #expect(items[safe: 1]?["destination"]?.string == "/dst/")
        #expect(items[safe: 2]?["sources"]?.strings == ["quoted", "src/"])
        #expect(items[safe: 2]?["destination"]?.range == [3, 20, 3, 25])
        #expect(items[safe: 3]?["sources"]?.strings == ["https://example.com/x.tar.gz"])
    }
}
