package dev.nospof;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the dependency arrows of STYLE.md true: the engine stays pure, front ends stay thin. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.nospof");
    }

    @Test
    void modelDependsOnNothingOfNospofAndNoKubernetesIo() {
        noClasses().that().resideInAPackage("dev.nospof.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nospof.engine..", "dev.nospof.policy..",
                        "dev.nospof.adapters..", "dev.nospof.report..", "dev.nospof.operator..", "dev.nospof.admission..",
                        "dev.nospof.remediation..", "dev.nospof.cli..",
                        "io.fabric8.kubernetes.client..", "io.javaoperatorsdk..", "io.quarkus..", "jakarta..")
                .check(classes);
    }

    @Test
    void engineIsPure() {
        noClasses().that().resideInAPackage("dev.nospof.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nospof.adapters..", "dev.nospof.report..",
                        "dev.nospof.operator..", "dev.nospof.admission..", "dev.nospof.cli..",
                        "io.fabric8..", "io.javaoperatorsdk..", "io.quarkus..", "jakarta..",
                        "java.io..", "java.nio..", "java.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Instant")
                .check(classes);
    }

    /** Policies are data (a CustomResource) plus pure merging; no client, no I/O. */
    @Test
    void policyIsPure() {
        noClasses().that().resideInAPackage("dev.nospof.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nospof.adapters..", "dev.nospof.report..",
                        "dev.nospof.operator..", "dev.nospof.admission..", "dev.nospof.cli..",
                        "io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..",
                        "io.javaoperatorsdk..", "io.quarkus..", "java.io..", "java.nio..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
                .check(classes);
    }

    @Test
    void adaptersOnlyReadAndReportsDoNoIo() {
        noClasses().that().resideInAnyPackage("dev.nospof.adapters..", "dev.nospof.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nospof.operator..", "dev.nospof.admission..",
                        "dev.nospof.cli..", "io.fabric8.kubernetes.client.dsl..", "io.javaoperatorsdk..", "io.quarkus..")
                .check(classes);
    }

    /** nospof audit reads files only: no client, no operator, no Quarkus. */
    @Test
    void cliNeverTalksToAClusterNorStartsTheOperator() {
        noClasses().that().resideInAPackage("dev.nospof.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.nospof.operator..", "dev.nospof.admission..",
                        "io.fabric8.kubernetes.client.dsl..", "io.fabric8.kubernetes.client.informers..",
                        "io.javaoperatorsdk..", "io.quarkus..", "jakarta..", "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.fabric8.kubernetes.client.KubernetesClient")
                .check(classes);
    }

    /**
     * bin/nospof leaves the operator's runtime off the audit's class path (a look-up of services
     * opens every jar on it): what an audit runs uses none of those jars. The packages of the
     * jars the launcher leaves out.
     */
    @Test
    void theAuditNeedsNoneOfTheJarsTheLauncherLeavesOut() {
        noClasses().that().resideInAnyPackage("dev.nospof.cli..", "dev.nospof.engine..", "dev.nospof.model..",
                "dev.nospof.adapters..", "dev.nospof.policy..", "dev.nospof.report..", "dev.nospof.remediation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.quarkiverse..", "io.vertx..", "io.netty..",
                        "io.smallrye..", "io.javaoperatorsdk..", "io.micrometer..", "io.prometheus..", "org.jboss..", "org.wildfly..",
                        "jakarta..", "org.eclipse..", "org.bouncycastle..", "com.aayushatharva..", "org.HdrHistogram..",
                        "org.LatencyUtils..", "org.jctools..", "io.fabric8.kubernetes.client.vertx..",
                        "io.fabric8.kubernetes.client.impl..", "io.fabric8.kubernetes.client.dsl.internal..",
                        "io.fabric8.kubernetes.client.informers.impl..", "io.fabric8.kubernetes.client.utils.internal..")
                .check(classes);
    }

    @Test
    void onlyTheOperatorUsesTheOperatorSdk() {
        noClasses().that().resideOutsideOfPackage("dev.nospof.operator..")
                .should().dependOnClassesThat().resideInAPackage("io.javaoperatorsdk..")
                .check(classes);
    }
}
