package dev.vch.sim.mo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Empty copy-on-write children of hosted sparse VMDKs ("monolithicSparse", what qemu-img makes),
 * written in place: the same bytes {@code qemu-img create -f vmdk -b parent} writes (header,
 * embedded descriptor naming the parent and its CID, redundant and primary grain directories
 * over zeroed grain tables), without starting a process per disk on the containerVM create
 * path. Disks of any other kind are left to qemu-img ({@link #parentInfo} answers empty).
 */
final class SparseVmdk {
    /** "KDMV" little endian: VMware's SparseExtentHeader magic. */
    static final int MAGIC = 0x564d444b;
    private static final int SECTOR = 512;
    private static final int GRAIN_SECTORS = 128;
    private static final int GTES_PER_GT = 512;
    private static final int DESCRIPTOR_OFFSET = 1;
    private static final int DESCRIPTOR_SECTORS = 20;
    /** RGD (redundant grain directory) and newline detection, as qemu-img sets them. */
    private static final int FLAGS = 3;
    private static final Pattern CID = Pattern.compile("(?m)^CID=([0-9a-fA-F]{1,8})\\s*$");

    private SparseVmdk() {
    }

    /** A parent's virtual size and content id. */
    record Parent(long capacityBytes, long cid) {
    }

    /** The parent's size and CID if it is a hosted sparse VMDK with an embedded descriptor. */
    static Optional<Parent> parentInfo(Path vmdk) throws IOException {
        try (FileChannel ch = FileChannel.open(vmdk)) {
            ByteBuffer h = read(ch, 0, 44);
            if (h == null || h.getInt(0) != MAGIC) {
                return Optional.empty();
            }
            long descOffset = h.getLong(28);
            long descSectors = h.getLong(36);
            if (descOffset <= 0 || descSectors <= 0 || descSectors > 1024) {
                return Optional.empty();
            }
            ByteBuffer d = read(ch, descOffset * SECTOR, (int) (descSectors * SECTOR));
            if (d == null) {
                return Optional.empty();
            }
            Matcher m = CID.matcher(StandardCharsets.US_ASCII.decode(d));
            return m.find() ? Optional.of(new Parent(h.getLong(12) * SECTOR, Long.parseLong(m.group(1), 16)))
                    : Optional.empty();
        }
    }

    /**
     * Writes an empty child of {@code parent} at {@code child} (which must not exist), named in
     * the descriptor by {@code parentHint} (relative to the child's folder).
     */
    static void createChild(Path child, long capacityBytes, Parent parent, String parentHint) throws IOException {
        long capacity = ceil(capacityBytes, SECTOR);
        long grains = ceil(capacity, GRAIN_SECTORS);
        long gtSectors = ceil((long) GTES_PER_GT * 4, SECTOR);
        long gtCount = ceil(grains, GTES_PER_GT);
        long gdSectors = ceil(gtCount * 4, SECTOR);
        long rgdOffset = DESCRIPTOR_OFFSET + DESCRIPTOR_SECTORS;
        long gdOffset = rgdOffset + gdSectors + gtSectors * gtCount;
        long grainOffset = ceil(gdOffset + gdSectors + gtSectors * gtCount, GRAIN_SECTORS) * GRAIN_SECTORS;

        ByteBuffer header = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(1).putInt(FLAGS).putLong(capacity).putLong(GRAIN_SECTORS)
                .putLong(DESCRIPTOR_OFFSET).putLong(DESCRIPTOR_SECTORS).putInt(GTES_PER_GT)
                .putLong(rgdOffset).putLong(gdOffset).putLong(grainOffset)
                .put((byte) 0).put((byte) '\n').put((byte) ' ').put((byte) '\r').put((byte) '\n').putShort((short) 0);
        header.clear();
        byte[] descriptor = descriptor(child, capacity, parent.cid(), parentHint).getBytes(StandardCharsets.US_ASCII);
        if (descriptor.length > DESCRIPTOR_SECTORS * SECTOR) {
            throw new IOException("the descriptor of " + child.getFileName() + " does not fit its " + DESCRIPTOR_SECTORS
                    + " sectors (parent path too long?)");
        }
        try (FileChannel ch = FileChannel.open(child, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, header, 0);
            writeFully(ch, ByteBuffer.wrap(descriptor), DESCRIPTOR_OFFSET * SECTOR);
            writeFully(ch, directory(gtCount, gdSectors, rgdOffset + gdSectors, gtSectors), rgdOffset * SECTOR);
            writeFully(ch, directory(gtCount, gdSectors, gdOffset + gdSectors, gtSectors), gdOffset * SECTOR);
            // the grain tables are zeros: the file ends where grains would start (sparse on disk)
            writeFully(ch, ByteBuffer.allocate(1), grainOffset * SECTOR - 1);
        }
    }

    private static String descriptor(Path child, long capacitySectors, long parentCid, String parentHint) {
        long cid = ThreadLocalRandom.current().nextLong(1L << 32);
        long cylinders = capacitySectors / (63L * 16); // as qemu-img writes it
        return "# Disk DescriptorFile\n"
                + "version=1\n"
                + "CID=" + Long.toHexString(cid) + "\n"
                + "parentCID=" + Long.toHexString(parentCid) + "\n"
                + "createType=\"monolithicSparse\"\n"
                + "parentFileNameHint=\"" + parentHint + "\"\n"
                + "# Extent description\n"
                + "RW " + capacitySectors + " SPARSE \"" + child.getFileName() + "\"\n"
                + "\n"
                + "# The Disk Data Base\n"
                + "#DDB\n"
                + "\n"
                + "ddb.virtualHWVersion = \"4\"\n"
                + "ddb.geometry.cylinders = \"" + cylinders + "\"\n"
                + "ddb.geometry.heads = \"16\"\n"
                + "ddb.geometry.sectors = \"63\"\n"
                + "ddb.adapterType = \"ide\"\n"
                + "ddb.toolsVersion = \"2147483647\"\n";
    }

    /** A grain directory: entry i names the sector of grain table i. */
    private static ByteBuffer directory(long gtCount, long gdSectors, long firstTable, long gtSectors) {
        ByteBuffer gd = ByteBuffer.allocate((int) (gdSectors * SECTOR)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < gtCount; i++) {
            gd.putInt((int) (firstTable + i * gtSectors));
        }
        gd.clear();
        return gd;
    }

    private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                return null;
            }
        }
        return b.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static long ceil(long n, long unit) {
        return (n + unit - 1) / unit;
    }
}
