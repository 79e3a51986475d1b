package dev.nospof.operator;

import dev.nospof.adapters.KubernetesViews;
import dev.nospof.engine.Engine;
import dev.nospof.engine.Evaluation;
import dev.nospof.model.Workload;
import dev.nospof.model.WorkloadKind;
import dev.nospof.model.WorkloadView;
import dev.nospof.policy.AnnotationExemptions;
import dev.nospof.report.Reports;
import dev.nospof.report.SpofReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What every workload reconciler does, whatever its primary kind: watch the PDBs, HPAs and
 * reports that concern the workload, build its view from those caches, run the engine and
 * write the SpofReport when its content changed. No API call but that write.
 *
 * @param <P> the workload kind (Deployment, StatefulSet)
 */
final class WorkloadReporting<P extends HasMetadata> {

    private static final Logger LOG = Logger.getLogger(WorkloadReporting.class);

    private final Class<P> primaryClass;
    private final Function<P, Workload> toWorkload;
    private final String kindLabel;
    private final Engine engine;
    private final Clock clock;

    private InformerEventSource<PodDisruptionBudget, P> pdbs;
    private InformerEventSource<HorizontalPodAutoscaler, P> hpas;
    private InformerEventSource<SpofReport, P> reports;

    WorkloadReporting(Class<P> primaryClass, WorkloadKind kind, Function<P, Workload> toWorkload, Engine engine, Clock clock) {
        this.primaryClass = primaryClass;
        this.kindLabel = Reports.kindLabel(kind);
        this.toWorkload = toWorkload;
        this.engine = engine;
        this.clock = clock;
    }

    List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
        IndexerResourceCache<P> workloads = context.getPrimaryCache();
        // A PDB or HPA change re-evaluates every workload of its namespace: the selector (or
        // target) may have changed from one workload to another, and evaluations that change
        // nothing write nothing.
        pdbs = new InformerEventSource<>(InformerEventSourceConfiguration.from(PodDisruptionBudget.class, primaryClass)
                .withName(kindLabel + "-pdbs")
                .withSecondaryToPrimaryMapper(sameNamespace(workloads))
                .build(), context);
        hpas = new InformerEventSource<>(InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, primaryClass)
                .withName(kindLabel + "-hpas")
                .withSecondaryToPrimaryMapper(sameNamespace(workloads))
                .build(), context);
        // Only this kind's reports; a deleted or edited report is rewritten.
        reports = new InformerEventSource<>(InformerEventSourceConfiguration.from(SpofReport.class, primaryClass)
                .withName(kindLabel + "-reports")
                .withLabelSelector(Reports.WORKLOAD_KIND_LABEL + "=" + kindLabel)
                .withSecondaryToPrimaryMapper(WorkloadReporting::owner)
                .build(), context);
        return List.of(pdbs, hpas, reports);
    }

    void reconcile(P primary, Context<P> context) {
        String namespace = primary.getMetadata().getNamespace();
        Workload workload = toWorkload.apply(primary);
        WorkloadView view = new WorkloadView(workload,
                pdbs.list(namespace, p -> true).map(KubernetesViews::pdb).toList(),
                hpas.list(namespace, h -> true).map(KubernetesViews::hpa).toList());
        Evaluation evaluation = engine.evaluate(view);

        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        SpofReport desired = Reports.desired(evaluation, AnnotationExemptions.assess(evaluation), now);
        SpofReport stored = reports.get(new ResourceID(desired.getMetadata().getName(), namespace)).orElse(null);
        if (!Reports.sameIdentity(stored, desired)) {
            context.resourceOperations().serverSideApply(desired, reports);
        }
        if (!Reports.sameStatus(stored, desired)) {
            context.resourceOperations().serverSideApplyStatus(desired);
            LOG.infof("%s: %d finding(s), highest %s", workload.ref().describe(), evaluation.findings().size(),
                    desired.getStatus().getHighestSeverity());
        }
    }

    private static <R extends HasMetadata, W extends HasMetadata> SecondaryToPrimaryMapper<R> sameNamespace(
            IndexerResourceCache<W> workloads) {
        return object -> workloads.list(object.getMetadata().getNamespace())
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static Set<ResourceID> owner(SpofReport report) {
        if (report.getSpec() == null || report.getSpec().getWorkload() == null || report.getSpec().getWorkload().getName() == null) {
            return Set.of();
        }
        return Set.of(new ResourceID(report.getSpec().getWorkload().getName(), report.getMetadata().getNamespace()));
    }
}
