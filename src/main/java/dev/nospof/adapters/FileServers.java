package dev.nospof.adapters;

import dev.nospof.engine.EffectiveReplicas;
import dev.nospof.model.Backends;
import dev.nospof.model.ServiceTarget;
import dev.nospof.model.WorkloadView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which Service of the cluster an NFS server address names, and how many pods are behind a
 * Service: what {@code single-file-server} and, on files, {@code webhook-spof} and
 * {@code apiservice-spof} need. An address names a Service by its DNS name
 * ({@code files.storage}, {@code files.storage.svc}, {@code files.storage.svc.cluster.local}) or
 * its ClusterIP.
 */
public final class FileServers {

    private FileServers() {
    }

    /**
     * {@code namespace/name} of the Service {@code address} names by DNS, if it has that form; an
     * IP address, or a name of other form, gives none (an IP is matched against ClusterIPs).
     */
    public static Optional<String> serviceKey(String address) {
        String host = address.trim().toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = host.split("\\.");
        if (labels.length == 2 || (labels.length >= 3 && labels[2].equals("svc"))) {
            return Optional.of(labels[1] + "/" + labels[0]);
        }
        return Optional.empty();
    }

    /** The Service {@code address} names: looked up by {@code namespace/name}, or by ClusterIP among {@code all} (read only then). */
    public static Optional<ServiceTarget> service(String address, Function<String, Optional<ServiceTarget>> byKey,
            Supplier<Collection<ServiceTarget>> all) {
        Optional<String> key = serviceKey(address);
        if (key.isPresent()) {
            return byKey.apply(key.get());
        }
        String ip = address.trim();
        return all.get().stream().filter(s -> ip.equals(s.clusterIp())).findFirst();
    }

    /**
     * The pods behind {@code service}: the effective replicas of the workloads of its namespace
     * it selects ({@code views}, each with the autoscalers that target it), each named; empty when
     * it selects none of them.
     */
    public static Optional<Backends> backends(ServiceTarget service, Collection<WorkloadView> views) {
        int pods = 0;
        List<String> workloads = new ArrayList<>();
        for (WorkloadView view : views) {
            if (view.workload().namespace().equals(service.namespace()) && service.selects(view.workload().template().labels())) {
                EffectiveReplicas replicas = EffectiveReplicas.of(view);
                pods += replicas.value();
                workloads.add(view.workload().ref().kind().kind() + " " + view.workload().name() + " at " + replicas.describe());
            }
        }
        return workloads.isEmpty() ? Optional.empty() : Optional.of(Backends.ofWorkloads(pods, workloads));
    }
}
