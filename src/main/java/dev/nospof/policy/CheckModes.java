package dev.nospof.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mode of each check a policy sets. One typed property per check id, so the CRD schema
 * knows every id: kubectl's strict field validation refuses an unknown id with its field path
 * ({@code unknown field "spec.checks.missing-pbd"}), and the enum refuses an unknown mode.
 * A test keeps the properties equal to the engine's catalogue.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckModes {

    @JsonProperty("single-replica")
    private Mode singleReplica;
    @JsonProperty("unmanaged-pod")
    private Mode unmanagedPod;
    @JsonProperty("hpa-min-replicas")
    private Mode hpaMinReplicas;
    @JsonProperty("hpa-cannot-scale")
    private Mode hpaCannotScale;
    @JsonProperty("missing-pdb")
    private Mode missingPdb;
    @JsonProperty("pdb-blocks-eviction")
    private Mode pdbBlocksEviction;
    @JsonProperty("pdb-protects-nothing")
    private Mode pdbProtectsNothing;
    @JsonProperty("pdb-unhealthy-eviction")
    private Mode pdbUnhealthyEviction;
    @JsonProperty("pdb-overlap")
    private Mode pdbOverlap;
    @JsonProperty("rollout-downtime")
    private Mode rolloutDowntime;
    @JsonProperty("missing-spread")
    private Mode missingSpread;
    @JsonProperty("spread-not-self-selecting")
    private Mode spreadNotSelfSelecting;
    @JsonProperty("shared-volume")
    private Mode sharedVolume;
    @JsonProperty("missing-readiness-probe")
    private Mode missingReadinessProbe;
    @JsonProperty("node-bound-storage")
    private Mode nodeBoundStorage;
    @JsonProperty("single-file-server")
    private Mode singleFileServer;
    @JsonProperty("missing-zone-spread")
    private Mode missingZoneSpread;
    @JsonProperty("pinned-to-one-node")
    private Mode pinnedToOneNode;
    @JsonProperty("co-located-replicas")
    private Mode coLocatedReplicas;
    @JsonProperty("single-zone-replicas")
    private Mode singleZoneReplicas;
    @JsonProperty("single-zone-volumes")
    private Mode singleZoneVolumes;
    @JsonProperty("degraded-redundancy")
    private Mode degradedRedundancy;
    @JsonProperty("single-endpoint-service")
    private Mode singleEndpointService;

    /** The modes that are set, by check id. */
    public Map<String, Mode> asMap() {
        Map<String, Mode> modes = new LinkedHashMap<>();
        put(modes, "single-replica", singleReplica);
        put(modes, "unmanaged-pod", unmanagedPod);
        put(modes, "hpa-min-replicas", hpaMinReplicas);
        put(modes, "hpa-cannot-scale", hpaCannotScale);
        put(modes, "missing-pdb", missingPdb);
        put(modes, "pdb-blocks-eviction", pdbBlocksEviction);
        put(modes, "pdb-protects-nothing", pdbProtectsNothing);
        put(modes, "pdb-unhealthy-eviction", pdbUnhealthyEviction);
        put(modes, "pdb-overlap", pdbOverlap);
        put(modes, "rollout-downtime", rolloutDowntime);
        put(modes, "missing-spread", missingSpread);
        put(modes, "spread-not-self-selecting", spreadNotSelfSelecting);
        put(modes, "shared-volume", sharedVolume);
        put(modes, "missing-readiness-probe", missingReadinessProbe);
        put(modes, "node-bound-storage", nodeBoundStorage);
        put(modes, "single-file-server", singleFileServer);
        put(modes, "missing-zone-spread", missingZoneSpread);
        put(modes, "pinned-to-one-node", pinnedToOneNode);
        put(modes, "co-located-replicas", coLocatedReplicas);
        put(modes, "single-zone-replicas", singleZoneReplicas);
        put(modes, "single-zone-volumes", singleZoneVolumes);
        put(modes, "degraded-redundancy", degradedRedundancy);
        put(modes, "single-endpoint-service", singleEndpointService);
        return modes;
    }

    private static void put(Map<String, Mode> modes, String id, Mode mode) {
        if (mode != null) {
            modes.put(id, mode);
        }
    }

    public Mode getSingleReplica() {
        return singleReplica;
    }

    public void setSingleReplica(Mode singleReplica) {
        this.singleReplica = singleReplica;
    }

    public Mode getHpaMinReplicas() {
        return hpaMinReplicas;
    }

    public void setHpaMinReplicas(Mode hpaMinReplicas) {
        this.hpaMinReplicas = hpaMinReplicas;
    }

    public Mode getHpaCannotScale() {
        return hpaCannotScale;
    }

    public void setHpaCannotScale(Mode hpaCannotScale) {
        this.hpaCannotScale = hpaCannotScale;
    }

    public Mode getMissingPdb() {
        return missingPdb;
    }

    public void setMissingPdb(Mode missingPdb) {
        this.missingPdb = missingPdb;
    }

    public Mode getPdbBlocksEviction() {
        return pdbBlocksEviction;
    }

    public void setPdbBlocksEviction(Mode pdbBlocksEviction) {
        this.pdbBlocksEviction = pdbBlocksEviction;
    }

    public Mode getPdbProtectsNothing() {
        return pdbProtectsNothing;
    }

    public void setPdbProtectsNothing(Mode pdbProtectsNothing) {
        this.pdbProtectsNothing = pdbProtectsNothing;
    }

    public Mode getPdbUnhealthyEviction() {
        return pdbUnhealthyEviction;
    }

    public void setPdbUnhealthyEviction(Mode pdbUnhealthyEviction) {
        this.pdbUnhealthyEviction = pdbUnhealthyEviction;
    }

    public Mode getPdbOverlap() {
        return pdbOverlap;
    }

    public void setPdbOverlap(Mode pdbOverlap) {
        this.pdbOverlap = pdbOverlap;
    }

    public Mode getRolloutDowntime() {
        return rolloutDowntime;
    }

    public void setRolloutDowntime(Mode rolloutDowntime) {
        this.rolloutDowntime = rolloutDowntime;
    }

    public Mode getMissingSpread() {
        return missingSpread;
    }

    public void setMissingSpread(Mode missingSpread) {
        this.missingSpread = missingSpread;
    }

    public Mode getSpreadNotSelfSelecting() {
        return spreadNotSelfSelecting;
    }

    public void setSpreadNotSelfSelecting(Mode spreadNotSelfSelecting) {
        this.spreadNotSelfSelecting = spreadNotSelfSelecting;
    }

    public Mode getMissingZoneSpread() {
        return missingZoneSpread;
    }

    public void setMissingZoneSpread(Mode missingZoneSpread) {
        this.missingZoneSpread = missingZoneSpread;
    }

    public Mode getPinnedToOneNode() {
        return pinnedToOneNode;
    }

    public void setPinnedToOneNode(Mode pinnedToOneNode) {
        this.pinnedToOneNode = pinnedToOneNode;
    }

    public Mode getCoLocatedReplicas() {
        return coLocatedReplicas;
    }

    public void setCoLocatedReplicas(Mode coLocatedReplicas) {
        this.coLocatedReplicas = coLocatedReplicas;
    }

    public Mode getSingleZoneReplicas() {
        return singleZoneReplicas;
    }

    public void setSingleZoneReplicas(Mode singleZoneReplicas) {
        this.singleZoneReplicas = singleZoneReplicas;
    }

    public Mode getSingleZoneVolumes() {
        return singleZoneVolumes;
    }

    public void setSingleZoneVolumes(Mode singleZoneVolumes) {
        this.singleZoneVolumes = singleZoneVolumes;
    }

    public Mode getDegradedRedundancy() {
        return degradedRedundancy;
    }

    public void setDegradedRedundancy(Mode degradedRedundancy) {
        this.degradedRedundancy = degradedRedundancy;
    }

    public Mode getSharedVolume() {
        return sharedVolume;
    }

    public void setSharedVolume(Mode sharedVolume) {
        this.sharedVolume = sharedVolume;
    }

    public Mode getMissingReadinessProbe() {
        return missingReadinessProbe;
    }

    public void setMissingReadinessProbe(Mode missingReadinessProbe) {
        this.missingReadinessProbe = missingReadinessProbe;
    }

    public Mode getNodeBoundStorage() {
        return nodeBoundStorage;
    }

    public void setNodeBoundStorage(Mode nodeBoundStorage) {
        this.nodeBoundStorage = nodeBoundStorage;
    }

    public Mode getSingleFileServer() {
        return singleFileServer;
    }

    public void setSingleFileServer(Mode singleFileServer) {
        this.singleFileServer = singleFileServer;
    }

    public Mode getUnmanagedPod() {
        return unmanagedPod;
    }

    public void setUnmanagedPod(Mode unmanagedPod) {
        this.unmanagedPod = unmanagedPod;
    }

    public Mode getSingleEndpointService() {
        return singleEndpointService;
    }

    public void setSingleEndpointService(Mode singleEndpointService) {
        this.singleEndpointService = singleEndpointService;
    }
}
