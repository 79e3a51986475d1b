package dev.nospof.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nospof.adapters.ManifestViews;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The topology keys a policy may set: nodes told apart by another label than
 * kubernetes.io/hostname, zones given by another label than topology.kubernetes.io/zone.
 */
class TopologyKeyThresholdsTest {

    /** Three replicas spread by example.com/node, on two nodes whose zone only example.com/zone gives, both in zone a. */
    private static final String CLUSTER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  topologySpreadConstraints:
                    - {maxSkew: 1, topologyKey: example.com/node, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}
                  containers: [{name: web, image: nginx:1.27}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec: {maxUnavailable: 1, unhealthyPodEvictionPolicy: AlwaysAllow, selector: {matchLabels: {app: web}}}
            ---
            {apiVersion: v1, kind: Node, metadata: {name: n1, labels: {example.com/node: n1, example.com/zone: a}}}
            ---
            {apiVersion: v1, kind: Node, metadata: {name: n2, labels: {example.com/node: n2, example.com/zone: a}}}
            ---
            {apiVersion: v1, kind: Node, metadata: {name: n3, labels: {example.com/node: n3, example.com/zone: b}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d8f7c-a
              labels: {app: web, pod-template-hash: 5d8f7c}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f7c, uid: u, controller: true}]
            spec: {nodeName: n1, containers: [{name: web, image: nginx:1.27}]}
            status: {phase: Running, conditions: [{type: Ready, status: "True"}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-5d8f7c-b
              labels: {app: web, pod-template-hash: 5d8f7c}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f7c, uid: u, controller: true}]
            spec: {nodeName: n2, containers: [{name: web, image: nginx:1.27}]}
            status: {phase: Running, conditions: [{type: Ready, status: "True"}]}
            """;

    @Test
    void withTheDefaultKeysTheCustomSpreadDoesNotCountAndNoZoneIsKnown() {
        assertThat(findings(Thresholds.DEFAULTS)).containsExactly("missing-spread:medium");
    }

    @Test
    void withThePolicysKeysTheSpreadCountsAndZonesAreCountedByTheirLabel() {
        assertThat(findings(new Thresholds(2, "example.com/node", "example.com/zone")))
                .containsExactly("missing-zone-spread:low", "single-zone-replicas:high");
    }

    private static Set<String> findings(Thresholds thresholds) {
        Engine engine = Engine.standard();
        return ManifestViews.viewsByObject(CheckFixturesTest.parse(CLUSTER), "default", true).stream()
                .flatMap(v -> engine.evaluate(v.view(), thresholds, Set.of()).findings().stream())
                .map(f -> f.checkId() + ":" + f.severity().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
