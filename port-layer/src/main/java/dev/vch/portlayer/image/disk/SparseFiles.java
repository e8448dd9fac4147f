package dev.vch.portlayer.image.disk;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data extents of a sparse file, found with lseek(SEEK_DATA/SEEK_HOLE) through the
 * FFM API. Image filesystems are 8 GiB sparse files holding a few MiB of data; reading the
 * holes would cost seconds per layer (qemu-img rebase reads them all: 17 s for 8 GiB here).
 * Where lseek is unavailable the whole file counts as one extent, which is correct but slow.
 */
public final class SparseFiles {

    /** A byte range [offset, offset + length). */
    public record Extent(long offset, long length) {
        public long end() {
            return offset + length;
        }
    }

    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final MethodHandle OPEN;
    private static final MethodHandle LSEEK;
    private static final MethodHandle CLOSE;

    static {
        MethodHandle open = null;
        MethodHandle lseek = null;
        MethodHandle close = null;
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            open = linker.downcallHandle(libc.find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
                    Linker.Option.firstVariadicArg(2));
            lseek = linker.downcallHandle(libc.find("lseek").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT));
            close = linker.downcallHandle(libc.find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        } catch (RuntimeException | LinkageError e) {
            open = null;
        }
        OPEN = open;
        LSEEK = lseek;
        CLOSE = close;
    }

    private SparseFiles() {
    }

    /** The file's data extents in order; holes are left out. */
    public static List<Extent> dataExtents(Path file) throws IOException {
        long size = Files.size(file);
        if (OPEN == null) {
            return size == 0 ? List.of() : List.of(new Extent(0, size));
        }
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom(file.toString()), O_RDONLY);
            if (fd < 0) {
                throw new IOException("cannot open " + file);
            }
            try {
                List<Extent> extents = new ArrayList<>();
                long pos = 0;
                while (pos < size) {
                    long data = (long) LSEEK.invokeExact(fd, pos, SEEK_DATA);
                    if (data < 0) {
                        break; // ENXIO: no data after pos
                    }
                    long hole = (long) LSEEK.invokeExact(fd, data, SEEK_HOLE);
                    if (hole < 0) {
                        hole = size;
                    }
                    extents.add(new Extent(data, hole - data));
                    pos = hole;
                }
                return extents;
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("lseek on " + file + " failed", t);
        }
    }
}
