FROM rockylinux:9 AS build
RUN dnf --setopt=sslverify=0 install -y curl-minimal && dnf clean all
RUN echo "sslverify=false" >> /etc/dnf/dnf.conf
RUN ["sh", "-c", "printf 'sslverify=0\n' | tee -a /etc/yum.conf"]

FROM rockylinux:9
COPY <<EOF /etc/yum.repos.d/internal.repo
[internal]
name=Internal
baseurl=https://repo.internal.example/el9/
sslverify=0
gpgcheck=1
EOF
RUN <<EOF
cat > /etc/yum.repos.d/tools.repo <<REPO
[tools]
baseurl=https://tools.internal.example/el9/
sslverify = False
REPO
EOF
