import DockerfileInput
import KubernetesInput
import PolicyModel
import TerraformInput
import WorkflowInput

/// Which input reads a file, told by its path, and the parsers behind each input: the one place
/// `palisade scan`, `palisade policy test` and the library's fixture tests agree on.
public enum InputFiles {
    /// The extensions of files some input reads; files named like a Dockerfile are read too.
    public static let extensions: Set<String> = ["yaml", "yml", "json", "tf", "tfvars"]

    /// The input that reads `path`: Terraform for `.tf`, `.tfvars` (and their `.json` forms);
    /// Dockerfiles by name (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`);
    /// GitHub Actions for YAML under `.github/workflows/` and `action.yml`; GitLab CI for
    /// `.gitlab-ci.yml`, `*.gitlab-ci.yml` and YAML under `.gitlab/ci/`; Kubernetes for other
    /// YAML and JSON (a JSON file holding a saved plan is told apart when read). `nil` for a file
    /// no input reads.
    public static func kind(of path: String) -> String? {
        if path.hasSuffix(".tf") || path.hasSuffix(".tfvars") || path.hasSuffix(".tf.json")
            || path.hasSuffix(".tfvars.json")
        {
            return TerraformReader.inputKind
        }
        if DockerfileParser.isDockerfile(path: path) { return DockerfileParser.inputKind }
        if WorkflowReader.isWorkflowFile(path) { return WorkflowReader.inputKind }
        if PipelineReader.isPipelineFile(path) { return PipelineReader.inputKind }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") || path.hasSuffix(".json") {
            return ManifestParser.inputKind
        }
        return nil
    }

    /// Whether the walk should pick a file up by its name alone (it has no telling extension).
    @Sendable public static func isInputName(_ name: String) -> Bool { DockerfileParser.isDockerfile(path: name) }

    /// The resources of one file read as `kind` (a Terraform file as a module of its own).
    public static func resources(
        in bytes: [UInt8], file: String, kind: String
    ) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        switch kind {
        case TerraformReader.inputKind:
            return TerraformReader.read(singleFile: String(decoding: bytes, as: UTF8.self), path: file)
        case PlanReader.inputKind:
            return PlanReader.parse(bytes: bytes, file: file)
        case DockerfileParser.inputKind:
            return DockerfileParser.parse(String(decoding: bytes, as: UTF8.self), file: file)
        case WorkflowReader.inputKind:
            return WorkflowReader.parse(bytes: bytes, file: file)
        case PipelineReader.inputKind:
            return PipelineReader.parse(bytes: bytes, file: file)
        default:
            return ManifestParser.parse(bytes: bytes, file: file)
        }
    }
}
