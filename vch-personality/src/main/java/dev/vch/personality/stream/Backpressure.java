package dev.vch.personality.stream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/** Blocks a producer (never the event loop) while the channel cannot take more bytes. */
final class Backpressure {
    private Backpressure() {
    }

    static void await(Channel channel, ChannelFuture lastWrite) {
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        // the pending write completing means the buffer drained at least down to it
        lastWrite.awaitUninterruptibly();
    }
}
