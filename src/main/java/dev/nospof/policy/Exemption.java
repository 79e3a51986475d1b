package dev.nospof.policy;

/**
 * Why a finding does not count: the reason a user gave and where the exemption comes from
 * ({@code annotation nospof.dev/ignore}, later a RedundancyPolicy).
 */
public record Exemption(String reason, String source) {
}
