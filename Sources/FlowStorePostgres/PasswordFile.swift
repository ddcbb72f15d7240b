import Foundation

/// libpq's password file (`PGPASSFILE`, else `~/.pgpass`): lines of
/// `host:port:database:user:password`, `*` matching anything, `\:` and `\\` escaped,
/// the first matching line winning. As libpq does, a file others can read is ignored.
enum PasswordFile {
    static func password(host: String, port: Int, database: String, user: String,
                         environment: [String: String]) -> String? {
        let path: String
        if let file = environment["PGPASSFILE"], !file.isEmpty {
            path = file
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.pgpass"
        } else {
            return nil
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              info.st_mode & (S_IRWXG | S_IRWXO) == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        // libpq matches a socket connection's host as `localhost`.
        let hostKey = host.hasPrefix("/") ? "localhost" : host
        let wanted = [hostKey, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// One line's fields, unescaping `\:` and `\\`.
    static func split(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }
}
