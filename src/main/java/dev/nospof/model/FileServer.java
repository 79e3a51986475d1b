package dev.nospof.model;

/**
 * An NFS server address that names a Service of the cluster ({@code files.storage.svc},
 * {@code files.storage.svc.cluster.local} or its ClusterIP), with the pods behind that Service.
 *
 * @param address  as the volume writes it
 * @param service  {@code namespace/name} of the Service
 * @param backends the pods behind it: the effective replicas of the workloads the Service selects
 */
public record FileServer(String address, String service, Backends backends) {
}
