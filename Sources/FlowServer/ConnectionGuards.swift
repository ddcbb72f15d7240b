import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request is not received whole within `timeout`: from the
/// moment the connection is set up (or the previous response was sent) until the request's
/// last body byte. A client holding half a header, or a body shorter than its
/// Content-Length, so holds a connection for `timeout` at most (issue 13: 1,000 such
/// connections used to stay open indefinitely). Unlike an idle timeout it is not reset
/// by each byte, so a client trickling one byte a second is closed too. While the
/// server is working on a received request nothing is timed here.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .end = unwrapInboundIn(data) { disarm() }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            // The next request on this keep-alive connection gets the same time.
            let armed = context.eventLoop.makePromise(of: Void.self)
            armed.futureResult.assumeIsolated().whenSuccess { [weak self] in
                guard let self, context.channel.isActive else { return }
                self.arm(context)
            }
            armed.futureResult.cascade(to: promise)
            context.write(data, promise: armed)
            return
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) {
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

/// At most `limit` connections open at once across the server: one more is closed as
/// soon as it is accepted, so slow or idle clients cannot use up the process's file
/// descriptors. One counter is shared by every connection's handler.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    final class Counter: Sendable {
        let limit: Int
        private let open = NIOLockedValueBox(0)
        init(limit: Int) { self.limit = limit }
        /// False (and nothing counted) when the limit is reached.
        func enter() -> Bool {
            open.withLockedValue { n in
                guard n < limit else { return false }
                n += 1
                return true
            }
        }
        func leave() { open.withLockedValue { $0 -= 1 } }
        var current: Int { open.withLockedValue { $0 } }
    }

    let counter: Counter
    private var counted = false

    init(counter: Counter) {
        self.counter = counter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if counter.enter() {
            counted = true
        } else {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        release()
    }

    func channelInactive(context: ChannelHandlerContext) {
        release()
        context.fireChannelInactive()
    }

    private func release() {
        if counted {
            counted = false
            counter.leave()
        }
    }
}
