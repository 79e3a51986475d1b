package dev.nospof.engine.checks;

import dev.nospof.engine.Check;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.FileServer;
import java.util.ArrayList;
import java.util.List;

/**
 * The pods mount an NFS server (an inline {@code nfs} volume, or a claim bound to an NFS
 * PersistentVolume) that is a Service of the cluster whose workloads have fewer than 2 effective
 * replicas: one pod holds the files of every workload that mounts it, whatever their own replica
 * counts. Each workload that mounts it is reported, naming the server. A server that is no
 * Service nospof sees (outside the cluster, or not in the input) is not judged.
 */
public final class SingleFileServerCheck implements Check {

    public static final String ID = "single-file-server";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the pods mount an NFS server that is a Service of the cluster with fewer than 2 replicas behind it";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.CRITICAL;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        int replicas = input.replicas().value();
        if (replicas < 1 || input.view().fileServers().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (String address : input.view().nfsServers(replicas)) {
            FileServer server = input.view().fileServers().get(address);
            if (server == null || server.backends().pods() >= 2) {
                continue;
            }
            findings.add(finding(input.subject() + " mounts files from NFS server " + address + ", which is Service " + server.service()
                            + " with " + server.backends().describe() + ": when that pod fails, every workload that mounts it loses its files",
                    "run the file server behind Service " + server.service() + " with at least 2 replicas on storage they share,"
                            + " or move the files to storage that does not hang on one pod"));
        }
        return findings;
    }
}
