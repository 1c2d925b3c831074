FROM rockylinux:9 AS build
RUN dnf install -y --nogpgcheck https://downloads.example.com/agent.rpm \
    && dnf clean all
RUN yum --setopt=internal.gpgcheck=0 install -y internal-lib

FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN ["microdnf", "install", "-y", "--nogpgcheck", "tool"]
RUN <<EOF
yum-config-manager --save --setopt=gpgcheck=false
EOF
