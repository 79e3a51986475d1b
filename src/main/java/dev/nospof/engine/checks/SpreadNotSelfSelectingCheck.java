package dev.nospof.engine.checks;

import dev.nospof.engine.Thresholds;
import dev.nospof.engine.CelCheck;
import dev.nospof.engine.CheckInput;
import dev.nospof.engine.Finding;
import dev.nospof.engine.Severity;
import dev.nospof.model.AntiAffinityTerm;
import dev.nospof.model.PodTemplate;
import dev.nospof.model.SpreadConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fails for every topology spread constraint or pod anti-affinity term whose label selector
 * does not match the pod's own labels: it then does not count the workload's own pods, so it
 * spreads nothing, silently. A constraint without a labelSelector counts no pods at all.
 */
public final class SpreadNotSelfSelectingCheck implements CelCheck {

    public static final String ID = "spread-not-self-selecting";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a spread constraint or anti-affinity term does not select the pod's own labels";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public boolean readsPodTemplate() {
        return true;
    }

    @Override
    public List<Finding> evaluate(CheckInput input) {
        PodTemplate template = input.workload().template();
        Map<String, String> own = template.labels();
        String ownLabels = Remediations.labelList(own);
        String fix = "make the labelSelector match the pod's own labels, e.g. matchLabels: "
                + Remediations.inlineYaml(Remediations.selectorLabels(input.workload()));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < template.spreadConstraints().size(); i++) {
            SpreadConstraint c = template.spreadConstraints().get(i);
            if (!c.selector().matches(own)) {
                findings.add(finding("topologySpreadConstraints[" + i + "] (" + c.topologyKey() + ") of " + input.subject()
                        + " selects " + c.selector().describe() + ", which its own pods (" + ownLabels
                        + ") do not match: the constraint spreads nothing", fix));
            }
        }
        List<AntiAffinityTerm> terms = template.antiAffinityTerms();
        for (int i = 0; i < terms.size(); i++) {
            AntiAffinityTerm t = terms.get(i);
            String where = (t.required() ? "required" : "preferred") + " podAntiAffinity term (" + t.topologyKey() + ") of "
                    + input.subject();
            if (!t.coversNamespace(input.workload().namespace())) {
                findings.add(finding(where + " looks only at namespaces " + t.namespaces() + ", not at its own namespace "
                        + input.workload().namespace() + ": the term spreads nothing", "remove the term's namespaces list, or add "
                        + input.workload().namespace() + " to it"));
            } else if (!t.selector().matches(own)) {
                findings.add(finding(where + " selects " + t.selector().describe() + ", which its own pods (" + ownLabels
                        + ") do not match: the term spreads nothing", fix));
            }
        }
        return findings;
    }

    @Override
    public List<Resource> celResources() {
        return WORKLOADS;
    }

    /** A topology spread constraint whose labelSelector does not match the template's labels (anti-affinity: the webhook only). */
    @Override
    public String celFails(Thresholds thresholds) {
        String labels = "(has(object.spec.template.metadata) && has(object.spec.template.metadata.labels)"
                + " ? object.spec.template.metadata.labels : {})";
        String matches = "(has(c.labelSelector) && (!has(c.labelSelector.matchLabels) || c.labelSelector.matchLabels.all(k, k in $L"
                + " && $L[k] == c.labelSelector.matchLabels[k])) && (!has(c.labelSelector.matchExpressions)"
                + " || c.labelSelector.matchExpressions.all(e, e.operator == 'In' ? (e.key in $L && $L[e.key] in e.values)"
                + " : e.operator == 'NotIn' ? !(e.key in $L && $L[e.key] in e.values) : e.operator == 'Exists' ? e.key in $L : !(e.key in $L))))";
        return "has(object.spec.template) && has(object.spec.template.spec) && has(object.spec.template.spec.topologySpreadConstraints)"
                + " && object.spec.template.spec.topologySpreadConstraints.exists(c, !" + matches.replace("$L", labels) + ")";
    }

    @Override
    public String celWhy(Thresholds thresholds) {
        return "'has a topologySpreadConstraint whose labelSelector its own pods do not match: the constraint spreads nothing'";
    }

    @Override
    public String celFix(Thresholds thresholds) {
        return "make the labelSelector match the pod template's own labels";
    }
}
