package dev.vch.personality.server;

/** Names of the pipeline handlers, so a hijack can take the HTTP ones out. */
final class HttpNames {
    static final String CODEC = "http";
    static final String AGGREGATOR = "aggregator";
    static final String DISPATCHER = "dispatcher";
    static final String HIJACKED = "hijacked";

    private HttpNames() {
    }
}
