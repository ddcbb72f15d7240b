import Foundation

extension Workspace {
    /// The voice media folders under this workspace's local `media/` folder (also on a
    /// PostgreSQL workspace: media stays on the machine, in `directory`).
    public var mediaLibrary: MediaLibrary { MediaLibrary(root: mediaDirectory) }
}
