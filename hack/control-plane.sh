#!/usr/bin/env bash
# A real Kubernetes control plane on loopback: etcd + kube-apiserver, no kubelet, scheduler or
# controller-manager (the envtest model). Used by the integration tests and by hack/demo.sh.
#
#   hack/control-plane.sh up DIR [--watch-pid PID]   start; writes DIR/kubeconfig and prints its path
#   hack/control-plane.sh down DIR                   stop what "up" started and delete DIR
#
# With --watch-pid the control plane stops by itself once that process is gone, so a killed
# test JVM leaves nothing running. Binaries come from hack/k8s-binaries.sh.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
say() { echo "control-plane: $*" >&2; }
die() { say "$*"; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

stop_pids() {
  local dir=$1 pid
  [ -f "$dir/pids" ] || return 0
  while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$dir/pids"
  for _ in $(seq 1 50); do
    local alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$dir/pids"
    [ $alive = 0 ] && break
    sleep 0.1
  done
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$dir/pids"
  rm -f "$dir/pids"
}

up() {
  local dir=$1 watch_pid=${2:-}
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local bin
  bin=$("$here/k8s-binaries.sh") || die "no control plane binaries (see the message above)."
  command -v openssl >/dev/null || die "openssl is needed to make the control plane's certificates (apt-get install openssl)."
  command -v python3 >/dev/null || die "python3 is needed to pick free ports."
  command -v curl >/dev/null || die "curl is needed to wait for the API server (apt-get install curl)."

  local pki="$dir/pki"
  mkdir -p "$pki"
  # A private CA, a serving certificate for 127.0.0.1 and the service-account signing key.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=nospof-test-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >"$pki/san.ext"
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 2 -extfile "$pki/san.ext" -out "$pki/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  local token
  token=$(openssl rand -hex 24)
  echo "$token,nospof-admin,nospof-admin,\"system:masters\"" >"$pki/tokens.csv"

  local etcd_port etcd_peer_port api_port
  etcd_port=$(free_port); etcd_peer_port=$(free_port); api_port=$(free_port)

  "$bin/etcd" --name default --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "default=http://127.0.0.1:$etcd_peer_port" --unsafe-no-fsync \
    >"$dir/etcd.log" 2>&1 &
  echo $! >>"$dir/pids"

  # HPAScaleToZero: HPAs with minReplicas 0 exist in real clusters; the tests judge them too.
  # MaxUnavailableStatefulSet: without it the API server drops a StatefulSet's
  # rollingUpdate.maxUnavailable, which rollout-downtime judges.
  # --enable-aggregator-routing: webhooks behind a Service are called at its endpoints (there is
  # no kube-proxy to route a ClusterIP), so a test can point the chart's webhook Service at nospof.
  "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --cert-dir "$dir/certs" --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --token-auth-file "$pki/tokens.csv" --authorization-mode RBAC \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-cluster-ip-range 10.0.0.0/24 --endpoint-reconciler-type none --enable-aggregator-routing=true \
    --disable-admission-plugins ServiceAccount --allow-privileged=true --feature-gates HPAScaleToZero=true,MaxUnavailableStatefulSet=true \
    >"$dir/kube-apiserver.log" 2>&1 &
  echo $! >>"$dir/pids"

  if [ -n "$watch_pid" ]; then
    # Stops the control plane once the process that asked for it is gone.
    ( trap '' HUP; while kill -0 "$watch_pid" 2>/dev/null; do sleep 2; done; stop_pids "$dir"; rm -rf "$dir" ) \
      </dev/null >/dev/null 2>&1 &
  fi

  local ready=0
  for _ in $(seq 1 600); do
    if curl -fsS --cacert "$pki/ca.crt" -H "Authorization: Bearer $token" \
        "https://127.0.0.1:$api_port/readyz" >/dev/null 2>&1; then ready=1; break; fi
    while read -r pid; do
      kill -0 "$pid" 2>/dev/null || { tail -20 "$dir/etcd.log" "$dir/kube-apiserver.log" >&2; stop_pids "$dir"; die "a control plane process exited early (logs above)."; }
    done <"$dir/pids"
    sleep 0.2
  done
  if [ $ready = 0 ]; then
    tail -20 "$dir/etcd.log" "$dir/kube-apiserver.log" >&2
    stop_pids "$dir"
    die "kube-apiserver on 127.0.0.1:$api_port was not ready within 120 s (logs above)."
  fi

  cat >"$dir/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: nospof-local
  cluster:
    server: https://127.0.0.1:$api_port
    certificate-authority-data: $(base64 -w0 "$pki/ca.crt")
users:
- name: nospof-admin
  user:
    token: $token
contexts:
- name: nospof-local
  context:
    cluster: nospof-local
    user: nospof-admin
current-context: nospof-local
KUBECONFIG
  echo "$bin" >"$dir/bin-dir"
  say "ready: https://127.0.0.1:$api_port (etcd 127.0.0.1:$etcd_port), kubeconfig $dir/kubeconfig"
  echo "$dir/kubeconfig"
}

down() {
  local dir=$1
  [ -d "$dir" ] || return 0
  stop_pids "$dir"
  rm -rf "$dir"
}

case "${1:-}" in
  up)
    [ -n "${2:-}" ] || die "usage: $0 up DIR [--watch-pid PID]"
    watch=""
    [ "${3:-}" = "--watch-pid" ] && watch=${4:?--watch-pid needs a PID}
    up "$2" "$watch" ;;
  down)
    [ -n "${2:-}" ] || die "usage: $0 down DIR"
    down "$2" ;;
  *) die "usage: $0 up DIR [--watch-pid PID] | down DIR" ;;
esac
