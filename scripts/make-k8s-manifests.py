#!/usr/bin/env python3
"""Write N realistic Kubernetes manifest files for the scan benchmark.

usage: make-k8s-manifests.py N OUTDIR [--seed S] [--force]

The tree looks like a company's deployment repository: OUTDIR/<team>/<app>/<file>, one folder
per application holding its workload (Deployment, StatefulSet, DaemonSet, CronJob, Job or bare
Pod), usually a Service, ConfigMap and ServiceAccount, often a Role with its RoleBinding, an
Ingress, a NetworkPolicy, a HorizontalPodAutoscaler or a PodDisruptionBudget; some apps keep
everything in one multi-document file, a few as a `kind: List`, a few as JSON. Each team folder
also has a namespace.yaml, a kustomization.yaml and cluster-wide RBAC.

Every workload draws a security profile, from hardened (non-root, seccomp RuntimeDefault, all
capabilities dropped, read-only root, limits, probes, image pinned by digest) through typical
and careless to insecure (privileged, host namespaces, hostPath, added capabilities, root,
`latest`), and a few dimensions are then varied on their own, so that scanners find a
realistic mix of issues rather than one per file.

The output depends only on N and the seed; for one seed, the first K files of a larger corpus
are the same as those of a K-file corpus (the corpus grows app by app, and the last app may be
cut short), which is what a scaling series wants. Python 3 standard library only. The script
prints the number of files, documents and bytes, and the count of each kind.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

TEAMS = [
    "payments", "checkout", "search", "identity", "platform", "data", "ml", "web",
    "mobile-api", "notifications", "observability", "logistics", "billing", "catalog",
]
NOUNS = [
    "order", "cart", "ledger", "invoice", "user", "session", "profile", "token", "catalog",
    "inventory", "price", "shipment", "tracking", "email", "sms", "push", "report", "export",
    "import", "feature", "flag", "audit", "event", "metrics", "recommend", "ranking", "index",
    "crawler", "thumbnail", "media", "upload", "geo", "tax", "refund", "fraud", "risk",
    "loyalty", "coupon", "review", "chat",
]
ROLES = [
    "api", "service", "worker", "consumer", "gateway", "sync", "scheduler", "processor",
    "frontend", "backend", "indexer", "proxy", "cache", "store", "bridge", "exporter",
]
ENVS = ["prod", "staging", "dev"]
REGISTRIES = [
    "ghcr.io/acme", "registry.acme.internal:5000", "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    "europe-docker.pkg.dev/acme-prod/apps", "acme.azurecr.io", "quay.io/acme",
]
# Third-party images that real repos run as sidecars, databases and node agents.
SIDECARS = [
    ("envoy", "envoyproxy/envoy", ["v1.28.0", "v1.29.1", "v1.27.2"]),
    ("fluent-bit", "fluent/fluent-bit", ["2.2.2", "3.0.4", "latest"]),
    ("oauth2-proxy", "quay.io/oauth2-proxy/oauth2-proxy", ["v7.5.1", "v7.6.0"]),
    ("cloud-sql-proxy", "gcr.io/cloud-sql-connectors/cloud-sql-proxy", ["2.8.1", "2.11.0"]),
    ("statsd-exporter", "prom/statsd-exporter", ["v0.26.0", "v0.26.1"]),
    ("vault-agent", "hashicorp/vault", ["1.15.4", "1.16"]),
]
DATASTORES = [
    ("redis", "redis", ["7.2.4-alpine", "7.2", "6.2.14", "latest"], 6379, "/data"),
    ("postgres", "postgres", ["16.2", "15.6-alpine", "14"], 5432, "/var/lib/postgresql/data"),
    ("kafka", "bitnami/kafka", ["3.6.1", "3.7"], 9092, "/bitnami/kafka"),
    ("elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch", ["8.12.2", "7.17.18"], 9200,
     "/usr/share/elasticsearch/data"),
    ("rabbitmq", "rabbitmq", ["3.12-management", "3.13.0"], 5672, "/var/lib/rabbitmq"),
    ("mongodb", "mongo", ["7.0.5", "6.0"], 27017, "/data/db"),
]
NODE_AGENTS = [
    ("node-exporter", "quay.io/prometheus/node-exporter", ["v1.7.0", "v1.8.0"], 9100),
    ("fluentd", "fluent/fluentd-kubernetes-daemonset", ["v1.16-debian-elasticsearch8-1", "v1"], 24231),
    ("datadog-agent", "gcr.io/datadoghq/agent", ["7.51.0", "7"], 8125),
    ("falco", "falcosecurity/falco-no-driver", ["0.37.1", "latest"], 8765),
    ("csi-node", "registry.k8s.io/sig-storage/csi-node-driver-registrar", ["v2.10.0"], 9809),
    ("kube-proxy-helper", "registry.k8s.io/kube-proxy", ["v1.29.2"], 10256),
]
JOB_IMAGES = [
    ("migrate", "migrate/migrate", ["v4.17.0", "latest"]),
    ("backup", "bitnami/postgresql", ["16.2.0", "15"]),
    ("kubectl", "bitnami/kubectl", ["1.29.2", "latest"]),
    ("curl", "curlimages/curl", ["8.6.0", "latest"]),
    ("busybox", "busybox", ["1.36", "latest", ""]),
    ("aws-cli", "amazon/aws-cli", ["2.15.20", "latest"]),
]
PROFILES = [("hardened", 25), ("typical", 40), ("careless", 23), ("insecure", 12)]
HEX = "0123456789abcdef"


class Literal(str):
    """A string written as a YAML block literal (`|`)."""


def plain_ok(s: str) -> bool:
    """Whether a string can be written unquoted and still read back as the same string."""
    if not s or s != s.strip():
        return False
    if s.lower() in {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}:
        return False
    if re.fullmatch(r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?", s) or re.fullmatch(r"0[xo][0-9a-fA-F]+", s):
        return False
    if s[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in s or " #" in s or s.endswith(":"):
        return False
    return all(c.isprintable() for c in s)


def scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    s = str(v)
    return s if plain_ok(s) else json.dumps(s)


def emit(v, indent: int, out: list[str]) -> None:
    """Block-style YAML for dicts and lists, the way people write manifests."""
    pad = "  " * indent
    if isinstance(v, dict):
        for k, x in v.items():
            key = scalar(k)
            if isinstance(x, Literal):
                out.append(f"{pad}{key}: |")
                out.extend(f"{pad}  {line}" if line else "" for line in x.rstrip("\n").split("\n"))
            elif isinstance(x, dict) and x:
                out.append(f"{pad}{key}:")
                emit(x, indent + 1, out)
            elif isinstance(x, list) and x:
                out.append(f"{pad}{key}:")
                emit(x, indent, out)  # lists sit at the key's indentation, kubectl style
            elif isinstance(x, (dict, list)):
                out.append(f"{pad}{key}: {'{}' if isinstance(x, dict) else '[]'}")
            else:
                out.append(f"{pad}{key}: {scalar(x)}")
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, dict) and x:
                sub: list[str] = []
                emit(x, indent + 1, sub)
                first = sub[0][len(pad) + 2:]
                out.append(f"{pad}- {first}")
                out.extend(sub[1:])
            elif isinstance(x, list) and x:
                out.append(f"{pad}-")
                emit(x, indent + 1, out)
            elif isinstance(x, (dict, list)):
                out.append(f"{pad}- {'{}' if isinstance(x, dict) else '[]'}")
            else:
                out.append(f"{pad}- {scalar(x)}")
    else:
        out.append(pad + scalar(v))


def to_yaml(doc) -> str:
    out: list[str] = []
    emit(doc, 0, out)
    return "\n".join(out) + "\n"


class Generator:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.used: set[str] = set()
        self.kinds: collections.Counter = collections.Counter()
        self.profiles: collections.Counter = collections.Counter()
        self.docs = 0

    # ---- small helpers -------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def hexs(self, n: int) -> str:
        return "".join(self.r.choice(HEX) for _ in range(n))

    def app_name(self, team: str) -> str:
        for _ in range(20):
            name = f"{self.pick(NOUNS)}-{self.pick(ROLES)}"
            if f"{team}/{name}" not in self.used:
                break
        else:
            name = f"{name}-{len(self.used)}"
        if f"{team}/{name}" in self.used:
            name = f"{name}-{len(self.used)}"
        self.used.add(f"{team}/{name}")
        return name

    def own_image(self, name: str, pin: str) -> str:
        repo = f"{self.pick(REGISTRIES)}/{name}"
        if pin == "digest":
            return f"{repo}@sha256:{self.hexs(64)}"
        if pin == "tag-digest":
            return f"{repo}:v{self.r.randint(1, 4)}.{self.r.randint(0, 30)}.{self.r.randint(0, 9)}@sha256:{self.hexs(64)}"
        if pin == "latest":
            return f"{repo}:latest"
        if pin == "none":
            return repo
        style = self.r.randint(0, 2)
        if style == 0:
            return f"{repo}:v{self.r.randint(1, 4)}.{self.r.randint(0, 30)}.{self.r.randint(0, 9)}"
        if style == 1:
            return f"{repo}:2024.{self.r.randint(1, 12):02d}.{self.r.randint(1, 28):02d}-{self.hexs(7)}"
        return f"{repo}:{self.hexs(12)}"

    def third_party(self, repo: str, tags: list[str]) -> str:
        tag = self.pick(tags)
        return f"{repo}:{tag}" if tag else repo

    def labels(self, app: str, team: str, component: str, env: str) -> dict:
        d = {"app.kubernetes.io/name": app, "app.kubernetes.io/component": component,
             "app.kubernetes.io/part-of": team, "app.kubernetes.io/managed-by": self.pick(["kustomize", "argocd", "Helm"])}
        if self.chance(0.5):
            d["env"] = env
        if self.chance(0.3):
            d["version"] = f"v{self.r.randint(1, 5)}"
        return d

    def meta(self, name: str, ns: str | None, labels: dict, annotations: dict | None = None) -> dict:
        m: dict = {"name": name}
        if ns is not None:
            m["namespace"] = ns
        m["labels"] = dict(labels)
        if annotations:
            m["annotations"] = annotations
        return m

    # ---- pod specs -----------------------------------------------------------------------
    def resources(self, profile: str, small: bool = False) -> dict | None:
        cpu_req = self.pick(["50m", "100m", "250m", "500m", "1"] if not small else ["10m", "25m", "50m"])
        mem_req = self.pick(["64Mi", "128Mi", "256Mi", "512Mi", "1Gi"] if not small else ["32Mi", "64Mi"])
        mem_lim = {"32Mi": "64Mi", "64Mi": "128Mi", "128Mi": "256Mi", "256Mi": "512Mi", "512Mi": "1Gi", "1Gi": "2Gi"}[mem_req]
        if profile == "hardened":
            res = {"requests": {"cpu": cpu_req, "memory": mem_req}, "limits": {"memory": mem_lim}}
            if self.chance(0.7):
                res["limits"]["cpu"] = self.pick(["500m", "1", "2"])
            return res
        if profile == "typical":
            roll = self.r.random()
            if roll < 0.55:
                return {"requests": {"cpu": cpu_req, "memory": mem_req}, "limits": {"cpu": self.pick(["500m", "1", "2"]), "memory": mem_lim}}
            if roll < 0.8:
                return {"requests": {"cpu": cpu_req, "memory": mem_req}, "limits": {"memory": mem_lim}}
            if roll < 0.92:
                return {"requests": {"cpu": cpu_req, "memory": mem_req}}
            return None
        if profile == "careless":
            roll = self.r.random()
            if roll < 0.4:
                return None
            if roll < 0.55:
                return {}
            if roll < 0.8:
                return {"requests": {"cpu": cpu_req, "memory": mem_req}}
            return {"limits": {"cpu": "1", "memory": mem_lim}}
        return None if self.chance(0.6) else {"limits": {"memory": mem_lim}}

    def probes(self, port: int, profile: str) -> dict:
        p = {"hardened": 0.95, "typical": 0.75, "careless": 0.25, "insecure": 0.2}[profile]
        out: dict = {}
        if self.chance(p):
            if self.chance(0.7):
                out["livenessProbe"] = {"httpGet": {"path": self.pick(["/healthz", "/livez", "/health", "/actuator/health/liveness"]), "port": port},
                                        "initialDelaySeconds": self.pick([5, 10, 15, 30]), "periodSeconds": self.pick([10, 15, 20])}
            else:
                out["livenessProbe"] = {"tcpSocket": {"port": port}, "periodSeconds": 10}
        if self.chance(p):
            out["readinessProbe"] = {"httpGet": {"path": self.pick(["/readyz", "/ready", "/health/ready", "/actuator/health/readiness"]), "port": port},
                                     "periodSeconds": self.pick([5, 10]), "failureThreshold": 3}
        if self.chance(p * 0.2):
            out["startupProbe"] = {"httpGet": {"path": "/healthz", "port": port}, "failureThreshold": 30, "periodSeconds": 10}
        return out

    def container_security(self, profile: str) -> dict | None:
        if profile == "hardened":
            sc: dict = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                        "capabilities": {"drop": ["ALL"]}}
            if self.chance(0.5):
                sc["runAsNonRoot"] = True
            if self.chance(0.4):
                sc["runAsUser"] = self.pick([10001, 65532, 10000, 1000])
            if self.chance(0.1):
                sc["capabilities"]["add"] = ["NET_BIND_SERVICE"]
            if self.chance(0.15):
                sc["seccompProfile"] = {"type": "RuntimeDefault"}
            return sc
        if profile == "typical":
            roll = self.r.random()
            if roll < 0.3:
                return None
            sc = {}
            if self.chance(0.7):
                sc["allowPrivilegeEscalation"] = False
            if self.chance(0.4):
                sc["readOnlyRootFilesystem"] = True
            if self.chance(0.5):
                sc["capabilities"] = {"drop": [self.pick(["ALL", "ALL", "NET_RAW"])]}
            if self.chance(0.3):
                sc["runAsNonRoot"] = True
            if self.chance(0.25):
                sc["runAsUser"] = self.pick([1000, 1001, 101, 10001, 999])
            return sc
        if profile == "careless":
            if self.chance(0.6):
                return None
            sc = {}
            if self.chance(0.3):
                sc["runAsUser"] = 0
            if self.chance(0.3):
                sc["allowPrivilegeEscalation"] = True
            if self.chance(0.2):
                sc["capabilities"] = {"add": [self.pick(["NET_ADMIN", "SYS_PTRACE", "NET_RAW"])]}
            if self.chance(0.3):
                sc["readOnlyRootFilesystem"] = False
            return sc or None
        # insecure
        sc = {}
        if self.chance(0.55):
            sc["privileged"] = True
        if self.chance(0.4):
            sc["runAsUser"] = 0
        if self.chance(0.3):
            sc["runAsNonRoot"] = False
        if self.chance(0.5):
            sc["allowPrivilegeEscalation"] = True
        if self.chance(0.45):
            sc["capabilities"] = {"add": self.r.sample(["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "ALL", "NET_RAW", "DAC_OVERRIDE"], self.r.randint(1, 3))}
        if self.chance(0.15):
            sc["procMount"] = "Unmasked"
        if self.chance(0.2):
            sc["seccompProfile"] = {"type": "Unconfined"}
        return sc or None

    def pod_security(self, profile: str) -> dict | None:
        if profile == "hardened":
            sc: dict = {"runAsNonRoot": True, "seccompProfile": {"type": "RuntimeDefault"}}
            if self.chance(0.7):
                uid = self.pick([10001, 65532, 1000, 10000, 2000])
                sc["runAsUser"] = uid
                sc["runAsGroup"] = uid
            if self.chance(0.6):
                sc["fsGroup"] = self.pick([2000, 10001, 65532])
            return sc
        if profile == "typical":
            if self.chance(0.35):
                return None
            sc = {}
            if self.chance(0.6):
                sc["runAsNonRoot"] = True
            if self.chance(0.5):
                sc["runAsUser"] = self.pick([1000, 1001, 10001, 101])
            if self.chance(0.4):
                sc["fsGroup"] = self.pick([1000, 2000])
            if self.chance(0.35):
                sc["seccompProfile"] = {"type": "RuntimeDefault"}
            return sc or None
        if profile == "careless":
            if self.chance(0.75):
                return None
            return self.pick([{"fsGroup": 1000}, {"runAsUser": 0}, {"runAsNonRoot": False}, {}])
        sc = {}
        if self.chance(0.3):
            sc["runAsUser"] = 0
        if self.chance(0.15):
            sc["seccompProfile"] = {"type": "Unconfined"}
        if self.chance(0.15):
            sc["sysctls"] = [{"name": self.pick(["kernel.msgmax", "net.core.somaxconn", "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range"]),
                              "value": self.pick(["65536", "1024", "1", "32768 60999"])}]
        return sc or None

    def env(self, app: str, profile: str) -> tuple[list, list]:
        env: list = [{"name": "APP_ENV", "value": self.pick(ENVS)},
                     {"name": "LOG_LEVEL", "value": self.pick(["info", "debug", "warn"])}]
        if self.chance(0.5):
            env.append({"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
        if self.chance(0.4):
            env.append({"name": "HTTP_PORT", "value": self.pick(["8080", "3000", "9000"])})
        if self.chance(0.45):
            env.append({"name": "DATABASE_PASSWORD", "valueFrom": {"secretKeyRef": {"name": f"{app}-db", "key": "password"}}})
        if self.chance(0.3):
            env.append({"name": "FEATURE_FLAGS", "valueFrom": {"configMapKeyRef": {"name": f"{app}-config", "key": "flags"}}})
        if profile in ("careless", "insecure") and self.chance(0.2):
            env.append({"name": "API_TOKEN", "value": "changeme"})
        env_from: list = []
        if self.chance(0.3):
            env_from.append({"configMapRef": {"name": f"{app}-config"}})
        if self.chance(0.15):
            env_from.append({"secretRef": {"name": f"{app}-secrets"}})
        return env, env_from

    def container(self, name: str, image: str, port: int | None, profile: str, app: str, main: bool) -> dict:
        c: dict = {"name": name, "image": image}
        pull = self.r.random()
        if pull < 0.35:
            c["imagePullPolicy"] = "Always"
        elif pull < 0.75:
            c["imagePullPolicy"] = "IfNotPresent"
        if main and self.chance(0.25):
            c["args"] = self.pick([["--config=/etc/app/config.yaml"], ["serve", "--port", str(port or 8080)], ["--log-format=json", "--metrics-addr=:9090"]])
        if port:
            c["ports"] = [{"name": "http", "containerPort": port, "protocol": "TCP"}]
            if main and self.chance(0.35):
                c["ports"].append({"name": "metrics", "containerPort": 9090})
        if main:
            env, env_from = self.env(app, profile)
            c["env"] = env
            if env_from:
                c["envFrom"] = env_from
        res = self.resources(profile, small=not main)
        if res is not None:
            c["resources"] = res
        if port:
            c.update(self.probes(port, profile))
        sc = self.container_security(profile)
        if sc is not None:
            c["securityContext"] = sc
        return c

    def pod_spec(self, app: str, profile: str, kind: str, port: int | None, image: str,
                 extra_volumes: list | None = None, mounts: list | None = None) -> dict:
        spec: dict = {}
        if self.chance(0.7) or profile == "hardened":
            spec["serviceAccountName"] = app
        elif self.chance(0.3):
            spec["serviceAccountName"] = "default"
        if profile == "hardened" or (profile == "typical" and self.chance(0.3)):
            spec["automountServiceAccountToken"] = False
        elif profile == "insecure" and self.chance(0.2):
            spec["automountServiceAccountToken"] = True
        if kind in ("Job", "CronJob"):
            spec["restartPolicy"] = self.pick(["OnFailure", "Never"])
        psc = self.pod_security(profile)
        if psc is not None:
            spec["securityContext"] = psc
        if profile == "insecure":
            if self.chance(0.35):
                spec["hostNetwork"] = True
                if self.chance(0.7):
                    spec["dnsPolicy"] = "ClusterFirstWithHostNet"
            if self.chance(0.25):
                spec["hostPID"] = True
            if self.chance(0.15):
                spec["hostIPC"] = True
        if self.chance(0.2):
            spec["imagePullSecrets"] = [{"name": "registry-credentials"}]
        if self.chance(0.15):
            spec["priorityClassName"] = self.pick(["high-priority", "batch-low"])
        if kind in ("Deployment", "StatefulSet") and self.chance(0.3):
            spec["affinity"] = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app.kubernetes.io/name": app}},
                                                    "topologyKey": "kubernetes.io/hostname"}}]}}
        if self.chance(0.15):
            spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        if kind == "DaemonSet" or self.chance(0.08):
            spec["tolerations"] = [{"operator": "Exists"}] if kind == "DaemonSet" and self.chance(0.5) else \
                [{"key": "dedicated", "operator": "Equal", "value": self.pick(["batch", "gpu", "infra"]), "effect": "NoSchedule"}]
        if self.chance(0.2):
            spec["terminationGracePeriodSeconds"] = self.pick([30, 60, 120])

        main = self.container(app, image, port, profile, app, True)
        volumes: list = list(extra_volumes or [])
        main_mounts: list = list(mounts or [])
        if self.chance(0.4):
            volumes.append({"name": "config", "configMap": {"name": f"{app}-config"}})
            main_mounts.append({"name": "config", "mountPath": "/etc/app", "readOnly": True})
        if main.get("securityContext", {}).get("readOnlyRootFilesystem") is True:
            volumes.append({"name": "tmp", "emptyDir": {}})
            main_mounts.append({"name": "tmp", "mountPath": "/tmp"})
        if profile == "insecure" and self.chance(0.4):
            path, mount = self.pick([("/var/run/docker.sock", "/var/run/docker.sock"), ("/var/log", "/var/log"),
                                     ("/", "/host"), ("/etc", "/host/etc"), ("/var/lib/kubelet", "/var/lib/kubelet")])
            volumes.append({"name": "host", "hostPath": {"path": path, **({"type": "Socket"} if path.endswith(".sock") else {})}})
            main_mounts.append({"name": "host", "mountPath": mount})
        if profile == "insecure" and port and self.chance(0.3):
            main["ports"][0]["hostPort"] = port
        if main_mounts:
            main["volumeMounts"] = main_mounts
        containers = [main]
        if kind in ("Deployment", "StatefulSet", "Pod") and self.chance(0.25):
            sname, srepo, stags = self.pick(SIDECARS)
            sprof = profile if self.chance(0.6) else self.pick(["typical", "careless"])
            containers.append(self.container(sname, self.third_party(srepo, stags), self.pick([15090, 4180, 9102, None]), sprof, app, False))
        spec["containers"] = containers
        if self.chance(0.18):
            iname, irepo, itags = self.pick(JOB_IMAGES)
            init = {"name": f"init-{iname}", "image": self.third_party(irepo, itags),
                    "command": self.pick([["sh", "-c", "until nc -z db 5432; do sleep 2; done"], ["migrate", "-path", "/migrations", "up"],
                                          ["sh", "-c", "chown -R 1000:1000 /data"]])}
            isc = self.container_security(profile if self.chance(0.5) else "careless")
            if isc is not None:
                init["securityContext"] = isc
            if self.chance(0.5):
                init["resources"] = {"limits": {"cpu": "100m", "memory": "64Mi"}}
            spec["initContainers"] = [init]
        if volumes:
            spec["volumes"] = volumes
        return spec

    # ---- objects -------------------------------------------------------------------------
    def template(self, labels: dict, spec: dict) -> dict:
        md: dict = {"labels": labels}
        if self.chance(0.3):
            md["annotations"] = {"prometheus.io/scrape": "true", "prometheus.io/port": "9090"}
        return {"metadata": md, "spec": spec}

    def workload(self, kind: str, app: str, team: str, ns: str | None, env: str, profile: str) -> dict:
        selector = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": f"{app}-{env}"}
        labels = {**self.labels(app, team, "server" if kind != "CronJob" else "job", env), **selector}
        port = self.pick([8080, 8080, 3000, 8000, 9000, 5000, 8443]) if kind in ("Deployment", "StatefulSet", "Pod") else None
        image = self.own_image(app, self.pick_pin(profile))
        extra_vol: list = []
        mounts: list = []
        if kind == "StatefulSet":
            name, repo, tags, port, data = self.pick(DATASTORES)
            image = self.third_party(repo, tags)
            mounts = [{"name": "data", "mountPath": data}]
        if kind == "DaemonSet":
            aname, repo, tags, port = self.pick(NODE_AGENTS)
            image = self.third_party(repo, tags)
            if self.chance(0.6):
                extra_vol = [{"name": "varlog", "hostPath": {"path": "/var/log"}}]
                mounts = [{"name": "varlog", "mountPath": "/var/log", "readOnly": self.chance(0.6)}]
        if kind in ("Job", "CronJob") and self.chance(0.4):
            _, repo, tags = self.pick(JOB_IMAGES)
            image = self.third_party(repo, tags)
        spec = self.pod_spec(app, profile, kind, port, image, extra_vol, mounts)
        if kind in ("Job", "CronJob"):
            spec["containers"][0]["command"] = self.pick([["/bin/" + app, "run-once"], ["python", "-m", "jobs." + app.replace("-", "_")],
                                                          ["sh", "-c", "echo start && /app/run && echo done"]])
        ann = None
        if self.chance(0.25):
            ann = {"deployment.kubernetes.io/revision": str(self.r.randint(1, 40))} if kind == "Deployment" else {"owner": f"team-{team}@acme.example"}
        meta = self.meta(app, ns, labels, ann)
        api = "batch/v1" if kind in ("Job", "CronJob") else "v1" if kind == "Pod" else "apps/v1"
        doc: dict = {"apiVersion": api, "kind": kind, "metadata": meta}
        if kind == "Pod":
            doc["spec"] = spec
        elif kind == "Deployment":
            d: dict = {"replicas": self.pick([1, 2, 3, 3, 4, 6]), "revisionHistoryLimit": self.pick([3, 10]),
                       "selector": {"matchLabels": selector}}
            if self.chance(0.4):
                d["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}}
            d["template"] = self.template(labels, spec)
            doc["spec"] = d
        elif kind == "StatefulSet":
            doc["spec"] = {"serviceName": app, "replicas": self.pick([1, 3, 3, 5]), "selector": {"matchLabels": selector},
                           "template": self.template(labels, spec),
                           "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"],
                                                     "storageClassName": self.pick(["gp3", "standard-rwo", "managed-csi"]),
                                                     "resources": {"requests": {"storage": self.pick(["10Gi", "50Gi", "200Gi"])}}}}]}
        elif kind == "DaemonSet":
            doc["spec"] = {"selector": {"matchLabels": selector}, "updateStrategy": {"type": "RollingUpdate"},
                           "template": self.template(labels, spec)}
        elif kind == "Job":
            doc["spec"] = {"backoffLimit": self.pick([0, 3, 6]), "ttlSecondsAfterFinished": self.pick([3600, 86400]),
                           "template": self.template(labels, spec)}
        else:
            doc["spec"] = {"schedule": self.pick(["*/5 * * * *", "0 3 * * *", "15 * * * *", "0 0 * * 0", "30 2 1 * *"]),
                           "concurrencyPolicy": self.pick(["Forbid", "Replace", "Allow"]),
                           "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
                           "jobTemplate": {"spec": {"backoffLimit": 2, "template": self.template(labels, spec)}}}
        return doc

    def pick_pin(self, profile: str) -> str:
        weights = {"hardened": [("digest", 45), ("tag-digest", 15), ("tag", 40)],
                   "typical": [("digest", 5), ("tag", 88), ("latest", 5), ("none", 2)],
                   "careless": [("tag", 55), ("latest", 30), ("none", 15)],
                   "insecure": [("tag", 50), ("latest", 35), ("none", 15)]}[profile]
        return self.r.choices([w[0] for w in weights], [w[1] for w in weights])[0]

    def service(self, app: str, team: str, ns: str | None, env: str, port: int) -> dict:
        spec: dict = {"selector": {"app.kubernetes.io/name": app},
                      "ports": [{"name": "http", "port": 80 if port != 8443 else 443, "targetPort": port, "protocol": "TCP"}]}
        t = self.r.random()
        if t < 0.08:
            spec["type"] = "LoadBalancer"
        elif t < 0.13:
            spec["type"] = "NodePort"
            spec["ports"][0]["nodePort"] = self.r.randint(30000, 32767)
        elif t < 0.2:
            spec["clusterIP"] = "None"
        return {"apiVersion": "v1", "kind": "Service", "metadata": self.meta(app, ns, self.labels(app, team, "server", env)), "spec": spec}

    def configmap(self, app: str, team: str, ns: str | None, env: str) -> dict:
        data: dict = {"LOG_FORMAT": "json", "flags": ",".join(self.r.sample(["new-checkout", "beta-search", "dark-mode", "v2-api", "fast-path"], 2)),
                      "TIMEOUT_SECONDS": str(self.pick([5, 10, 30]))}
        if self.chance(0.6):
            data["config.yaml"] = Literal(
                f"server:\n  port: {self.pick([8080, 3000])}\n  readTimeout: 10s\nlogging:\n  level: info\n"
                f"upstreams:\n  - name: {self.pick(NOUNS)}\n    url: http://{self.pick(NOUNS)}-api.{self.pick(TEAMS)}.svc.cluster.local\n")
        return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": self.meta(f"{app}-config", ns, self.labels(app, team, "config", env)), "data": data}

    def service_account(self, app: str, ns: str | None, annotate: bool) -> dict:
        m = self.meta(app, ns, {"app.kubernetes.io/name": app})
        if annotate:
            m["annotations"] = {"eks.amazonaws.com/role-arn": f"arn:aws:iam::123456789012:role/{app}"}
        doc = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": m}
        if self.chance(0.3):
            doc["automountServiceAccountToken"] = False
        return doc

    def rules(self, profile: str, cluster: bool) -> list:
        rules = [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch"]}]
        if self.chance(0.4):
            rules.append({"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"] if self.chance(0.6) else ["get", "list", "watch"]})
        if self.chance(0.2):
            rules.append({"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "create", "update"]})
        if profile in ("careless", "insecure") and self.chance(0.45):
            rules.append(self.pick([
                {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                {"apiGroups": [""], "resources": ["pods"], "verbs": ["*"]},
                {"apiGroups": ["apps"], "resources": ["*"], "verbs": ["get", "list", "patch"]},
                {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
                {"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterrolebindings"], "verbs": ["create", "bind"]},
            ]))
        if cluster and self.chance(0.3):
            rules.append({"nonResourceURLs": ["/metrics"], "verbs": ["get"]})
        return rules

    def rbac(self, app: str, ns: str | None, profile: str) -> list[dict]:
        role = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": self.meta(app, ns, {"app.kubernetes.io/name": app}),
                "rules": self.rules(profile, False)}
        binding = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": self.meta(app, ns, {"app.kubernetes.io/name": app}),
                   "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": app},
                   "subjects": [{"kind": "ServiceAccount", "name": app if self.chance(0.85) else "default", **({"namespace": ns} if ns else {})}]}
        return [role, binding]

    def ingress(self, app: str, team: str, ns: str | None, env: str) -> dict:
        host = f"{app}.{'' if env == 'prod' else env + '.'}acme.example"
        ann = {"kubernetes.io/ingress.class": "nginx"} if self.chance(0.3) else {}
        if self.chance(0.3):
            ann["cert-manager.io/cluster-issuer"] = "letsencrypt"
        if self.chance(0.1):
            ann["nginx.ingress.kubernetes.io/configuration-snippet"] = "more_set_headers \"X-Frame-Options: DENY\";"
        spec: dict = {}
        if not ann.get("kubernetes.io/ingress.class"):
            spec["ingressClassName"] = self.pick(["nginx", "alb", "traefik"])
        spec["rules"] = [{"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix",
                                                            "backend": {"service": {"name": app, "port": {"number": 80}}}}]}}]
        if self.chance(0.65):
            spec["tls"] = [{"hosts": [host], "secretName": f"{app}-tls"}]
        return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": self.meta(app, ns, self.labels(app, team, "ingress", env), ann or None), "spec": spec}

    def network_policy(self, app: str, ns: str | None, port: int) -> dict:
        spec: dict = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": app}}, "policyTypes": ["Ingress"],
                      "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}},
                                            {"podSelector": {"matchLabels": {"app.kubernetes.io/part-of": "gateway"}}}],
                                   "ports": [{"protocol": "TCP", "port": port}]}]}
        if self.chance(0.4):
            spec["policyTypes"].append("Egress")
            spec["egress"] = [{"to": [{"namespaceSelector": {}}], "ports": [{"protocol": "UDP", "port": 53}]}]
        return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": self.meta(f"{app}-ingress", ns, {"app.kubernetes.io/name": app}), "spec": spec}

    def hpa(self, app: str, ns: str | None, kind: str) -> dict:
        return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": self.meta(app, ns, {"app.kubernetes.io/name": app}),
                "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": kind, "name": app}, "minReplicas": 2, "maxReplicas": self.pick([5, 10, 20]),
                         "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": self.pick([60, 70, 80])}}}]}}

    def pdb(self, app: str, ns: str | None) -> dict:
        return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": self.meta(app, ns, {"app.kubernetes.io/name": app}),
                "spec": {"minAvailable" if self.chance(0.5) else "maxUnavailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": app}}}}

    # ---- files ---------------------------------------------------------------------------
    def app_files(self, team: str) -> tuple[str, list[tuple[str, list[dict], str]]]:
        """One application: its folder name and its files as (name, documents, format)."""
        app = self.app_name(team)
        env = self.pick(ENVS)
        ns = None if self.chance(0.12) else (team if self.chance(0.6) else f"{team}-{env}")
        kind = self.r.choices(["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Pod"], [58, 10, 6, 13, 6, 7])[0]
        if kind == "DaemonSet":
            profile = self.r.choices([p for p, _ in PROFILES], [10, 30, 25, 35])[0]
        else:
            profile = self.r.choices([p for p, _ in PROFILES], [w for _, w in PROFILES])[0]
        self.profiles[profile] += 1
        wl = self.workload(kind, app, team, ns, env, profile)
        port = 8080
        for c in self.containers_of(wl):
            if c.get("ports"):
                port = c["ports"][0]["containerPort"]
                break
        extras: list[tuple[str, list[dict]]] = []
        if kind in ("Deployment", "StatefulSet") or (kind == "Pod" and self.chance(0.3)):
            extras.append(("service", [self.service(app, team, ns, env, port)]))
        if self.chance(0.55):
            extras.append(("configmap", [self.configmap(app, team, ns, env)]))
        if self.chance(0.65):
            extras.append(("serviceaccount", [self.service_account(app, ns, self.chance(0.3))]))
        if self.chance(0.35):
            extras.append(("rbac", self.rbac(app, ns, profile)))
        if kind == "Deployment" and self.chance(0.35):
            extras.append(("ingress", [self.ingress(app, team, ns, env)]))
        if kind in ("Deployment", "StatefulSet") and self.chance(0.3):
            extras.append(("networkpolicy", [self.network_policy(app, ns, port)]))
        if kind == "Deployment" and self.chance(0.3):
            extras.append(("hpa", [self.hpa(app, ns, kind)]))
        if kind in ("Deployment", "StatefulSet") and self.chance(0.2):
            extras.append(("pdb", [self.pdb(app, ns)]))
        wname = {"Deployment": "deployment", "StatefulSet": "statefulset", "DaemonSet": "daemonset", "CronJob": "cronjob", "Job": "job", "Pod": "pod"}[kind]
        ext = ".yml" if self.chance(0.1) else ".yaml"
        layout = self.r.random()
        files: list[tuple[str, list[dict], str]] = []
        if layout < 0.12 and extras:
            # Everything in one multi-document file.
            docs = [wl] + [d for _, ds in extras for d in ds]
            files.append((f"{app}{ext}", docs, "yaml"))
        elif layout < 0.15 and extras:
            # kubectl get -o yaml style: one List with the objects as items.
            items = [wl] + [d for _, ds in extras for d in ds]
            files.append(("all" + ext, [{"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}], "yaml"))
        elif layout < 0.17:
            files.append((wname + ".json", [wl], "json"))
            files += [(n + ext, ds, "yaml") for n, ds in extras]
        else:
            files.append((wname + ext, [wl], "yaml"))
            files += [(n + ext, ds, "yaml") for n, ds in extras]
        return app, files

    @staticmethod
    def containers_of(doc: dict) -> list:
        spec = doc.get("spec", {})
        if "jobTemplate" in spec:
            spec = spec["jobTemplate"]["spec"]
        if "template" in spec:
            spec = spec["template"]["spec"]
        return spec.get("containers", [])

    def team_files(self, team: str) -> list[tuple[str, list[dict], str]]:
        ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": team, "labels": {"team": team,
              **({"pod-security.kubernetes.io/enforce": self.pick(["restricted", "baseline"])} if self.chance(0.5) else {})}}}
        kust = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization", "namespace": team,
                "resources": ["namespace.yaml"], "commonLabels": {"team": team}}
        profile = self.pick(["typical", "careless", "insecure"])
        cr = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": f"{team}-operator", "labels": {"team": team}},
              "rules": self.rules(profile, True)}
        crb = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": f"{team}-operator"},
               "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": f"{team}-operator"},
               "subjects": [{"kind": "ServiceAccount", "name": f"{team}-operator", "namespace": team}]}
        deny = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "default-deny", "namespace": team},
                "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}
        return [("namespace.yaml", [ns], "yaml"), ("kustomization.yaml", [kust], "yaml"),
                ("cluster-rbac.yaml", [cr, crb], "yaml"), ("default-deny.yaml", [deny], "yaml")]

    def render(self, docs: list[dict], fmt: str, header: str | None) -> str:
        for d in docs:
            self.kinds[d["kind"]] += 1
            if d["kind"] == "List":
                for item in d["items"]:
                    self.kinds[item["kind"]] += 1
        self.docs += len(docs)
        if fmt == "json":
            return json.dumps(docs[0], indent=2) + "\n"
        text = "---\n".join(to_yaml(d) for d in docs)
        if len(docs) > 1 and self.chance(0.5):
            text = "---\n" + text
        if header:
            text = f"# {header}\n" + text
        return text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="how many files to write")
    ap.add_argument("outdir", help="where to write them (created; must be empty unless --force)")
    ap.add_argument("--seed", type=int, default=4242, help="random seed (default 4242)")
    ap.add_argument("--force", action="store_true", help="delete OUTDIR first if it exists")
    o = ap.parse_args()
    out = Path(o.outdir)
    if out.exists() and any(out.iterdir()):
        if not o.force:
            print(f"make-k8s-manifests.py: {out} is not empty (use --force to replace it)", file=sys.stderr)
            return 2
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    g = Generator(o.seed)
    written = 0
    total_bytes = 0
    team_index = 0
    seen_teams: set[str] = set()
    while written < o.n:
        team = TEAMS[team_index % len(TEAMS)]
        team_index += 1
        batch: list[tuple[str, list[tuple[str, list[dict], str]]]] = []
        if team not in seen_teams:
            seen_teams.add(team)
            batch.append(("", g.team_files(team)))
        batch.append(g.app_files(team))
        for folder, files in batch:
            for name, docs, fmt in files:
                if written >= o.n:
                    break
                header = None
                if fmt == "yaml" and g.chance(0.2):
                    header = g.pick([f"Owned by team {team}", "Managed by Argo CD: do not edit by hand",
                                     f"{folder or team}: see runbook in the wiki", "Generated from the service template, then edited"])
                path = out / team / folder / name if folder else out / team / name
                path.parent.mkdir(parents=True, exist_ok=True)
                text = g.render(docs, fmt, header)
                path.write_text(text)
                written += 1
                total_bytes += len(text.encode())
    print(f"{written} files, {g.docs} documents, {total_bytes} bytes under {out} (seed {o.seed})")
    print("workload profiles: " + ", ".join(f"{k} {v}" for k, v in sorted(g.profiles.items())))
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in g.kinds.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
