package dev.vch.vsphere.api;

/** One host firewall ruleset. */
public record FirewallRuleset(String key, String label, boolean enabled) {}
