package dev.vch.appliance;

import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.container.LogStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The log server's index page and its .tar.gz bundle. */
final class LogPages {
    private LogPages() {
    }

    static String index(List<String> ids, Function<String, String> names) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>VCH logs</title>"
                + "</head><body><h1>Virtual Container Host logs</h1><ul>"
                + "<li>appliance: <a href=\"/logs/appliance\">log</a> | <a href=\"/logs/appliance?follow=1\">live tail</a></li>");
        for (String id : ids) {
            sb.append("<li>").append(escape(names.apply(id))).append(" (").append(id, 0, 12).append("): ")
                    .append("<a href=\"/logs/").append(id).append("\">log</a> | <a href=\"/logs/").append(id)
                    .append("?follow=1\">live tail</a></li>");
        }
        return sb.append("</ul><p><a href=\"/bundle.tar.gz\">Download all logs (.tar.gz)</a></p></body></html>").toString();
    }

    static void bundle(OutputStream raw, Path applianceLog, LogStore logs, Function<String, String> names)
            throws IOException {
        try (GZIPOutputStream gz = new GZIPOutputStream(raw); TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            if (Files.exists(applianceLog)) {
                add(tar, "appliance.log", Files.readAllBytes(applianceLog));
            }
            for (String id : logs.ids()) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                logs.read(id, new LogOptions(true, true, false, -1, null, null, true), false, new OutputSink() {
                    @Override
                    public void write(StdStream stream, byte[] data) {
                        text.writeBytes(data);
                    }

                    @Override
                    public void end(String error) {
                    }
                });
                add(tar, "containers/" + names.apply(id).replace('/', '_') + "-" + id.substring(0, 12) + ".log",
                        text.toByteArray());
            }
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setMode(0644);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
