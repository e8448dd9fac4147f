package dev.vch.personality.routing;

/** One API operation. Runs on a virtual thread unless its route is marked inline. */
@FunctionalInterface
public interface Handler {
    Reply handle(ApiRequest request) throws Exception;
}
