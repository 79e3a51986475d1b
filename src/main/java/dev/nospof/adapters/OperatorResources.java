package dev.nospof.adapters;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The custom resources that operators run pods for, as classes a controller can watch: generic
 * (spec and status are kept as read; {@link OperatorWorkloads} reads them), named by the group,
 * version, kind and plural their CRDs declare. nospof reads them and never writes them, and
 * generates no CRD from them: their operators install their own.
 */
public final class OperatorResources {

    private OperatorResources() {
    }

    @Group("monitoring.coreos.com")
    @Version("v1")
    @Kind("Prometheus")
    @Plural("prometheuses")
    public static class Prometheus extends GenericKubernetesResource implements Namespaced {
        public static final String CRD_NAME = "prometheuses.monitoring.coreos.com";
    }

    @Group("monitoring.coreos.com")
    @Version("v1")
    @Kind("Alertmanager")
    @Plural("alertmanagers")
    public static class Alertmanager extends GenericKubernetesResource implements Namespaced {
        public static final String CRD_NAME = "alertmanagers.monitoring.coreos.com";
    }

    @Group("monitoring.coreos.com")
    @Version("v1")
    @Kind("ThanosRuler")
    @Plural("thanosrulers")
    public static class ThanosRuler extends GenericKubernetesResource implements Namespaced {
        public static final String CRD_NAME = "thanosrulers.monitoring.coreos.com";
    }

    @Group("postgresql.cnpg.io")
    @Version("v1")
    @Kind("Cluster")
    @Plural("clusters")
    public static class CnpgCluster extends GenericKubernetesResource implements Namespaced {
        public static final String CRD_NAME = "clusters.postgresql.cnpg.io";
    }
}
