package dev.nospof.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an integration test class a real API server with nospof running against it.
 * The control plane and the operator start once per test JVM and stop when the run ends
 * (also when a test fails); a class marked {@link OwnCluster} gets its own, stopped after it.
 * The shared cluster has KEDA's ScaledObject CRD (a stand-in); clusters of their own do not, so
 * both the detection and the operator without KEDA are exercised.
 * Each test class gets its own namespace, handed over through its static {@link TestCluster} field.
 */
public class ClusterExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ClusterExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        // Closed when its context ends: the run for the shared one, the class for an own one.
        // Stores inherit from their parents, so an own cluster needs a key of its own.
        boolean own = testClass.isAnnotationPresent(OwnCluster.class);
        ExtensionContext owner = own ? context : context.getRoot();
        Object key = own ? testClass.getName() : Shared.class;
        Shared shared = owner.getStore(STORE).getOrComputeIfAbsent(key, k -> Shared.start(!own), Shared.class);
        String namespace = ("it-" + testClass.getSimpleName().replaceAll("IT$", "") + "-"
                + UUID.randomUUID().toString().substring(0, 5)).toLowerCase(Locale.ROOT);
        shared.plane.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        TestCluster cluster = new TestCluster(shared.plane, shared.operator, namespace);
        boolean injected = false;
        for (Field field : testClass.getDeclaredFields()) {
            if (field.getType() == TestCluster.class && Modifier.isStatic(field.getModifiers())) {
                field.setAccessible(true);
                field.set(null, cluster);
                injected = true;
            }
        }
        if (!injected) {
            throw new IllegalStateException(testClass.getName() + " needs a static TestCluster field");
        }
    }

    /** What all test classes share; closed by JUnit when the root context ends. */
    static final class Shared implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final ControlPlane plane;
        final OperatorProcess operator;

        private Shared(ControlPlane plane, OperatorProcess operator) {
            this.plane = plane;
            this.operator = operator;
        }

        /** With {@code withKeda}, KEDA's ScaledObject CRD (a stand-in) is installed before the operator starts. */
        static Shared start(boolean withKeda) {
            Path projectDir = Path.of(System.getProperty("nospof.projectDir", ".")).toAbsolutePath();
            ControlPlane plane = ControlPlane.start(projectDir);
            try {
                if (withKeda) {
                    plane.applyCrds(projectDir.resolve("src/test/resources/crds"));
                }
                return new Shared(plane, OperatorProcess.start(projectDir, plane.kubeconfig()));
            } catch (RuntimeException | java.io.IOException e) {
                plane.stop();
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                operator.close();
            } finally {
                plane.stop();
            }
        }
    }
}
