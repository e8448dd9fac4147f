package dev.vch.vsphere.api;

import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.Faults;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import dev.vch.vsphere.internal.Tasks;
import com.vmware.vim25.FileInfo;
import com.vmware.vim25.HostDatastoreBrowserSearchResults;
import com.vmware.vim25.HostDatastoreBrowserSearchSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Datastore files: reads and writes through the {@code /folder} HTTP interface (same TLS pin and
 * session cookie as the SOAP calls), directories, moves and deletes through the FileManager,
 * listings through the datastore's HostDatastoreBrowser.
 */
public final class DatastoreFiles {

  private final Session session;
  private final Tasks tasks;
  private final Props props;
  /** "dc/datastore" to the datastore's HostDatastoreBrowser; they never change for a datastore. */
  private final Map<String, MoRef> browsers = new ConcurrentHashMap<>();

  DatastoreFiles(Session session, Tasks tasks, Props props) {
    this.session = session;
    this.tasks = tasks;
    this.props = props;
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
      put(dc, datastore, path, action, Files.size(file), out -> Files.copy(file, out));
    } catch (IOException e) {
      throw Faults.io(action, e);
    }
  }

  /**
   * Writes a small file so that readers never see part of it: the bytes go to a temporary name
   * beside it and are moved over the old file (FileManager, force).
   */
  public void write(Datacenter dc, String datastore, String path, byte[] data) {
    String action = "write " + path(datastore, path);
    String temp = path + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    try {
      put(dc, datastore, temp, action, data.length, out -> out.write(data));
    } catch (IOException e) {
      throw Faults.io(action, e);
    }
    try {
      move(dc, datastore, temp, path);
    } catch (VsphereException e) {
      deleteIfExists(dc, datastore, temp);
      throw e;
    }
  }

  /** Moves (renames) a file or directory on one datastore, replacing what is at {@code to}. */
  public void move(Datacenter dc, String datastore, String from, String to) {
    tasks.run("move " + path(datastore, from) + " to " + to, v -> v.moveDatastoreFile_Task(
        session.content().getFileManager(), path(datastore, from), Props.mor(dc.ref()), path(datastore, to),
        Props.mor(dc.ref()), true));
  }

  /** Reads a whole (small) file; NOT_FOUND when it is not there. */
  public byte[] read(Datacenter dc, String datastore, String path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    get(dc, datastore, path, "read " + path(datastore, path), in -> in.transferTo(out));
    return out.toByteArray();
  }

  /** Copies a file to the local disk, streaming; NOT_FOUND when it is not there. */
  public void download(Datacenter dc, String datastore, String path, Path target) {
    get(dc, datastore, path, "download " + path(datastore, path) + " to " + target,
        in -> Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING));
  }

  /**
   * The names of the files and folders directly inside {@code dir} (HostDatastoreBrowser); empty
   * when the folder does not exist.
   */
  public List<String> list(Datacenter dc, String datastore, String dir) {
    MoRef browser = browsers.computeIfAbsent(dc.name() + "/" + datastore, k -> browserOf(dc, datastore));
    HostDatastoreBrowserSearchSpec spec = new HostDatastoreBrowserSearchSpec();
    spec.setMatchPattern(new String[] {"*"});
    Object result;
    try {
      result = tasks.run("list " + path(datastore, dir), v -> v.searchDatastore_Task(Props.mor(browser),
          path(datastore, dir), spec));
    } catch (VsphereException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
    List<String> names = new ArrayList<>();
    if (result instanceof HostDatastoreBrowserSearchResults r && r.getFile() != null) {
      for (FileInfo f : r.getFile()) {
        names.add(f.getPath());
      }
    }
    return names;
  }

  private MoRef browserOf(Datacenter dc, String datastore) {
    List<MoRef> refs = Props.refList(props.get(dc.ref(), "datastore"), "datastore");
    for (Map.Entry<MoRef, Map<String, Object>> e : props.get(refs, "name", "browser").entrySet()) {
      if (datastore.equals(Props.str(e.getValue(), "name")) && e.getValue().get("browser") instanceof MoRef b) {
        return b;
      }
    }
    throw new VsphereException(Kind.NOT_FOUND, "datastore '" + datastore + "' not found in datacenter '"
        + dc.name() + "'");
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private interface Reader {
    void read(InputStream in) throws IOException;
  }

  private void put(Datacenter dc, String datastore, String path, String action, long size, Body body)
      throws IOException {
    HttpURLConnection con = session.transport().open(url(dc, datastore, path).toURL());
    con.setRequestMethod("PUT");
    con.setDoOutput(true);
    con.setFixedLengthStreamingMode(size);
    con.setRequestProperty("Content-Type", "application/octet-stream");
    con.setRequestProperty("Cookie", session.cookie());
    try (OutputStream out = con.getOutputStream()) {
      body.write(out);
    }
    int status = con.getResponseCode();
    drain(con, status);
    if (status / 100 != 2) {
      throw httpError(action, status);
    }
  }

  private void get(Datacenter dc, String datastore, String path, String action, Reader reader) {
    try {
      HttpURLConnection con = session.transport().open(url(dc, datastore, path).toURL());
      con.setRequestMethod("GET");
      con.setRequestProperty("Cookie", session.cookie());
      int status = con.getResponseCode();
      if (status / 100 != 2) {
        drain(con, status);
        throw httpError(action, status);
      }
      try (InputStream in = con.getInputStream()) {
        reader.read(in);
      }
    } catch (IOException e) {
      throw Faults.io(action, e);
    }
  }

  private static VsphereException httpError(String action, int status) {
    return new VsphereException(status == 404 ? Kind.NOT_FOUND : status == 503 ? Kind.UNAVAILABLE : Kind.INTERNAL,
        "Tried to " + action + " but failed because the server answered HTTP " + status);
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
