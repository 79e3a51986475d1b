package dev.nospof.admission;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The webhook's own CA and serving certificate (no cert-manager needed): an ECDSA P-256 CA
 * that signs a serving certificate for the webhook's host names and addresses. The API server
 * trusts the CA through the webhook configuration's {@code caBundle}.
 *
 * <p>Rotation never leaves a gap: the serving certificate is renewed when a third of its
 * validity is left, signed by the same CA (the caBundle does not change); the CA, which lives ten
 * times as long, is replaced when it would expire before a fresh serving certificate, and the
 * bundle then holds the new CA and the old one until the old one expires, so certificates of
 * either are trusted while replicas change over.
 */
public final class Certificates {

    /** How much longer than a serving certificate a CA lives. */
    static final int CA_LIFETIMES = 10;

    /**
     * Everything a webhook's certificates are, as kept in a Secret: the CAs the API server is to
     * trust ({@code ca.crt}, newest first), the private key of the newest ({@code ca.key}; null
     * when another issuer such as cert-manager keeps it), the serving certificate and its key
     * ({@code tls.crt}, {@code tls.key}).
     */
    public record Material(String caBundle, String caKey, String certificate, String privateKey) {

        public static final String CA_BUNDLE = "ca.crt";
        public static final String CA_KEY = "ca.key";
        public static final String CERTIFICATE = "tls.crt";
        public static final String PRIVATE_KEY = "tls.key";

        /** Serving material is complete: a certificate and its key (a CA bundle to publish is optional). */
        public boolean servable() {
            return certificate != null && !certificate.isBlank() && privateKey != null && !privateKey.isBlank();
        }

        /** When the serving certificate expires, if it parses. */
        public Optional<Instant> notAfter() {
            return parse(certificate).stream().findFirst().map(c -> c.getNotAfter().toInstant());
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /**
     * {@code current} when it may be served on (its certificate covers {@code hosts}, chains to a CA
     * of its bundle, matches its key, and has more than a third of {@code validity} left), else
     * new material: a serving certificate from the same CA while that CA outlives it, or from a
     * new CA whose bundle keeps the old CA until it expires. Anything that does not parse is
     * replaced, not trusted. {@code current} is null before anything was issued; {@code hosts} are
     * DNS names or IP addresses ("127.0.0.1", "nospof-webhook.nospof-system.svc").
     */
    public static Material renewed(Material current, List<String> hosts, Instant now, Duration validity) {
        Duration margin = validity.dividedBy(3);
        List<X509Certificate> bundle = current == null ? List.of() : parse(current.caBundle()).stream()
                .filter(ca -> ca.getNotAfter().toInstant().isAfter(now)).toList();
        if (current != null && usable(current, bundle, hosts, now.plus(margin))) {
            return current;
        }
        try {
            Optional<KeyPair> caKeys = current == null ? Optional.empty() : authority(current.caKey(), bundle);
            X509Certificate ca;
            KeyPair signer;
            List<X509Certificate> trusted = new ArrayList<>();
            if (caKeys.isPresent() && bundle.get(0).getNotAfter().toInstant().isAfter(now.plus(validity).plus(margin))) {
                ca = bundle.get(0);
                signer = caKeys.get();
                trusted.addAll(bundle);
            } else {
                signer = keys();
                X500Name caName = new X500Name("CN=nospof webhook CA " + serial().toString(16));
                ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(now), Date.from(now.plus(validity.multipliedBy(CA_LIFETIMES))),
                        caName, signer.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), signer);
                trusted.add(ca);
                trusted.addAll(bundle); // the old CA: certificates it signed are served until replicas reload
            }
            KeyPair servingKeys = keys();
            GeneralName[] names = hosts.stream().map(Certificates::generalName).toArray(GeneralName[]::new);
            X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(new JcaX509CertificateHolder(ca).getSubject(), serial(),
                    notBefore(now), Date.from(now.plus(validity)), new X500Name("CN=" + hosts.get(0)), servingKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate servingCertificate = sign(serving, signer);
            StringBuilder caBundle = new StringBuilder();
            for (X509Certificate c : trusted) {
                caBundle.append(pem(c));
            }
            return new Material(caBundle.toString(), pem(new JcaPKCS8Generator(signer.getPrivate(), null)), pem(servingCertificate),
                    pem(new JcaPKCS8Generator(servingKeys.getPrivate(), null)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue the webhook's certificate: " + e.getMessage(), e);
        }
    }

    private static boolean usable(Material current, List<X509Certificate> bundle, List<String> hosts, Instant until) {
        List<X509Certificate> serving = parse(current.certificate());
        if (serving.isEmpty() || bundle.isEmpty() || privateKey(current.privateKey()) == null) {
            return false;
        }
        X509Certificate certificate = serving.get(0);
        try {
            if (!certificate.getNotAfter().toInstant().isAfter(until) || !covers(certificate, hosts)
                    || !pair(privateKey(current.privateKey()), certificate.getPublicKey())) {
                return false;
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return bundle.stream().anyMatch(ca -> signedBy(certificate, ca));
    }

    private static boolean covers(X509Certificate certificate, List<String> hosts) throws GeneralSecurityException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        List<String> covered = names.stream().map(n -> String.valueOf(n.get(1))).toList();
        return hosts.stream().allMatch(h -> covered.contains(h) || covered.contains(address(h)));
    }

    private static String address(String host) {
        try {
            return isAddress(host) ? InetAddress.getByName(host).getHostAddress() : host;
        } catch (IOException e) {
            return host;
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The CA's key pair when {@code caKey} is the private key of the newest CA of the bundle. */
    private static Optional<KeyPair> authority(String caKey, List<X509Certificate> bundle) {
        PrivateKey key = privateKey(caKey);
        if (key == null || bundle.isEmpty() || !pair(key, bundle.get(0).getPublicKey())) {
            return Optional.empty();
        }
        return Optional.of(new KeyPair(bundle.get(0).getPublicKey(), key));
    }

    /** The certificates of a PEM text (none when it is empty or does not parse). */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)))
                    .stream().map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException | RuntimeException e) {
            return List.of();
        }
    }

    /** The private key of a PEM text (PKCS#8 or a PEM key pair), or null when it does not parse. */
    public static PrivateKey privateKey(String pem) {
        Object parsed = pemObject(pem);
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Whether {@code key} is the private key of {@code publicKey}: it signs, the public key verifies. */
    private static boolean pair(PrivateKey key, PublicKey publicKey) {
        try {
            String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Object pemObject(String pem) {
        if (pem == null || pem.isBlank()) {
            return null;
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Date notBefore(Instant now) {
        return Date.from(now.minus(Duration.ofMinutes(5))); // clocks of the API server and nospof may differ a little
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws OperatorCreationException,
            GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(signer.getPrivate())));
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static GeneralName generalName(String host) {
        if (isAddress(host)) {
            try {
                return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
            } catch (IOException e) {
                throw new IllegalArgumentException(host + " is not an IP address", e);
            }
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
