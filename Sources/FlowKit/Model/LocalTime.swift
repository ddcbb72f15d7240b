import Foundation

/// "2026-11-25 18:09" in a time zone: how history shows times, in the CLI and the editor
/// (one formatter so both say the same).
public enum LocalTime {
    public static func text(_ date: Date, timeZone: TimeZone = .current) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}
