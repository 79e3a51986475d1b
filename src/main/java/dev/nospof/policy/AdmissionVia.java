package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a policy's warn and enforce act at admission for the checks one object decides alone
 * ({@code single-replica} on spec.replicas, {@code pdb-blocks-eviction} on a PDB,
 * {@code spread-not-self-selecting}): through nospof's webhook, through a
 * ValidatingAdmissionPolicy that the API server evaluates itself (CEL; it works while nospof is
 * down), or both. Every other check is judged by the webhook only.
 */
public enum AdmissionVia {
    @JsonProperty("webhook") WEBHOOK,
    @JsonProperty("cel") CEL,
    @JsonProperty("both") BOTH;

    public boolean webhook() {
        return this != CEL;
    }

    public boolean cel() {
        return this != WEBHOOK;
    }
}
