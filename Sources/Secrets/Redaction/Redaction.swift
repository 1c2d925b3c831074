/// How a secret is shown anywhere Palisade writes: never whole. Its public format prefix, when its
/// detector says it has one (`ghp_`, `sk_live_`: `Detector.shown`), an ellipsis and its length in
/// characters: `ghp_…(40)`; a secret without such a prefix shows only its length, `…(24)`. The
/// prefix is cut to leave at least three quarters of the secret hidden.
public enum Redaction {
    public static func redacted(_ secret: [UInt8], shown: Int) -> String {
        let text = String(decoding: secret, as: UTF8.self)
        let length = text.unicodeScalars.count
        let count = min(shown, length / 4)
        let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(count)))
        return prefix + "…(\(length))"
    }
}
