package dev.vch.vsphere.api;

import java.util.List;

/** A licence assigned on the server, with the feature keys it grants. */
public record License(String key, String name, String editionKey, List<String> features) {
  public License {
    features = features == null ? List.of() : List.copyOf(features);
  }
}
