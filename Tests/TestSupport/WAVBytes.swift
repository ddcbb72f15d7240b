import Foundation

/// Real WAV files built byte by byte for tests: a RIFF/WAVE header, a fmt chunk, any
/// extra chunks (LIST, fact …) and a data chunk of a sawtooth wave.
public struct WAVBytes {
    public var channels = 1
    public var sampleRate = 8000
    public var bitsPerSample = 16
    /// 1 PCM, 3 IEEE float, 6 A-law, 7 µ-law, 0x55 MP3, 0xFFFE extensible.
    public var formatTag = 1
    /// The sub-format of an extensible fmt chunk.
    public var extensibleSubFormat = 1
    public var frames = 8000
    /// (id, body) chunks written between fmt and data.
    public var chunksBeforeData: [(String, [UInt8])] = []
    /// Put the data chunk before the fmt chunk.
    public var dataFirst = false

    public init(channels: Int = 1, sampleRate: Int = 8000, bitsPerSample: Int = 16, frames: Int = 8000) {
        self.channels = channels
        self.sampleRate = sampleRate
        self.bitsPerSample = bitsPerSample
        self.frames = frames
    }

    static func le(_ v: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8((v >> (8 * $0)) & 0xFF) } }

    static func chunk(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + le(body.count, 4) + body + (body.count % 2 == 1 ? [0] : [])
    }

    public var data: Data {
        let align = channels * bitsPerSample / 8
        var fmt = Self.le(formatTag, 2) + Self.le(channels, 2) + Self.le(sampleRate, 4)
            + Self.le(sampleRate * align, 4) + Self.le(align, 2) + Self.le(bitsPerSample, 2)
        if formatTag == 0xFFFE {
            // cbSize 22, valid bits, channel mask, sub-format GUID (tag + KSDATAFORMAT tail).
            fmt += Self.le(22, 2) + Self.le(bitsPerSample, 2) + Self.le(channels == 2 ? 3 : 4, 4)
                + Self.le(extensibleSubFormat, 2)
                + [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
        var samples: [UInt8] = []
        samples.reserveCapacity(frames * align)
        for i in 0..<frames {
            let value = (i * 37) % 256
            for _ in 0..<channels {
                for b in 0..<(bitsPerSample / 8) { samples.append(b == bitsPerSample / 8 - 1 ? UInt8(value) : 0) }
            }
        }
        var chunks = Self.chunk("fmt ", fmt)
        for (id, body) in chunksBeforeData { chunks += Self.chunk(id, body) }
        let dataChunk = Self.chunk("data", samples)
        chunks = dataFirst ? dataChunk + chunks : chunks + dataChunk
        return Data(Array("RIFF".utf8) + Self.le(4 + chunks.count, 4) + Array("WAVE".utf8) + chunks)
    }

    /// Writes the file (creating folders) and returns its URL.
    @discardableResult
    public func write(to url: URL) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }
}
