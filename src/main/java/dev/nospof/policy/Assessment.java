package dev.nospof.policy;

import dev.nospof.engine.Finding;

/**
 * A finding with what the policy layer decided about it: its mode and the policy that set it,
 * and the exemption that applies, if any.
 */
public record Assessment(Finding finding, PolicyDecision decision, Exemption exemption) {

    public boolean exempted() {
        return exemption != null;
    }
}
