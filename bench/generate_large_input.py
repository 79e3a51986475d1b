#!/usr/bin/env python3
"""Writes the inputs of bench/large-input-benchmark.sh: DOCS small Deployments as one
multi-document file (one.yaml) and the same documents over FILES files (split/), and one file
of about MEGABYTES MB of Deployments (big.yaml).

    generate_large_input.py OUT_DIR [DOCS [FILES [MEGABYTES]]]
"""
import os
import sys


def deployment(i):
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: ns-{i % 50}
spec:
  replicas: {1 if i % 5 == 1 else 3}
  selector:
    matchLabels: {{app: app-{i}}}
  template:
    metadata:
      labels: {{app: app-{i}}}
    spec:
      containers:
        - name: app
          image: registry.example/app-{i}:1.0
"""


def main():
    out = sys.argv[1]
    docs = int(sys.argv[2]) if len(sys.argv) > 2 else 32000
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    megabytes = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    os.makedirs(os.path.join(out, "split"), exist_ok=True)
    with open(os.path.join(out, "one.yaml"), "w") as one:
        one.write("---\n".join(deployment(i) for i in range(docs)))
    per_file = (docs + files - 1) // files
    for f in range(files):
        with open(os.path.join(out, "split", f"part-{f:03d}.yaml"), "w") as part:
            part.write("---\n".join(deployment(i) for i in range(f * per_file, min(docs, (f + 1) * per_file))))
    limit = megabytes * 1000 * 1000
    written = 0
    i = 0
    with open(os.path.join(out, "big.yaml"), "w") as big:
        while written < limit:
            text = ("---\n" if i else "") + deployment(i)
            big.write(text)
            written += len(text)
            i += 1
    print(f"{docs} documents in one.yaml and over {files} files in split/; {i} documents, {written} bytes in big.yaml")


if __name__ == "__main__":
    main()
