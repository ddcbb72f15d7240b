import FlowKit

/// What a share link may show of a flow (DESIGN §13): its stored document minus what is
/// the workspace's business. Externalized variables are the per-deployment values (API
/// bases, keys) set at Make Live, so their defaults are blanked; the media folder is a
/// path on the sharer's machine. App bindings, variable values and webhook URLs are
/// never in a document, and other flows are never read.
public enum ShareSanitizer {
    public static func sanitize(_ document: FlowDocument) -> FlowDocument {
        var doc = document
        doc.settings.variables = doc.settings.variables.map { variable in
            var v = variable
            if v.externalized { v.default = "" }
            return v
        }
        doc.settings.mediaFolder = nil
        return doc
    }
}
