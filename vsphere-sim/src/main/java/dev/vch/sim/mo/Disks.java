package dev.vch.sim.mo;

import dev.vch.sim.vim.VimFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real VMDK files through qemu-img; a disk with a parent is a copy-on-write child of it. */
public final class Disks {
    private Disks() {
    }

    public static void create(Path vmdk, long capacityKb, Path parent) {
        if (Files.exists(vmdk)) throw VimFault.fileAlreadyExists(vmdk.getFileName().toString());
        try {
            Files.createDirectories(vmdk.getParent());
        } catch (IOException e) {
            throw VimFault.systemError("cannot create " + vmdk.getParent() + ": " + e.getMessage());
        }
        List<String> cmd = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", "vmdk"));
        if (parent != null) {
            if (!Files.exists(parent)) throw VimFault.fileNotFound(parent.getFileName().toString());
            // relative backing path: the datastore can move without breaking the chain
            String hint = vmdk.getParent().relativize(parent).toString();
            if (createSparseChild(vmdk, capacityKb, parent, hint)) return;
            cmd.addAll(List.of("-b", hint, "-F", "vmdk"));
        }
        cmd.add(vmdk.toString());
        // a child is at least as large as its parent: a smaller requested size keeps the parent's
        if (parent == null || capacityKb * 1024 > virtualSize(parent)) cmd.add(Math.max(capacityKb, 1) + "K");
        run(cmd, vmdk.getParent());
    }

    /** A child of a sparse parent is written in place (no process); false for other parents. */
    private static boolean createSparseChild(Path vmdk, long capacityKb, Path parent, String hint) {
        try {
            var info = SparseVmdk.parentInfo(parent);
            if (info.isEmpty()) return false;
            SparseVmdk.createChild(vmdk, Math.max(capacityKb * 1024, info.get().capacityBytes()), info.get(), hint);
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw VimFault.fileAlreadyExists(vmdk.getFileName().toString());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(vmdk);
            } catch (IOException ignored) {
                // the fault below says what went wrong
            }
            throw VimFault.systemError("cannot create " + vmdk.getFileName() + " as a child of " + parent.getFileName()
                    + ": " + e.getMessage());
        }
    }

    /** The disk's virtual size in bytes: from a sparse VMDK's header, else as qemu-img reports it. */
    static long virtualSize(Path vmdk) {
        try {
            var info = SparseVmdk.parentInfo(vmdk);
            if (info.isPresent()) return info.get().capacityBytes();
        } catch (IOException e) {
            throw VimFault.systemError("cannot read " + vmdk.getFileName() + ": " + e.getMessage());
        }
        String json = run(List.of("qemu-img", "info", "--output=json", vmdk.toString()), vmdk.getParent());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"virtual-size\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public static void copy(Path src, Path dst) {
        if (!Files.exists(src)) throw VimFault.fileNotFound(src.getFileName().toString());
        run(List.of("qemu-img", "convert", "-q", "-O", "vmdk", src.toString(), dst.toString()), src.getParent());
    }

    /** qemu-img cannot resize VMDKs in place: convert to a sparse raw file, resize, convert back. */
    public static void extend(Path vmdk, long capacityKb) {
        if (!Files.exists(vmdk)) throw VimFault.fileNotFound(vmdk.getFileName().toString());
        Path dir = vmdk.getParent();
        String info = run(List.of("qemu-img", "info", vmdk.toString()), dir);
        if (info.contains("backing file:")) throw VimFault.notSupported("Extending a child disk is not supported: " + vmdk.getFileName());
        Path raw = dir.resolve("." + vmdk.getFileName() + ".extend.raw");
        Path tmp = dir.resolve("." + vmdk.getFileName() + ".extend.vmdk");
        try {
            run(List.of("qemu-img", "convert", "-q", "-f", "vmdk", "-O", "raw", vmdk.toString(), raw.toString()), dir);
            run(List.of("qemu-img", "resize", "-q", "-f", "raw", raw.toString(), capacityKb + "K"), dir);
            run(List.of("qemu-img", "convert", "-q", "-f", "raw", "-O", "vmdk", raw.toString(), tmp.toString()), dir);
            Files.move(tmp, vmdk, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw VimFault.systemError("cannot extend " + vmdk.getFileName() + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(raw);
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // leftovers are dot files that no search shows
            }
        }
    }

    public static void delete(Path vmdk) {
        try {
            if (!Files.deleteIfExists(vmdk)) throw VimFault.fileNotFound(vmdk.getFileName().toString());
            String n = vmdk.getFileName().toString();
            if (n.endsWith(".vmdk")) Files.deleteIfExists(vmdk.resolveSibling(n.substring(0, n.length() - 5) + "-flat.vmdk"));
        } catch (IOException e) {
            throw VimFault.systemError("cannot delete " + vmdk.getFileName() + ": " + e.getMessage());
        }
    }

    private static String run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw VimFault.systemError("qemu-img timed out");
            }
            if (p.exitValue() != 0) throw VimFault.systemError("qemu-img failed: " + out);
            return out;
        } catch (IOException e) {
            throw VimFault.systemError("cannot run qemu-img: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VimFault.systemError("interrupted");
        }
    }
}
