import Testing

@testable import Secrets

/// Reading `git diff --cached --unified=0`: which lines of each file's staged version a commit adds.
struct GitDiffTests {
    @Test func addedLinesAreReadFromEveryHunkOfEveryFile() {
        let diff = """
            diff --git a/deploy.sh b/deploy.sh
            index 1111111..2222222 100644
            --- a/deploy.sh
            +++ b/deploy.sh
            @@ -2 +2,2 @@ set -e
            -old
            +new one
            +new two
            @@ -10,3 +11,0 @@ fi
            -gone
            -gone
            -gone
            @@ -20 +20 @@
            -x
            +y
            diff --git a/new file.txt b/new file.txt
            new file mode 100644
            --- /dev/null
            +++ b/new file.txt
            @@ -0,0 +1,3 @@
            +a
            +b
            +c
            diff --git "a/caf\\303\\251.env" "b/caf\\303\\251.env"
            --- "a/caf\\303\\251.env"
            +++ "b/caf\\303\\251.env"
            @@ -1 +1 @@
            -A=1
            +A=2

            """
        let additions = Git.additions(inDiff: Array(diff.utf8))
        #expect(additions.map(\.path) == ["deploy.sh", "new file.txt", "café.env"])
        #expect(additions.map(\.lines) == [[2...3, 20...20], [1...3], [1...1]])
    }
}
