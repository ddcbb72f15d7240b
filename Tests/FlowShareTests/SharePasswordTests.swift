import Foundation
import Testing
@testable import FlowShare

@Suite struct SharePasswordTests {
    @Test func theRightPasswordVerifiesAndAWrongOneDoesNot() throws {
        let stored = try SharePassword.hash("correct horse battery", iterations: testIterations)
        #expect(SharePassword.verify(password: "correct horse battery", against: stored))
        #expect(!SharePassword.verify(password: "correct horse batterY", against: stored))
        #expect(!SharePassword.verify(password: "", against: stored))
        #expect(!SharePassword.verify(password: "correct horse battery ", against: stored))
    }

    @Test func eachHashHasItsOwnSaltSoTheSamePasswordHashesDifferently() throws {
        let a = try SharePassword.hash("same password", iterations: testIterations)
        let b = try SharePassword.hash("same password", iterations: testIterations)
        #expect(a.salt.count == SharePassword.saltByteCount && b.salt.count == SharePassword.saltByteCount)
        #expect(a.salt != b.salt)
        #expect(a.hash != b.hash)
        #expect(a.hash.count == SharePassword.hashByteCount)
        #expect(SharePassword.verify(password: "same password", against: a))
        #expect(SharePassword.verify(password: "same password", against: b))
    }

    @Test func theIterationCountIsStoredAndUsedToVerify() throws {
        let stored = try SharePassword.hash("iterations matter", iterations: 2_000)
        #expect(stored.iterations == 2_000)
        var tampered = stored
        tampered.iterations = 1_999
        #expect(!SharePassword.verify(password: "iterations matter", against: tampered))
    }

    /// The public entry point (the one the CLI uses) always does 600,000 iterations.
    @Test func theDefaultHashUsesSixHundredThousandIterations() throws {
        #expect(SharePassword.iterations == 600_000)
        let stored = try SharePassword.hash("the real thing")
        #expect(stored.iterations == 600_000)
        #expect(SharePassword.verify(password: "the real thing", against: stored))
        #expect(!SharePassword.verify(password: "the real thinG", against: stored))
        // The same salt and count reproduce the hash: it is a pure function of its inputs.
        let again = try SharePassword.hash("the real thing", iterations: 600_000, salt: stored.salt)
        #expect(again == stored)
    }

    /// RFC 7914 §11's PBKDF2-HMAC-SHA256 vector (P = "passwd", S = "salt", c = 1), first 32
    /// bytes: it really is PBKDF2 with SHA-256.
    @Test func matchesThePublishedPBKDF2SHA256Vector() throws {
        let derived = try SharePassword.derive("passwd", salt: Array("salt".utf8), iterations: 1)
        let hex = derived.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    @Test func refusesEmptyAndShortPasswords() {
        #expect(throws: ShareError.emptyPassword) { try SharePassword.check("") }
        #expect(throws: ShareError.passwordTooShort(minimum: 8)) { try SharePassword.check("1234567") }
        #expect(throws: Never.self) { try SharePassword.check("12345678") }
        // Characters, not bytes: seven accented letters are still too short.
        #expect(throws: ShareError.passwordTooShort(minimum: 8)) { try SharePassword.check("ééééééé") }
    }

    @Test func aDamagedRecordNeverVerifies() throws {
        var stored = try SharePassword.hash("some password", iterations: testIterations)
        stored.hash = []
        #expect(!SharePassword.verify(password: "some password", against: stored))
        stored = try SharePassword.hash("some password", iterations: testIterations)
        stored.iterations = 0
        #expect(!SharePassword.verify(password: "some password", against: stored))
    }
}

@Suite struct ConstantTimeTests {
    @Test func equalBytesCompareEqual() {
        #expect(ConstantTime.equal([UInt8](), [UInt8]()))
        #expect(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        let random = (0..<64).map { _ in UInt8.random(in: 0...255) }
        #expect(ConstantTime.equal(random, random))
        #expect(ConstantTime.equal("fc_share", "fc_share"))
    }

    @Test func anyDifferingByteOrLengthMakesThemUnequal() {
        let base: [UInt8] = Array(repeating: 0xAB, count: 32)
        for i in base.indices {
            for bit in 0..<8 {
                var other = base
                other[i] ^= UInt8(1 << bit)
                #expect(!ConstantTime.equal(base, other), "byte \(i) bit \(bit)")
            }
        }
        #expect(!ConstantTime.equal(base, Array(base.dropLast())))
        #expect(!ConstantTime.equal(base, base + [0]))
        // A zero byte appended is still a difference (lengths are folded in).
        #expect(!ConstantTime.equal([1, 2] as [UInt8], [1, 2, 0] as [UInt8]))
        #expect(!ConstantTime.equal([UInt8](), [0] as [UInt8]))
        #expect(!ConstantTime.equal("token", "tokem"))
    }
}

@Suite struct ShareTokenTests {
    @Test func aTokenIs32RandomBytesInUnpaddedBase64URL() throws {
        let token = ShareToken.generate()
        #expect(token.count == 43)
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        #expect(ShareToken.isWellFormed(token))
        let bytes = try #require(Base64URL.decode(token))
        #expect(bytes.count == 32)
        #expect(Base64URL.encode(bytes) == token)
    }

    @Test func tokensAreUnique() {
        let tokens = (0..<2_000).map { _ in ShareToken.generate() }
        #expect(Set(tokens).count == tokens.count)
    }

    @Test func onlyTokenShapedStringsAreWellFormed() {
        #expect(!ShareToken.isWellFormed(""))
        #expect(!ShareToken.isWellFormed(String(repeating: "a", count: 42)))
        #expect(!ShareToken.isWellFormed(String(repeating: "a", count: 44)))
        #expect(!ShareToken.isWellFormed(String(repeating: "a", count: 42) + "/"))
        #expect(!ShareToken.isWellFormed(String(repeating: "a", count: 42) + "="))
        #expect(ShareToken.isWellFormed(String(repeating: "-", count: 21) + String(repeating: "_", count: 22)))
    }

    @Test func base64URLRoundTripsEveryLength() throws {
        for n in 0..<40 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let text = Base64URL.encode(bytes)
            #expect(try #require(Base64URL.decode(text)) == bytes)
        }
        #expect(Base64URL.decode("a") == nil)
        #expect(Base64URL.decode("ab+c") == nil)
    }
}
