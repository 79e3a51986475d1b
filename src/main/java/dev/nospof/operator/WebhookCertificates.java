package dev.nospof.operator;

import dev.nospof.admission.Certificates;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps the webhook's certificates: reads them from their store (a Secret every replica shares,
 * or memory out of a cluster), renews them when nospof is their issuer and a third of their
 * validity is left (one replica wins the write, the others read what it wrote), and publishes
 * the CA bundle before any replica serves a certificate it signed. With cert-manager as the
 * issuer, the Secret is only read.
 */
final class WebhookCertificates {

    private static final Logger LOG = Logger.getLogger(WebhookCertificates.class);

    /** Where the certificates are kept. */
    interface Store {

        /** What is stored, with the version to write against; empty when the store is not there (yet). */
        Optional<Stored> load();

        /** Writes {@code next} over {@code previous}; false when another replica wrote first. */
        boolean save(Stored previous, Certificates.Material next);
    }

    /** The material in a store, and the version it was read at (a Secret's resourceVersion). */
    record Stored(Certificates.Material material, Object version) {
    }

    private final Store store;
    private final List<String> hosts;
    private final Duration validity;
    private final boolean issuing;
    private final Consumer<String> publishCaBundle;

    /**
     * @param issuing         nospof issues and renews (false: cert-manager does, nospof only reads)
     * @param publishCaBundle makes the API server trust a CA bundle (PEM); called before a certificate it signs is served
     */
    WebhookCertificates(Store store, List<String> hosts, Duration validity, boolean issuing, Consumer<String> publishCaBundle) {
        this.store = store;
        this.hosts = hosts;
        this.validity = validity;
        this.issuing = issuing;
        this.publishCaBundle = publishCaBundle;
    }

    /** The material to serve now, renewed if due; empty while the store holds nothing servable. */
    Optional<Certificates.Material> current(Instant now) {
        Optional<Stored> loaded = store.load();
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        Certificates.Material material = loaded.get().material();
        if (issuing) {
            Certificates.Material renewed = Certificates.renewed(material, hosts, now, validity);
            if (renewed != material) {
                if (store.save(loaded.get(), renewed)) {
                    LOG.infof("issued the webhook's serving certificate for %s, valid until %s", String.join(", ", hosts),
                            renewed.notAfter().map(Instant::toString).orElse("?"));
                    material = renewed;
                } else {
                    // Another replica renewed first: serve what it wrote.
                    material = store.load().map(Stored::material).orElse(null);
                    if (material == null) {
                        return Optional.empty();
                    }
                }
            }
            publishCaBundle.accept(material.caBundle());
        }
        return material.servable() ? Optional.of(material) : Optional.empty();
    }

    /** Out of a cluster without a Secret: the material lives as long as the process. */
    static Store inMemory() {
        return new Store() {
            private Certificates.Material material;

            @Override
            public Optional<Stored> load() {
                return Optional.of(new Stored(material, null));
            }

            @Override
            public boolean save(Stored previous, Certificates.Material next) {
                material = next;
                return true;
            }
        };
    }

    /**
     * A Secret nospof does not create (the chart does, so that RBAC can name it): its
     * {@code ca.crt}, {@code ca.key}, {@code tls.crt} and {@code tls.key}, written with the
     * resourceVersion read (a conflict means another replica wrote first); other keys are kept.
     */
    static Store secret(KubernetesClient client, String namespace, String name) {
        return new Store() {
            @Override
            public Optional<Stored> load() {
                Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
                if (secret == null) {
                    throw new IllegalStateException("Secret " + namespace + "/" + name + " of the webhook's certificates does not exist"
                            + " (the chart creates it; cert-manager writes it when it issues)");
                }
                Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
                return Optional.of(new Stored(new Certificates.Material(text(data, Certificates.Material.CA_BUNDLE),
                        text(data, Certificates.Material.CA_KEY), text(data, Certificates.Material.CERTIFICATE),
                        text(data, Certificates.Material.PRIVATE_KEY)), secret));
            }

            @Override
            public boolean save(Stored previous, Certificates.Material next) {
                Secret read = (Secret) previous.version();
                Map<String, String> data = new HashMap<>(read.getData() == null ? Map.of() : read.getData());
                data.put(Certificates.Material.CA_BUNDLE, base64(next.caBundle()));
                data.put(Certificates.Material.CA_KEY, base64(next.caKey()));
                data.put(Certificates.Material.CERTIFICATE, base64(next.certificate()));
                data.put(Certificates.Material.PRIVATE_KEY, base64(next.privateKey()));
                Secret written = new SecretBuilder(read).withData(data).build();
                try {
                    client.secrets().inNamespace(namespace).resource(written).update();
                    return true;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        return false;
                    }
                    throw e;
                }
            }
        };
    }

    private static String text(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // not base64: treated as absent, and replaced when nospof issues
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
