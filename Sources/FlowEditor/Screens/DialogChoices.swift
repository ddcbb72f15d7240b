import TerminalUI

/// What each of the editor's yes/no dialogs can answer. Screens switch on these, never on
/// button labels (see `ChoiceDialog`).
enum QuitChoice: Hashable, Sendable { case save, discard, cancel }
/// Save found a newer draft.
enum ConflictChoice: Hashable, Sendable { case reload, saveAsCopy, showDifferences, cancel }
/// Unsaved changes were found in the recovery slot.
enum RecoveryChoice: Hashable, Sendable { case restore, discard }
/// Edit version N while a working draft exists.
enum DiscardDraftChoice: Hashable, Sendable { case discardAndEdit, openDraft, cancel }
/// Make Live refused: the only answer is to look at the errors.
enum RefusalChoice: Hashable, Sendable { case showErrors }
/// Delete a flow from the list?
enum DeleteChoice: Hashable, Sendable { case delete, cancel }
/// Pause a running live flow?
enum PauseChoice: Hashable, Sendable { case pause, cancel }
