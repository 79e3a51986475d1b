package dev.nospof.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificatesTest {

    static final List<String> HOSTS = List.of("nospof-webhook.nospof-system.svc", "nospof-webhook");
    static final Duration VALIDITY = Duration.ofDays(30);
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @Test
    void freshMaterialIsServedOnUntilAThirdOfItsValidityIsLeft() {
        Certificates.Material issued = Certificates.renewed(null, HOSTS, NOW, VALIDITY);
        assertThat(issued.servable()).isTrue();
        assertThat(issued.notAfter()).contains(NOW.plus(VALIDITY));
        assertThat(Certificates.renewed(issued, HOSTS, NOW.plus(Duration.ofDays(19)), VALIDITY)).isSameAs(issued);

        Certificates.Material renewed = Certificates.renewed(issued, HOSTS, NOW.plus(Duration.ofDays(21)), VALIDITY);
        assertThat(renewed.certificate()).isNotEqualTo(issued.certificate());
        assertThat(renewed.caBundle()).as("same CA: the caBundle does not change").isEqualTo(issued.caBundle());
        assertThat(renewed.caKey()).isEqualTo(issued.caKey());
        assertThat(signedByTheBundle(renewed)).isTrue();
    }

    @Test
    void aCaAboutToExpireIsReplacedAndTheOldOneStaysTrustedUntilItExpires() {
        Certificates.Material issued = Certificates.renewed(null, HOSTS, NOW, VALIDITY);
        Instant late = NOW.plus(VALIDITY.multipliedBy(Certificates.CA_LIFETIMES)).minus(Duration.ofDays(35));
        Certificates.Material renewed = Certificates.renewed(issued, HOSTS, late, VALIDITY);
        List<X509Certificate> bundle = Certificates.parse(renewed.caBundle());
        assertThat(bundle).hasSize(2);
        assertThat(bundle.get(1)).isEqualTo(Certificates.parse(issued.caBundle()).get(0));
        assertThat(renewed.caKey()).isNotEqualTo(issued.caKey());
        assertThat(signedBy(renewed, bundle.get(0))).isTrue();

        Instant later = NOW.plus(VALIDITY.multipliedBy(Certificates.CA_LIFETIMES)).plus(Duration.ofDays(15));
        Certificates.Material again = Certificates.renewed(renewed, HOSTS, later, VALIDITY);
        assertThat(Certificates.parse(again.caBundle())).as("the expired CA is dropped").hasSize(1).containsExactly(bundle.get(0));
    }

    @Test
    void materialForOtherHostsOrWithAForeignKeyOrUnparsableIsReplaced() {
        Certificates.Material issued = Certificates.renewed(null, HOSTS, NOW, VALIDITY);
        assertThat(Certificates.renewed(issued, List.of("nospof-webhook.other.svc"), NOW, VALIDITY).certificate())
                .isNotEqualTo(issued.certificate());

        Certificates.Material other = Certificates.renewed(null, HOSTS, NOW, VALIDITY);
        Certificates.Material mixed = new Certificates.Material(issued.caBundle(), issued.caKey(), issued.certificate(), other.privateKey());
        assertThat(Certificates.renewed(mixed, HOSTS, NOW, VALIDITY)).isNotSameAs(mixed);

        Certificates.Material foreignCa = new Certificates.Material(other.caBundle(), other.caKey(), issued.certificate(), issued.privateKey());
        assertThat(Certificates.renewed(foreignCa, HOSTS, NOW, VALIDITY)).isNotSameAs(foreignCa);

        Certificates.Material garbage = new Certificates.Material("not a certificate", "-----BEGIN PRIVATE KEY-----\nAAAA\n", "", null);
        Certificates.Material replaced = Certificates.renewed(garbage, HOSTS, NOW, VALIDITY);
        assertThat(replaced.servable()).isTrue();
        assertThat(signedByTheBundle(replaced)).isTrue();
    }

    @Test
    void addressesAreCoveredAsIpAddresses() {
        Certificates.Material issued = Certificates.renewed(null, List.of("127.0.0.1"), NOW, VALIDITY);
        assertThat(Certificates.renewed(issued, List.of("127.0.0.1"), NOW, VALIDITY)).isSameAs(issued);
    }

    private static boolean signedByTheBundle(Certificates.Material material) {
        return Certificates.parse(material.caBundle()).stream().anyMatch(ca -> signedBy(material, ca));
    }

    private static boolean signedBy(Certificates.Material material, X509Certificate ca) {
        try {
            Certificates.parse(material.certificate()).get(0).verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
