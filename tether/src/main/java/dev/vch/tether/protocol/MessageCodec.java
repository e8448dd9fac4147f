package dev.vch.tether.protocol;

import dev.vch.tether.TetherException;

/** Message type codes and payload layouts (docs/design/tether-link.md, "Messages"). */
final class MessageCodec {

    static final int HELLO_REQUEST = 1, HELLO = 2, CHALLENGE = 3, PROOF = 4, WELCOME = 5, REFUSED = 6, PING = 7, PONG = 8;
    static final int OPEN = 16, DATA = 17, EOF = 18, WINDOW = 19, CLOSE = 20, RESET = 21, RESIZE = 22, SIGNAL = 23,
            START = 24, STARTED = 25, EXIT = 26, EXEC_CREATE = 27, EXEC_CREATED = 28, EXEC_START = 29,
            DNS_QUERY = 30, DNS_ANSWER = 31;

    static final int OPEN_ATTACH = 1, OPEN_EXEC = 2, OPEN_PORT_FORWARD = 3, OPEN_DNS = 4;

    private MessageCodec() {
    }

    static boolean isControl(int type) {
        return type < OPEN;
    }

    static int type(Message m) {
        return switch (m) {
            case Message.HelloRequest x -> HELLO_REQUEST;
            case Message.Hello x -> HELLO;
            case Message.Challenge x -> CHALLENGE;
            case Message.Proof x -> PROOF;
            case Message.Welcome x -> WELCOME;
            case Message.Refused x -> REFUSED;
            case Message.Ping x -> PING;
            case Message.Pong x -> PONG;
            case Message.Open x -> OPEN;
            case Message.Data x -> DATA;
            case Message.Eof x -> EOF;
            case Message.Window x -> WINDOW;
            case Message.Close x -> CLOSE;
            case Message.Reset x -> RESET;
            case Message.Resize x -> RESIZE;
            case Message.Signal x -> SIGNAL;
            case Message.Start x -> START;
            case Message.Started x -> STARTED;
            case Message.Exit x -> EXIT;
            case Message.ExecCreate x -> EXEC_CREATE;
            case Message.ExecCreated x -> EXEC_CREATED;
            case Message.ExecStart x -> EXEC_START;
            case Message.DnsQuery x -> DNS_QUERY;
            case Message.DnsAnswer x -> DNS_ANSWER;
        };
    }

    static byte[] payload(Message m) {
        Payload.Out o = new Payload.Out();
        switch (m) {
            case Message.HelloRequest x -> { }
            case Message.Hello x -> o.i32(x.version()).str(x.containerId()).bytes(x.guestNonce());
            case Message.Challenge x -> o.bytes(x.guestNonce()).bytes(x.hostNonce());
            case Message.Proof x -> o.bytes(x.mac());
            case Message.Welcome x -> o.bytes(x.mac());
            case Message.Refused x -> o.str(x.reason());
            case Message.Ping x -> o.i32(x.seq());
            case Message.Pong x -> o.i32(x.seq());
            case Message.Open x -> {
                switch (x.request()) {
                    case OpenRequest.Attach a -> o.u8(OPEN_ATTACH).str(a.sessionId()).u8(a.stdin() ? 1 : 0).u8(a.replay() ? 1 : 0);
                    case OpenRequest.Exec e -> o.u8(OPEN_EXEC).str(e.execId());
                    case OpenRequest.PortForward p -> o.u8(OPEN_PORT_FORWARD).i32(p.port());
                    case OpenRequest.Dns d -> o.u8(OPEN_DNS);
                }
            }
            case Message.Data x -> o.u8(x.stream()).raw(x.bytes());
            case Message.Eof x -> o.u8(x.stream());
            case Message.Window x -> o.i32(x.credit());
            case Message.Close x -> { }
            case Message.Reset x -> o.str(x.reason());
            case Message.Resize x -> o.i32(x.rows()).i32(x.cols());
            case Message.Signal x -> o.i32(x.signal());
            case Message.Start x -> { }
            case Message.Started x -> o.i32((int) x.pid());
            case Message.Exit x -> o.i32(x.status()).str(x.error());
            case Message.ExecCreate x -> o.map(x.config());
            case Message.ExecCreated x -> { }
            case Message.ExecStart x -> { }
            case Message.DnsQuery x -> o.bytes(x.packet());
            case Message.DnsAnswer x -> o.bytes(x.packet());
        }
        return o.toBytes();
    }

    /** Decodes a frame's payload; a malformed payload is a PROTOCOL error for that frame's channel. */
    static Message decode(Frame f) {
        String what = "message type " + f.type() + " on channel " + f.channel();
        Payload.In in = new Payload.In(f.payload(), what);
        Message m = switch (f.type()) {
            case HELLO_REQUEST -> new Message.HelloRequest();
            case HELLO -> new Message.Hello(in.i32(), in.str(), in.bytes());
            case CHALLENGE -> new Message.Challenge(in.bytes(), in.bytes());
            case PROOF -> new Message.Proof(in.bytes());
            case WELCOME -> new Message.Welcome(in.bytes());
            case REFUSED -> new Message.Refused(in.str());
            case PING -> new Message.Ping(in.i32());
            case PONG -> new Message.Pong(in.i32());
            case OPEN -> new Message.Open(switch (in.u8()) {
                case OPEN_ATTACH -> new OpenRequest.Attach(in.str(), in.u8() != 0, in.u8() != 0);
                case OPEN_EXEC -> new OpenRequest.Exec(in.str());
                case OPEN_PORT_FORWARD -> new OpenRequest.PortForward(in.i32());
                case OPEN_DNS -> new OpenRequest.Dns();
                default -> throw new TetherException(TetherException.Kind.PROTOCOL, "unknown channel kind in " + what);
            });
            case DATA -> new Message.Data(in.u8(), in.rest());
            case EOF -> new Message.Eof(in.u8());
            case WINDOW -> new Message.Window(in.i32());
            case CLOSE -> new Message.Close();
            case RESET -> new Message.Reset(in.str());
            case RESIZE -> new Message.Resize(in.i32(), in.i32());
            case SIGNAL -> new Message.Signal(in.i32());
            case START -> new Message.Start();
            case STARTED -> new Message.Started(in.i32());
            case EXIT -> new Message.Exit(in.i32(), in.str());
            case EXEC_CREATE -> new Message.ExecCreate(in.map());
            case EXEC_CREATED -> new Message.ExecCreated();
            case EXEC_START -> new Message.ExecStart();
            case DNS_QUERY -> new Message.DnsQuery(in.bytes());
            case DNS_ANSWER -> new Message.DnsAnswer(in.bytes());
            default -> throw new TetherException(TetherException.Kind.PROTOCOL, "unknown " + what);
        };
        in.end();
        if (isControl(f.type()) != (f.channel() == 0)) {
            throw new TetherException(TetherException.Kind.PROTOCOL, what + " is not allowed there");
        }
        return m;
    }
}
