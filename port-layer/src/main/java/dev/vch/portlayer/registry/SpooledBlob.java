package dev.vch.portlayer.registry;

import java.nio.file.Path;

/** A downloaded, verified blob in the spool directory; deleted when its last user closes it. */
public interface SpooledBlob extends AutoCloseable {

    Path file();

    @Override
    void close();
}
