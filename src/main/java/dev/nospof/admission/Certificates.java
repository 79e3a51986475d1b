package dev.nospof.admission;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The webhook's own CA and serving certificate (no cert-manager needed): an ECDSA P-256 CA
 * that signs a serving certificate for the webhook's host names and addresses. The API server
 * trusts the CA through the webhook configuration's {@code caBundle}.
 */
public final class Certificates {

    /** PEM texts: the CA certificate (the caBundle), the serving certificate and its private key, and when it expires. */
    public record Issued(String caCertificate, String certificate, String privateKey, Instant notAfter) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** {@code hosts} are DNS names or IP addresses ("127.0.0.1", "nospof-webhook.nospof-system.svc"). */
    public static Issued issue(List<String> hosts, Instant now, Duration validity) {
        try {
            KeyPair caKeys = keys();
            X500Name caName = new X500Name("CN=nospof webhook CA");
            Date from = Date.from(now.minus(Duration.ofMinutes(5))); // clocks of the API server and nospof may differ a little
            Date until = Date.from(now.plus(validity));
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), from, until, caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCertificate = sign(ca, caKeys);

            KeyPair servingKeys = keys();
            GeneralName[] names = hosts.stream().map(Certificates::generalName).toArray(GeneralName[]::new);
            X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caName, serial(), from, until,
                    new X500Name("CN=" + hosts.get(0)), servingKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate servingCertificate = sign(serving, caKeys);
            return new Issued(pem(caCertificate), pem(servingCertificate), pem(new JcaPKCS8Generator(servingKeys.getPrivate(), null)),
                    until.toInstant());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue the webhook's certificate: " + e.getMessage(), e);
        }
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

    private static GeneralName generalName(String host) {
        boolean address = host.matches("[0-9.]+") || host.contains(":");
        if (address) {
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
