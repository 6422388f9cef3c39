package io.trapgate.gdbstub.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.trapgate.gdbstub.codec.RspFrameDecoder;
import io.trapgate.gdbstub.codec.RspFrameEncoder;
import io.trapgate.gdbstub.target.Target;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for debugger connections on a TCP port and serves one at a time. One NIO event-loop thread
 * accepts, decodes and encodes; the target's own thread runs the commands.
 */
public final class GdbServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GdbServer.class);

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;

    private GdbServer(EventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free port; {@link #port()} tells which). */
    public static GdbServer start(Target target, int port) throws InterruptedException {
        return start(target, "127.0.0.1", port);
    }

    public static GdbServer start(Target target, String host, int port) throws InterruptedException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ClientSlot slot = new ClientSlot();
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new RspFrameDecoder(), new RspFrameEncoder(), new RspSession(target, slot));
                        }
                    })
                    .bind(host, port).sync().channel();
            GdbServer server = new GdbServer(group, ch);
            log.info("gdb stub listening on {}:{}", host, server.port);
            return server;
        } catch (Exception e) { // includes a BindException Netty rethrows undeclared

            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Stops listening, closes any client connection and ends the event-loop thread. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
