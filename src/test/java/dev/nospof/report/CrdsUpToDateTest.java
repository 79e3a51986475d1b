package dev.nospof.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.policy.RedundancyPolicy;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs in deploy/crds are generated from the Java classes. This test generates them into
 * target/crds and fails when the committed files differ; run it with
 * {@code -Dnospof.updateCrds=true} to write the generated files into deploy/crds instead.
 */
class CrdsUpToDateTest {

    static final Path COMMITTED = Path.of("deploy/crds");
    static final Path GENERATED = Path.of("target/crds");
    /** The chart installs the same CRDs, byte for byte (Helm applies crds/ before templates). */
    static final Path CHART = Path.of("helm/nospof/crds");
    @SuppressWarnings("unchecked")
    static final Class<? extends HasMetadata>[] CUSTOM_RESOURCES = new Class[] {SpofReport.class, ClusterSpofReport.class, RedundancyPolicy.class};

    @Test
    void committedCrdsMatchTheJavaClasses() throws IOException {
        boolean update = Boolean.getBoolean("nospof.updateCrds");
        Path out = update ? COMMITTED : GENERATED;
        Files.createDirectories(out);
        new CRDGenerator()
                .inOutputDir(out.toFile())
                .forCRDVersions("v1")
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String specVersion) {
                        return withoutReportStatusSubresource(columnsInDeclaredOrder(crd));
                    }
                })
                .customResourceClasses(CUSTOM_RESOURCES)
                .generate();
        if (update) {
            for (Path crd : files(COMMITTED)) {
                Files.copy(crd, CHART.resolve(crd.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        for (Path generated : files(GENERATED)) {
            Path committed = COMMITTED.resolve(generated.getFileName());
            assertThat(committed)
                    .as("%s is generated but not committed; run mvn test -Dtest=CrdsUpToDateTest -Dnospof.updateCrds=true", committed)
                    .exists();
            assertThat(Files.readString(committed))
                    .as("%s differs from the CRD generated from the Java classes; run mvn test -Dtest=CrdsUpToDateTest -Dnospof.updateCrds=true and commit the result", committed)
                    .isEqualTo(Files.readString(generated));
        }
        assertThat(files(COMMITTED).stream().map(Path::getFileName).toList())
                .as("deploy/crds holds exactly the generated CRDs")
                .containsExactlyInAnyOrderElementsOf(files(GENERATED).stream().map(Path::getFileName).toList());
    }

    /**
     * A SpofReport is created with its status, in one write (SpofReport says why): the generator
     * gives every custom resource with a status type the status subresource, which would drop it.
     */
    private static HasMetadata withoutReportStatusSubresource(HasMetadata crd) {
        if (crd instanceof CustomResourceDefinition definition && definition.getSpec().getNames().getKind().equals(SpofReport.class.getSimpleName())) {
            definition.getSpec().getVersions().forEach(version -> version.setSubresources(null));
        }
        return crd;
    }

    /** The generator sorts printer columns by name; kubectl shows them in the order the class declares. */
    private static HasMetadata columnsInDeclaredOrder(HasMetadata crd) {
        if (crd instanceof CustomResourceDefinition definition) {
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                if (version.getAdditionalPrinterColumns() == null) {
                    continue;
                }
                String kind = definition.getSpec().getNames().getKind();
                List<String> declared = Stream.of(CUSTOM_RESOURCES)
                        .filter(c -> c.getSimpleName().equals(kind))
                        .flatMap(c -> Stream.of(c.getAnnotationsByType(AdditionalPrinterColumn.class)))
                        .map(AdditionalPrinterColumn::name)
                        .toList();
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
            }
        }
        return crd;
    }

    @Test
    void chartCrdsAreTheCommittedCrds() throws IOException {
        assertThat(files(CHART).stream().map(Path::getFileName).toList())
                .as("helm/nospof/crds holds exactly the CRDs of deploy/crds")
                .containsExactlyInAnyOrderElementsOf(files(COMMITTED).stream().map(Path::getFileName).toList());
        for (Path committed : files(COMMITTED)) {
            assertThat(Files.readAllBytes(CHART.resolve(committed.getFileName())))
                    .as("%s differs from %s; run mvn test -Dtest=CrdsUpToDateTest -Dnospof.updateCrds=true and commit the result",
                            CHART.resolve(committed.getFileName()), committed)
                    .isEqualTo(Files.readAllBytes(committed));
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
