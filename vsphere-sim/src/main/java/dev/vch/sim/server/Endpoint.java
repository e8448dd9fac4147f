package dev.vch.sim.server;

import com.sun.net.httpserver.HttpServer;
import dev.vch.sim.core.Sim;

/** Routes of the endpoint: /sdk (SOAP, service versions) and /folder (datastore files). */
public final class Endpoint {
    /** Largest SOAP request accepted (a CreateVM with many devices is a few KiB). */
    public static final long MAX_SOAP_BODY = 16L * 1024 * 1024;

    private Endpoint() {
    }

    public static void register(HttpServer server, Sim sim) {
        server.createContext("/sdk", new SoapHandler(sim, MAX_SOAP_BODY));
        server.createContext("/folder", new DatastoreHttpHandler(sim));
    }
}
