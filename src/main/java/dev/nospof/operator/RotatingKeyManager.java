package dev.nospof.operator;

import dev.nospof.admission.Certificates;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The webhook's key manager: each TLS handshake asks it for the certificate, so a renewed one is
 * swapped in with one write and served from the next handshake on. (Vert.x's own
 * {@code updateSSLOptions} rebuilds the server's SSL context, and a connection accepted at that
 * moment failed with a NullPointerException: a dropped request at every renewal.)
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    /** One certificate served: a handshake that chose its alias gets its chain and key even if a renewal lands meanwhile. */
    private record Served(String alias, X509Certificate[] chain, PrivateKey key) {
    }

    private final AtomicLong handshakes = new AtomicLong();
    private volatile Served current;
    private volatile Served previous;
    private long generation;

    RotatingKeyManager(Certificates.Material material) {
        serve(material);
    }

    /** From the next handshake on, {@code material}'s certificate and key. */
    synchronized void serve(Certificates.Material material) {
        X509Certificate[] chain = Certificates.parse(material.certificate()).toArray(X509Certificate[]::new);
        PrivateKey key = Certificates.privateKey(material.privateKey());
        if (chain.length == 0 || key == null) {
            throw new IllegalStateException("cannot serve the webhook's certificate: tls.crt or tls.key does not parse");
        }
        previous = current;
        current = new Served("webhook-" + ++generation, chain, key);
    }

    private String alias(String keyType) {
        Served served = current;
        String algorithm = served.key().getAlgorithm();
        return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")) ? served.alias() : null;
    }

    private Served byAlias(String alias) {
        Served now = current;
        Served before = previous;
        return now.alias().equals(alias) ? now : before != null && before.alias().equals(alias) ? before : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        handshakes.incrementAndGet();
        return alias(keyType);
    }

    /** Full TLS handshakes so far (each costs far more than a request on a kept-alive connection). */
    long handshakes() {
        return handshakes.get();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = alias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.key();
    }

    /** A server: it presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
