package dev.nospof.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the validating webhook is served ({@code NOSPOF_ADMISSION_*}). Out of a cluster,
 * {@link #url()}; in a cluster (the chart), {@link #service()} with {@link #namespace()},
 * {@link #secret()} and {@link #configuration()}. Neither: no webhook.
 */
@ConfigMapping(prefix = "nospof.admission")
public interface AdmissionSettings {

    /** Where certificates come from: nospof issues and renews them, or cert-manager does. */
    String NOSPOF = "nospof";
    String CERT_MANAGER = "cert-manager";

    /**
     * Out of a cluster: serve on {@code https://HOST:PORT} with a certificate for HOST, and register
     * the webhook configuration with that URL and the CA.
     */
    Optional<URI> url();

    /** In a cluster: the webhook's Service, whose DNS names the certificate is for. */
    Optional<String> service();

    /** nospof's own namespace: the Service's and the Secret's, and never judged by the webhook. */
    Optional<String> namespace();

    /** In a cluster: the HTTPS port every replica listens on (the Service's target port). */
    @WithDefault("8443")
    int port();

    /** The Secret that holds the certificates, shared by every replica; out of a cluster, optional (then kept in memory). */
    Optional<String> secret();

    /** The ValidatingWebhookConfiguration: registered out of a cluster, its caBundle kept current in one. */
    @WithDefault("nospof")
    String configuration();

    /** {@value #NOSPOF} or {@value #CERT_MANAGER}. */
    @WithDefault(NOSPOF)
    String certificates();

    /** How long a serving certificate nospof issues is valid; it is renewed when a third is left. */
    @WithDefault("365d")
    Duration certificateValidity();

    /** How often every replica reads the Secret (a renewed certificate is served from the next read). */
    @WithDefault("1m")
    Duration certificateCheckInterval();

    /** Out of a cluster: the failurePolicy registered, Ignore or Fail (the chart renders its own). */
    @WithDefault("Ignore")
    String failurePolicy();
}
