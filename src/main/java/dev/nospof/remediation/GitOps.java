package dev.nospof.remediation;

import dev.nospof.model.Workload;
import java.util.Optional;

/**
 * Whether Argo CD or Flux manages a workload, from the tracking marks they put on what they
 * apply. A change nospof made in the cluster would be reverted at their next sync, so such
 * workloads are fixed in Git. Argo CD's legacy tracking label {@code app.kubernetes.io/instance}
 * is not read: Helm sets the same label on everything it installs.
 */
public final class GitOps {

    private GitOps() {
    }

    /** "Argo CD (argocd.argoproj.io/tracking-id: shop:apps/Deployment:shop/web)", or empty. */
    public static Optional<String> manager(Workload workload) {
        String argo = workload.annotations().get("argocd.argoproj.io/tracking-id");
        if (argo != null) {
            return Optional.of("Argo CD (argocd.argoproj.io/tracking-id: " + argo + ")");
        }
        String argoLabel = workload.labels().get("argocd.argoproj.io/instance");
        if (argoLabel != null) {
            return Optional.of("Argo CD (argocd.argoproj.io/instance: " + argoLabel + ")");
        }
        String kustomization = workload.labels().get("kustomize.toolkit.fluxcd.io/name");
        if (kustomization != null) {
            return Optional.of("Flux (Kustomization " + workload.labels().getOrDefault("kustomize.toolkit.fluxcd.io/namespace", "?") + "/"
                    + kustomization + ")");
        }
        String helmRelease = workload.labels().get("helm.toolkit.fluxcd.io/name");
        if (helmRelease != null) {
            return Optional.of("Flux (HelmRelease " + workload.labels().getOrDefault("helm.toolkit.fluxcd.io/namespace", "?") + "/"
                    + helmRelease + ")");
        }
        return Optional.empty();
    }
}
