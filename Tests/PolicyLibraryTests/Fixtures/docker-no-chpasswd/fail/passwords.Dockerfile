FROM debian:bookworm-slim AS base
RUN useradd -m admin && echo 'admin:admin123' | chpasswd

FROM base
RUN ["passwd", "-d", "root"]
RUN <<EOF
usermod --password "$(openssl passwd -1 hunter2)" admin
EOF
USER admin
