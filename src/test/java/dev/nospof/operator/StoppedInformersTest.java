package dev.nospof.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What liveness counts as stopped for good: an informer that keeps retrying (the API server is
 * down) is alive, or Kubernetes would restart every replica during an API server outage; one
 * that has stopped is not.
 */
class StoppedInformersTest {

    /** Nothing listens there: every list fails and is retried. */
    private final KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anInformerRetryingAnUnreachableApiServerIsNotStoppedOneThatStoppedIs() {
        SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().runnableInformer(0);
        AtomicInteger failures = new AtomicInteger();
        informer.exceptionHandler((started, e) -> failures.incrementAndGet() > 0);
        informer.start();
        await("two lists failed").atMost(Duration.ofSeconds(30)).until(() -> failures.get() >= 2);
        assertThat(ClusterCache.stopped(List.of(informer))).isEmpty();

        informer.stop();
        assertThat(ClusterCache.stopped(List.of(informer))).containsExactly("Pod");
    }
}
