FROM rockylinux:9
RUN rpm --import https://downloads.example.com/RPM-GPG-KEY-example \
    && dnf install -y --setopt=gpgcheck=1 --setopt=install_weak_deps=False agent \
    && echo "do not pass --nogpgcheck" \
    && dnf clean all
