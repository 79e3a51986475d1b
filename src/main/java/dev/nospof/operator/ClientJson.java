package dev.nospof.operator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the Kubernetes client reads JSON. Field names are not canonicalized: Jackson keeps the names
 * it has seen in a table shared by every parse and copies the whole table (about 160 KB) into a
 * parse that meets a name it has not seen, and every object the API server sends has such names
 * (its managedFields key list entries by uid: {@code k:{"uid":"..."}}). At 10,000 workloads that
 * was 44 % of what the operator allocated during the initial sync. Without the table Jackson reads
 * through a character decoder instead of its byte parser; measured, the sync is still cheaper
 * (BENCHMARKS.md, "One write per report").
 */
@Singleton
public class ClientJson implements KubernetesClientObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation") // the mapper's factory is built; configuring it in place is what is left
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
    }
}
