package dev.nospof.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election for reconciliation, as JOSDK provides it: every replica starts its informers,
 * serves health and metrics, but only the holder of the Lease runs reconcilers, so only it
 * writes reports and Events. A leader that cannot renew the Lease exits (Kubernetes restarts it
 * as a follower); one that is stopped (SIGTERM) stops reconciling, then hands the Lease over at
 * once instead of leaving followers to wait for it to expire. Switched off
 * ({@code nospof.leader-election.enabled=false}) the one process is the leader.
 */
@ApplicationScoped
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    @ConfigProperty(name = "nospof.leader-election.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "nospof.leader-election.lease-name", defaultValue = "nospof-leader")
    String leaseName;
    /** The release namespace in a cluster (downward API); the kubeconfig's namespace (or default) otherwise. */
    @ConfigProperty(name = "nospof.leader-election.lease-namespace")
    Optional<String> leaseNamespace;
    @ConfigProperty(name = "nospof.leader-election.lease-duration", defaultValue = "15s")
    Duration leaseDuration;
    @ConfigProperty(name = "nospof.leader-election.renew-deadline", defaultValue = "10s")
    Duration renewDeadline;
    @ConfigProperty(name = "nospof.leader-election.retry-period", defaultValue = "2s")
    Duration retryPeriod;
    /** The pod's name in a cluster (downward API). A suffix keeps two processes on one host apart. */
    @ConfigProperty(name = "nospof.leader-election.identity")
    Optional<String> identity;

    private final Leadership leadership;
    private volatile String namespace;
    private volatile boolean stopping;

    public LeaderElection(Leadership leadership) {
        this.leadership = leadership;
    }

    /** Read by the Quarkus Operator SDK when it builds the operator; none when switched off. */
    @Produces
    @Dependent
    LeaderElectionConfiguration configuration(KubernetesClient client) {
        if (!enabled) {
            LOG.info("leader election is off: this process reconciles");
            leadership.started("(leader election off)");
            return null;
        }
        String id = identity.filter(s -> !s.isBlank()).orElseGet(LeaderElection::hostname)
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        var builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
                .withIdentity(id)
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withLeaderCallbacks(new LeaderCallbacks(() -> leadership.started(id), () -> stoppedLeading(id, client),
                        holder -> LOG.infof("leader is now %s", holder)));
        String namespace = leaseNamespace.filter(s -> !s.isBlank())
                .orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
        builder.withLeaseNamespace(namespace);
        this.namespace = namespace;
        LOG.infof("leader election: lease %s/%s as %s (duration %s, renew deadline %s, retry %s)",
                namespace, leaseName, id, leaseDuration, renewDeadline, retryPeriod);
        return builder.build();
    }

    /**
     * JOSDK calls this also when the operator is being stopped, from the shutdown hook, where its
     * own exit on a lost lease (System.exit) would block for good; so the exit is decided here. A leader that lost the
     * Lease while running exits, to be restarted as a follower. A leader being stopped gets here
     * once its reconcilers have stopped, while the client is still open: it gives the Lease up, so
     * a follower takes over within its retry period rather than the lease duration.
     */
    private void stoppedLeading(String id, KubernetesClient client) {
        if (stopping) {
            release(id, client);
            return;
        }
        LOG.errorf("%s could not renew the lease and stops reconciling; exiting so that it is restarted as a follower", id);
        Quarkus.asyncExit(1);
    }

    /** Before the Quarkus Operator SDK stops the operator (and with it leader election). */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    private void release(String holder, KubernetesClient client) {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
            if (lease == null || !holder.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            lease.getSpec().setHolderIdentity(null);
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(now);
            lease.getSpec().setAcquireTime(now);
            // Optimistic (the read's resourceVersion): refused if anyone changed it since.
            client.leases().inNamespace(namespace).resource(lease).update();
            LOG.infof("%s released the lease %s/%s", holder, namespace, leaseName);
        } catch (KubernetesClientException e) {
            LOG.warnf("%s could not release the lease (followers take over when it expires): %s", holder, e.getMessage());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "nospof";
        }
    }
}
