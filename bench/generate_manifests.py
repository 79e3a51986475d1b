#!/usr/bin/env python3
"""Writes N workloads (Deployments and every tenth a StatefulSet), each with a PDB and an HPA,
spread over M namespaces, one multi-document file per namespace. A fifth of the workloads
carry a SPOF (one replica, a missing spread, a PDB that blocks eviction), so the audit has
findings to render."""
import os
import sys


def workload(i, ns):
    kind = "StatefulSet" if i % 10 == 0 else "Deployment"
    name = f"app-{i}"
    replicas = 1 if i % 5 == 1 else 3
    spread = "" if i % 5 == 2 else f"""
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels: {{app: {name}}}"""
    extra = "  serviceName: " + name + "\n" if kind == "StatefulSet" else ""
    pdb_bound = "minAvailable: 3" if i % 5 == 3 else "maxUnavailable: 1"
    return f"""apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}
  namespace: {ns}
  labels: {{app: {name}, team: team-{i % 7}}}
spec:
{extra}  replicas: {replicas}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}, tier: backend}}
    spec:{spread}
      containers:
        - name: app
          image: registry.example/{name}:1.0.{i}
          ports: [{{containerPort: 8080}}]
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
  namespace: {ns}
spec:
  {pdb_bound}
  selector:
    matchLabels: {{app: {name}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
  namespace: {ns}
spec:
  scaleTargetRef: {{apiVersion: apps/v1, kind: {kind}, name: {name}}}
  minReplicas: {2 if i % 5 != 4 else 1}
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: Utilization, averageUtilization: 70}}
"""


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: generate_manifests.py WORKLOADS NAMESPACES OUT_DIR")
    workloads, namespaces, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    per_ns = [[] for _ in range(namespaces)]
    for i in range(workloads):
        per_ns[i % namespaces].append(i)
    for n, items in enumerate(per_ns):
        ns = f"ns-{n:03d}"
        with open(os.path.join(out, f"{ns}.yaml"), "w") as f:
            f.write("---\n".join(workload(i, ns) for i in items))


if __name__ == "__main__":
    main()
