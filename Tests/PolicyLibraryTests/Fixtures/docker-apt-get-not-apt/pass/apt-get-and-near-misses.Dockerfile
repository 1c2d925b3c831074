FROM ubuntu:24.04 AS base
# apt install is what people type; scripts use apt-get
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && apt-cache policy curl \
    && apt-mark hold curl \
    && ls /etc/apt/sources.list.d \
    && echo "do not use apt in scripts" \
    && rm -rf /var/lib/apt/lists/*
RUN ["apt-get", "install", "-y", "git"]
COPY <<EOF /usr/share/doc/README
Run apt install inside the container only when debugging.
EOF
RUN python3 <<EOF
print("apt install is not run here")
EOF
LABEL description="apt install"
