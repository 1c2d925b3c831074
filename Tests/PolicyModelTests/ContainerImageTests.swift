import Testing

@testable import PolicyModel

struct ContainerImageTests {
    @Test(arguments: [
        ("python:3.12-slim", "", "python", "3.12-slim", ""),
        ("ghcr.io/org/app@sha256:abc", "ghcr.io", "org/app", "", "sha256:abc"),
        ("localhost:5000/team/app:1.0@sha256:def", "localhost:5000", "team/app", "1.0", "sha256:def"),
        ("registry.example.com:443/app", "registry.example.com:443", "app", "", ""),
        ("MyRegistry/app:2", "MyRegistry", "app", "2", ""),
        ("library/nginx", "", "library/nginx", "", ""),
    ])
    func referencesSplitAsDockerSplitsThem(_ example: (String, String, String, String, String)) {
        let parts = ContainerImage.parts(of: example.0)
        #expect(parts.registry == example.1)
        #expect(parts.repository == example.2)
        #expect(parts.tag == example.3)
        #expect(parts.digest == example.4)
        #expect(parts.name == (example.1.isEmpty ? example.2 : example.1 + "/" + example.2))
    }

    @Test func onlyAFullDigestPins() {
        #expect(ContainerImage.isDigest("sha256:" + String(repeating: "a", count: 64)))
        #expect(ContainerImage.isDigest("sha512:" + String(repeating: "0", count: 128)))
        #expect(!ContainerImage.isDigest("sha256:abc"))
        #expect(!ContainerImage.isDigest("md5:" + String(repeating: "a", count: 32)))
    }
}
