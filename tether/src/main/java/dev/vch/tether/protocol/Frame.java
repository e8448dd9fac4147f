package dev.vch.tether.protocol;

/**
 * One frame on the link: a 12-byte header (magic {@code 'V' 'L'}, type, flags = 0, channel u32,
 * length u32, big-endian) then {@code length} payload bytes. Channel 0 is the control channel.
 */
record Frame(int type, int channel, byte[] payload) {

    static final int HEADER = 12;
    static final byte MAGIC0 = 'V';
    static final byte MAGIC1 = 'L';
}
