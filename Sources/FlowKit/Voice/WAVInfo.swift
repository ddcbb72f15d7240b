import Foundation

/// What a voice prompt's WAV header says: enough to tell a readable prompt from a broken
/// one and to show its length. Parsed here (RIFF/WAVE chunks, little-endian) rather than
/// with an audio library: the header is small and the runtime never decodes audio.
public struct WAVInfo: Equatable, Sendable {
    public enum Encoding: String, Sendable {
        case pcm = "PCM"
        case float = "IEEE float"
        case aLaw = "A-law"
        case muLaw = "µ-law"
    }

    public var encoding: Encoding
    public var channels: Int
    public var sampleRate: Int
    public var bitsPerSample: Int
    /// Bytes of audio in the data chunk.
    public var dataBytes: Int
    /// Bytes per sample frame (every channel of one sample).
    public var blockAlign: Int

    /// Seconds of audio.
    public var duration: Double {
        guard blockAlign > 0, sampleRate > 0 else { return 0 }
        return Double(dataBytes / blockAlign) / Double(sampleRate)
    }

    /// `2.50 s, 8000 Hz, mono, 16-bit PCM`.
    public var summary: String {
        let layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : "\(channels) channels"
        return "\(WAVInfo.seconds(duration)), \(sampleRate) Hz, \(layout), \(bitsPerSample)-bit \(encoding.rawValue)"
    }

    /// `2.50 s`: two decimals, as prompts are short.
    public static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    /// Why bytes are not a readable WAV: one line.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    // Format tags of the fmt chunk (WAVE_FORMAT_*).
    static let formatTags: [Int: Encoding] = [1: .pcm, 3: .float, 6: .aLaw, 7: .muLaw]
    static let extensibleTag = 0xFFFE

    /// Parses a whole WAV file's bytes (or, with `totalLength`, a prefix of a file that long:
    /// everything up to the data chunk's header must be in `bytes`).
    public static func parse(_ bytes: Data, totalLength: Int? = nil) throws(Problem) -> WAVInfo {
        let b = [UInt8](bytes)
        let total = totalLength ?? b.count
        func fail(_ m: String) -> Problem { Problem(message: m) }
        func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func tag(_ at: Int) -> String { String(decoding: b[at..<at + 4], as: UTF8.self) }

        guard b.count >= 4, tag(0) == "RIFF" else {
            if b.isEmpty { throw fail("not a WAV file: it is empty") }
            throw fail("not a WAV file: it does not start with RIFF")
        }
        guard b.count >= 12 else { throw fail("truncated WAV file: the RIFF header is cut short (\(b.count) bytes)") }
        guard tag(8) == "WAVE" else { throw fail("not a WAV file: a RIFF file of type '\(printable(tag(8)))', not WAVE") }

        var format: (encoding: Encoding, channels: Int, rate: Int, byteRate: Int, align: Int, bits: Int)?
        var offset = 12
        while true {
            guard offset + 8 <= total else {
                throw format == nil ? fail("not a readable WAV file: no fmt chunk") : fail("not a readable WAV file: no data chunk")
            }
            guard offset + 8 <= b.count else { throw fail("truncated WAV file: a chunk header is cut short") }
            let id = tag(offset), size = u32(offset + 4)
            let body = offset + 8
            switch id {
            case "fmt ":
                guard size >= 16 else { throw fail("not a readable WAV file: the fmt chunk is \(size) bytes, fewer than 16") }
                guard body + 16 <= b.count else { throw fail("truncated WAV file: the fmt chunk is cut short") }
                var formatTag = u16(body)
                if formatTag == extensibleTag {
                    // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
                    guard size >= 40, body + 26 <= b.count else {
                        throw fail("not a readable WAV file: the extensible fmt chunk is cut short")
                    }
                    formatTag = u16(body + 24)
                }
                guard let encoding = formatTags[formatTag] else {
                    throw fail("unsupported WAV encoding (format tag \(formatTag)); use PCM, IEEE float, A-law or µ-law")
                }
                let channels = u16(body + 2), rate = u32(body + 4), byteRate = u32(body + 8)
                let align = u16(body + 12), bits = u16(body + 14)
                guard channels > 0 else { throw fail("not a readable WAV file: the fmt chunk says 0 channels") }
                guard rate > 0 else { throw fail("not a readable WAV file: the fmt chunk says a sample rate of 0") }
                guard [8, 16, 24, 32, 64].contains(bits) else {
                    throw fail("not a readable WAV file: \(bits) bits per sample (expected 8, 16, 24, 32 or 64)")
                }
                guard align == channels * bits / 8 else {
                    throw fail("not a readable WAV file: block align \(align) does not match \(channels) channel(s) of \(bits) bits")
                }
                format = (encoding, channels, rate, byteRate, align, bits)
            case "data":
                guard let f = format else { throw fail("not a readable WAV file: the data chunk comes before the fmt chunk") }
                let available = total - body
                guard size <= available else {
                    throw fail("truncated WAV file: the data chunk declares \(size) bytes but only \(available) follow")
                }
                return WAVInfo(encoding: f.encoding, channels: f.channels, sampleRate: f.rate,
                               bitsPerSample: f.bits, dataBytes: size, blockAlign: f.align)
            default:
                break  // LIST, fact, cue … are skipped.
            }
            // Chunks are padded to an even length.
            let next = body + size + (size & 1)
            guard next > offset else { throw fail("not a readable WAV file: a chunk size overflows") }
            offset = next
        }
    }

    /// Reads the header of the file at `url` (not the audio: at most the first 1 MiB,
    /// unless a large chunk comes before the data).
    public static func read(_ url: URL) throws(Problem) -> WAVInfo {
        let prefix: Data, size: Int
        do { (prefix, size) = try readPrefix(url, count: 1 << 20) } catch {
            throw Problem(message: "cannot read \(url.path): \(MediaLibrary.reason(error))")
        }
        let first = Result { () throws(Problem) -> WAVInfo in try parse(prefix, totalLength: size) }
        guard case .failure(let problem) = first, prefix.count < size, problem.message.hasPrefix("truncated") else {
            return try first.get()
        }
        // A chunk before the data ran past the prefix: read the whole file.
        let whole: Data
        do { (whole, _) = try readPrefix(url, count: size) } catch {
            throw Problem(message: "cannot read \(url.path): \(MediaLibrary.reason(error))")
        }
        return try parse(whole, totalLength: size)
    }

    /// The first `count` bytes of the file and its size.
    private static func readPrefix(_ url: URL, count: Int) throws -> (Data, Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        return (try handle.read(upToCount: max(count, 1)) ?? Data(), size)
    }

    private static func printable(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}
