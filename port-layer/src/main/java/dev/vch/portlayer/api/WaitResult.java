package dev.vch.portlayer.api;

/** The outcome of a wait: the exit code and an error text, null when there was none. */
public record WaitResult(int statusCode, String error) {
}
