package dev.vch.vsphere.api;

import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.Faults;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import dev.vch.vsphere.internal.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Datastore files: uploads through the {@code /folder} HTTP interface (same TLS pin and session
 * cookie as the SOAP calls), directories and deletes through the FileManager.
 */
public final class DatastoreFiles {

  private final Session session;
  private final Tasks tasks;

  DatastoreFiles(Session session, Tasks tasks) {
    this.session = session;
    this.tasks = tasks;
  }

  /** {@code [ds] path} */
  public static String path(String datastore, String path) {
    return "[" + datastore + "] " + path;
  }

  public void mkdir(Datacenter dc, String datastore, String dir) {
    session.call("create directory " + path(datastore, dir), v -> {
      v.makeDirectory(session.content().getFileManager(), path(datastore, dir), Props.mor(dc.ref()), true);
      return null;
    });
  }

  /** Deletes a file or a directory with everything in it. */
  public void delete(Datacenter dc, String datastore, String path) {
    tasks.run("delete " + path(datastore, path), v -> v.deleteDatastoreFile_Task(
        session.content().getFileManager(), path(datastore, path), Props.mor(dc.ref())));
  }

  /** Deletes a file or directory; false when it was not there. */
  public boolean deleteIfExists(Datacenter dc, String datastore, String path) {
    try {
      delete(dc, datastore, path);
      return true;
    } catch (VsphereException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  public URI url(Datacenter dc, String datastore, String path) {
    URI sdk = session.target().sdkUrl();
    String encoded = URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    return URI.create(sdk.getScheme() + "://" + sdk.getRawAuthority() + "/folder/" + encoded
        + "?dcPath=" + URLEncoder.encode(dc.name(), StandardCharsets.UTF_8)
        + "&dsName=" + URLEncoder.encode(datastore, StandardCharsets.UTF_8));
  }

  public void upload(Datacenter dc, String datastore, String path, Path file) {
    String action = "upload " + file + " to " + path(datastore, path);
    try {
      HttpURLConnection con = session.transport().open(url(dc, datastore, path).toURL());
      con.setRequestMethod("PUT");
      con.setDoOutput(true);
      long size = Files.size(file);
      con.setFixedLengthStreamingMode(size);
      con.setRequestProperty("Content-Type", "application/octet-stream");
      con.setRequestProperty("Cookie", session.cookie());
      try (OutputStream out = con.getOutputStream()) {
        Files.copy(file, out);
      }
      int status = con.getResponseCode();
      drain(con, status);
      if (status / 100 != 2) {
        throw new VsphereException(status == 404 ? Kind.NOT_FOUND : status == 503 ? Kind.UNAVAILABLE : Kind.INTERNAL,
            "Tried to " + action + " but failed because the server answered HTTP " + status);
      }
    } catch (IOException e) {
      throw Faults.io(action, e);
    }
  }

  /** Whether the file exists (HTTP HEAD on /folder). */
  public boolean exists(Datacenter dc, String datastore, String path) {
    String action = "look for " + path(datastore, path);
    try {
      HttpURLConnection con = session.transport().open(url(dc, datastore, path).toURL());
      con.setRequestMethod("GET");
      con.setRequestProperty("Cookie", session.cookie());
      int status = con.getResponseCode();
      drain(con, status);
      return status / 100 == 2;
    } catch (IOException e) {
      throw Faults.io(action, e);
    }
  }

  private static void drain(HttpURLConnection con, int status) throws IOException {
    try (InputStream in = status >= 400 ? con.getErrorStream() : con.getInputStream()) {
      if (in != null) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    }
  }
}
