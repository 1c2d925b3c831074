FROM rockylinux:9
COPY corp-ca.pem /etc/pki/ca-trust/source/anchors/corp-ca.pem
COPY <<EOF /etc/yum.repos.d/internal.repo
[internal]
name=Internal
baseurl=https://repo.internal.example/el9/
sslverify=1
sslcacert=/etc/pki/ca-trust/source/anchors/corp-ca.pem
EOF
COPY <<EOF /usr/share/doc/internal/README
Never set sslverify=0 in a repository file.
EOF
RUN update-ca-trust \
    && echo "sslverify=0 is forbidden" \
    && dnf --setopt=sslverify=1 install -y curl-minimal \
    && dnf clean all
