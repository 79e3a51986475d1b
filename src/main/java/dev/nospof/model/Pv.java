package dev.nospof.model;

/**
 * A PersistentVolume, as far as the storage checks read it: its name and the one node its
 * {@code nodeAffinity} admits ({@code node}; null when it admits more, or has none), as
 * {@code local} volumes and other node-attached storage declare.
 */
public record Pv(String name, String node) {
}
