extension ManifestParser {
    /// Kinds that live outside any namespace: the built-in ones and those of widely used projects.
    /// Every other kind, custom resources included, is taken to be namespaced.
    public static let clusterScopedKinds: Set<String> = [
        // core and built-in API groups
        "Namespace", "Node", "PersistentVolume", "ComponentStatus",
        "ClusterRole", "ClusterRoleBinding",
        "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "CustomResourceDefinition", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
        "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "PriorityClass", "IngressClass", "RuntimeClass", "PodSecurityPolicy",
        "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration",
        "IPAddress", "ServiceCIDR", "DeviceClass", "ResourceSlice",
        "TokenReview", "SubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview",
        // Gateway API, CSI snapshots, cert-manager, Kyverno, External Secrets
        "GatewayClass", "VolumeSnapshotClass", "VolumeSnapshotContent",
        "ClusterIssuer", "ClusterPolicy", "ClusterCleanupPolicy", "ClusterSecretStore", "ClusterExternalSecret",
    ]

    /// Whether objects of `kind` belong to a namespace.
    public static func isNamespaced(_ kind: String) -> Bool { !clusterScopedKinds.contains(kind) }

    /// `Kind/namespace/name` for namespaced kinds — the namespace as written, `default` when none
    /// is — and `Kind/name` for cluster-scoped ones. An object without a name (one that relies on
    /// `generateName`, say) gets an empty name.
    public static func identity(kind: String, name: String?, namespace: String?) -> String {
        let name = name ?? ""
        guard isNamespaced(kind) else { return "\(kind)/\(name)" }
        let namespace = namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return "\(kind)/\(namespace)/\(name)"
    }
}
