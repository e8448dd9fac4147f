package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Datastore files: MakeDirectory, DeleteDatastoreFile_Task, Move/CopyDatastoreFile_Task. */
public final class FileManager extends ManagedObject {
    public FileManager(Sim sim) {
        super(sim, new MoRef("FileManager", "FileManager"));
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "MakeDirectory" -> {
                String name = Args.requiredText(args, "name");
                Path p = sim.datastores().resolve(name);
                try {
                    if (Args.bool(args, "createParentDirectories", false)) {
                        if (Files.isDirectory(p)) throw VimFault.fileAlreadyExists(name);
                        Files.createDirectories(p);
                    } else {
                        Files.createDirectory(p);
                    }
                } catch (FileAlreadyExistsException e) {
                    throw VimFault.fileAlreadyExists(name);
                } catch (NoSuchFileException e) {
                    throw VimFault.fileNotFound(name);
                } catch (IOException e) {
                    throw VimFault.systemError(e.getMessage());
                }
                yield null;
            }
            case "DeleteDatastoreFile_Task" -> sim.runTask(this, "DeleteDatastoreFile_Task", "FileManager.deleteFile", ctx, () -> {
                String name = Args.requiredText(args, "name");
                Path p = sim.datastores().resolve(name);
                if (!Files.exists(p)) throw VimFault.fileNotFound(name);
                if (p.equals(sim.datastores().resolve(dsRoot(name)))) throw VimFault.invalidDatastorePath(name);
                deleteTree(p);
                return null;
            });
            case "MoveDatastoreFile_Task", "CopyDatastoreFile_Task" -> sim.runTask(this, method, "FileManager." + (method.startsWith("Move") ? "move" : "copy"), ctx, () -> {
                String src = Args.requiredText(args, "sourceName");
                String dst = Args.requiredText(args, "destinationName");
                Path from = sim.datastores().resolve(src);
                Path to = sim.datastores().resolve(dst);
                if (!Files.exists(from)) throw VimFault.fileNotFound(src);
                if (Files.exists(to) && !Args.bool(args, "force", false)) throw VimFault.fileAlreadyExists(dst);
                copyOrMove(from, to, method.startsWith("Move"));
                return null;
            });
            default -> super.invoke(method, args, ctx);
        };
    }

    private static String dsRoot(String dsPath) {
        return "[" + dev.vch.sim.core.Datastores.parse(dsPath).datastore() + "]";
    }

    private static void copyOrMove(Path from, Path to, boolean move) {
        try {
            Files.createDirectories(to.getParent());
            if (move) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw VimFault.systemError(e.getMessage());
        }
    }

    /** Deletes a file or directory tree (never follows symlinks out of it). */
    static void deleteTree(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw VimFault.systemError("cannot delete " + p.getFileName() + ": " + e.getMessage());
        }
    }
}
