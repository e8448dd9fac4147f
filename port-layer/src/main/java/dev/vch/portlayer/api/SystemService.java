package dev.vch.portlayer.api;

/** The VCH as a whole. */
public interface SystemService {

    /** Honest current values: counts from the container and image stores, resources from vSphere. */
    SystemInfo info();
}
