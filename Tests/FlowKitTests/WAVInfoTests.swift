import Foundation
import Testing
import TestSupport
@testable import FlowKit

@Suite struct WAVInfoTests {
    func problem(_ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        do {
            _ = try WAVInfo.parse(bytes)
            Issue.record("parsed; expected a refusal", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func pcm16BitMono() throws {
        let info = try WAVInfo.parse(WAVBytes(channels: 1, sampleRate: 8000, bitsPerSample: 16, frames: 20_000).data)
        #expect(info == WAVInfo(encoding: .pcm, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 40_000, blockAlign: 2))
        #expect(info.duration == 2.5)
        #expect(info.summary == "2.50 s, 8000 Hz, mono, 16-bit PCM")
    }

    @Test func pcm8BitStereo() throws {
        let info = try WAVInfo.parse(WAVBytes(channels: 2, sampleRate: 11_025, bitsPerSample: 8, frames: 11_025).data)
        #expect(info.channels == 2 && info.bitsPerSample == 8 && info.blockAlign == 2)
        #expect(info.duration == 1.0)
        #expect(info.summary == "1.00 s, 11025 Hz, stereo, 8-bit PCM")
    }

    @Test func pcm16BitStereoAt44100() throws {
        let info = try WAVInfo.parse(WAVBytes(channels: 2, sampleRate: 44_100, bitsPerSample: 16, frames: 22_050).data)
        #expect(info.dataBytes == 22_050 * 4)
        #expect(info.duration == 0.5)
    }

    @Test func oddSizedListAndFactChunksBeforeDataAreSkipped() throws {
        var wav = WAVBytes(frames: 4000)
        // An odd body is padded to an even length; the parser must step over the pad byte.
        wav.chunksBeforeData = [("LIST", Array("INFOISFT\u{5}\0\0\0Lavf\0".utf8)), ("fact", [0xA0, 0x0F, 0, 0])]
        #expect(Array("INFOISFT\u{5}\0\0\0Lavf\0".utf8).count % 2 == 1)
        let info = try WAVInfo.parse(wav.data)
        #expect(info.duration == 0.5)
    }

    @Test func extensibleAndOtherCommonEncodings() throws {
        var float = WAVBytes(channels: 1, sampleRate: 16_000, bitsPerSample: 32, frames: 16_000)
        float.formatTag = 3
        #expect(try WAVInfo.parse(float.data).encoding == .float)
        var ext = WAVBytes(channels: 2, sampleRate: 48_000, bitsPerSample: 24, frames: 4800)
        ext.formatTag = 0xFFFE
        let info = try WAVInfo.parse(ext.data)
        #expect(info.encoding == .pcm && info.channels == 2 && info.bitsPerSample == 24)
        #expect(abs(info.duration - 0.1) < 1e-9)
        var mulaw = WAVBytes(bitsPerSample: 8)
        mulaw.formatTag = 7
        #expect(try WAVInfo.parse(mulaw.data).encoding == .muLaw)
    }

    @Test func refusesWhatIsNotAReadableWAV() throws {
        #expect(problem(Data("ID3\u{3}mp3 frames".utf8)) == "not a WAV file: it does not start with RIFF")
        #expect(problem(Data()) == "not a WAV file: it is empty")
        #expect(problem(Data("RIFF\u{4}\0\0\0AVI LIST".utf8)) == "not a WAV file: a RIFF file of type 'AVI ', not WAVE")
        var mp3 = WAVBytes()
        mp3.formatTag = 0x55
        #expect(problem(mp3.data)?.hasPrefix("unsupported WAV encoding (format tag 85)") == true)
        var swapped = WAVBytes(frames: 10)
        swapped.dataFirst = true
        #expect(problem(swapped.data) == "not a readable WAV file: the data chunk comes before the fmt chunk")
        // RIFF/WAVE with a fmt chunk and nothing after it.
        let headerOnly = WAVBytes(frames: 0).data.prefix(12 + 8 + 16)
        #expect(problem(Data(headerOnly)) == "not a readable WAV file: no data chunk")
        #expect(problem(Data("RIFF\u{4}\0\0\0WAVE".utf8)) == "not a readable WAV file: no fmt chunk")
        var zeroChannels = WAVBytes(channels: 0, frames: 0)
        zeroChannels.frames = 0
        #expect(problem(zeroChannels.data) == "not a readable WAV file: the fmt chunk says 0 channels")
    }

    @Test func refusesATruncatedFile() throws {
        let whole = WAVBytes(frames: 20_000).data
        #expect(problem(whole.prefix(1000)) == "truncated WAV file: the data chunk declares 40000 bytes but only 956 follow")
        #expect(problem(whole.prefix(8)) == "truncated WAV file: the RIFF header is cut short (8 bytes)")
        #expect(problem(whole.prefix(30)) == "truncated WAV file: the fmt chunk is cut short")
    }

    @Test func readsOnlyTheHeaderOfAFileButStillSeesTruncation() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wav-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        // 3 MB of audio: more than the 1 MiB prefix read.
        let big = try WAVBytes(channels: 2, sampleRate: 44_100, bitsPerSample: 16, frames: 750_000).write(to: dir.appendingPathComponent("big.wav"))
        #expect(try WAVInfo.read(big).dataBytes == 3_000_000)
        // A LIST chunk larger than the prefix before the data: read whole.
        var listed = WAVBytes(frames: 100)
        listed.chunksBeforeData = [("LIST", [UInt8](repeating: 65, count: 1_200_000))]
        let listedURL = try listed.write(to: dir.appendingPathComponent("listed.wav"))
        #expect(try WAVInfo.read(listedURL).dataBytes == 200)
        let cut = dir.appendingPathComponent("cut.wav")
        try WAVBytes(frames: 750_000).data.prefix(1_400_000).write(to: cut)
        #expect(throws: WAVInfo.Problem.self) { try WAVInfo.read(cut) }
        #expect(throws: WAVInfo.Problem.self) { try WAVInfo.read(dir.appendingPathComponent("none.wav")) }
    }
}
