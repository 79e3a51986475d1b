package dev.nospof.policy;

import dev.nospof.engine.Finding;

/** A finding with what the policy layer decided about it: exempted (with why) or not. */
public record Assessment(Finding finding, Exemption exemption) {

    public boolean exempted() {
        return exemption != null;
    }
}
